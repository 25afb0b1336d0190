import { describe, expect, it } from "vitest";
import { formatFieldError } from "../errors";
import { FieldPath } from "./field";
import { validateAffinity, validateNodeTaints, validateTopologySpreadConstraints } from "./scheduling";

describe("scheduling constraint validation", () => {
  it("checks node affinity terms and weights", () => {
    const errs = validateAffinity(
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "disk", operator: "Gt", values: ["1", "2"] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
        },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "" }] },
      },
      FieldPath.root("spec", "affinity"),
    ).map(formatFieldError);
    expect(errs).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
      "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it("checks taints and topology spread constraints", () => {
    expect(validateNodeTaints([{ key: "a", effect: "NoSchedule" }, { key: "a", effect: "NoSchedule", value: "x" }], FieldPath.root("metadata", "taints")).map(formatFieldError)).toEqual([
      'metadata.taints[1]: Duplicate value: "a=x:NoSchedule": taints must be unique by key and effect pair',
    ]);
    expect(validateTopologySpreadConstraints([{ maxSkew: 0, topologyKey: "zone", whenUnsatisfiable: "Maybe" }], FieldPath.root("spec", "topologySpreadConstraints")).map(formatFieldError)).toEqual([
      "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
      'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
    ]);
  });
});
