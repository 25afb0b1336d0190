import { describe, expect, it } from "vitest";
import { formatFieldError } from "../errors";
import { FieldPath } from "./field";
import { validateVolumes } from "./volumes";

const check = (volumes: Record<string, any>[]) => validateVolumes(volumes as never, FieldPath.root("spec", "volumes"));

describe("volume validation", () => {
  it("keeps only valid volumes by name and reports the rest", () => {
    const { names, errors } = check([{ name: "ok", emptyDir: {} }, { name: "ok", emptyDir: {} }, { name: "none" }]);
    expect([...names.keys()]).toEqual(["ok"]);
    expect(errors.map(formatFieldError)).toEqual(['spec.volumes[1].name: Duplicate value: "ok"', "spec.volumes[2]: Required value: must specify a volume type"]);
  });

  it("checks projected sources and key paths", () => {
    const { errors } = check([
      { name: "p", projected: { sources: [{ configMap: { name: "a", items: [{ key: "k", path: "../x" }] } }, { secret: { name: "b", items: [{ key: "k", path: "../x" }] } }, { serviceAccountToken: { path: "token", expirationSeconds: 60 } }] } },
    ]);
    expect(errors.map(formatFieldError)).toEqual([
      'spec.volumes[0].projected.sources[0].configMap.items[0].path: Invalid value: "../x": must not contain \'..\'',
      'spec.volumes[0].projected.sources[1].secret.items[0].path: Invalid value: "../x": must not contain \'..\'',
      'spec.volumes[0].projected: Invalid value: "b": conflicting duplicate paths',
      "spec.volumes[0].projected.sources[2].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
    ]);
  });
});
