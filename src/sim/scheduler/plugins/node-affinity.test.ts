import { describe, expect, it } from "vitest";
import type { NodeSelectorRequirement } from "kubernetes-types/core/v1";
import { filterWith, make, scoreWith } from "../testing";
import { NodeAffinity } from "./node-affinity";

const ssd = make.nodeInfo(make.node({ name: "node-1", labels: { disktype: "ssd", cores: "16", zone: "a" } }));
const hdd = make.nodeInfo(make.node({ name: "node-2", labels: { disktype: "hdd", cores: "4", zone: "b" } }));
const bare = make.nodeInfo(make.node({ name: "node-3", labels: { cores: "abc" } }));
const nodes = [ssd, hdd, bare];

function required(...exprs: NodeSelectorRequirement[]) {
  return make.pod({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } } } } });
}

const fit = (pod: ReturnType<typeof make.pod>) => filterWith(NodeAffinity, pod, nodes).verdicts.map((v) => (v ? v.message : "fits"));

describe("NodeAffinity filter", () => {
  it("skips pods without a nodeSelector or required affinity", () => {
    expect(filterWith(NodeAffinity, make.pod(), nodes).skipped).toBe(true);
  });

  it("matches nodeSelector labels, with Kubernetes' reason", () => {
    const v = filterWith(NodeAffinity, make.pod({ spec: { nodeSelector: { disktype: "ssd" } } }), nodes).verdicts;
    expect(v[0]).toBeNull();
    expect(v[1]?.code).toBe("UnschedulableAndUnresolvable");
    expect(v[1]?.message).toBe("node(s) didn't match Pod's node affinity/selector");
  });

  it("supports In, NotIn, Exists, DoesNotExist, Gt and Lt", () => {
    const F = "node(s) didn't match Pod's node affinity/selector";
    expect(fit(required({ key: "disktype", operator: "In", values: ["ssd", "nvme"] }))).toEqual(["fits", F, F]);
    expect(fit(required({ key: "disktype", operator: "NotIn", values: ["ssd"] }))).toEqual([F, "fits", "fits"]);
    expect(fit(required({ key: "disktype", operator: "Exists" }))).toEqual(["fits", "fits", F]);
    expect(fit(required({ key: "disktype", operator: "DoesNotExist" }))).toEqual([F, F, "fits"]);
    expect(fit(required({ key: "cores", operator: "Gt", values: ["8"] }))).toEqual(["fits", F, F]);
    expect(fit(required({ key: "cores", operator: "Lt", values: ["8"] }))).toEqual([F, "fits", F]);
  });

  it("ORs the terms and ANDs the expressions within a term", () => {
    const pod = make.pod({
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "disktype", operator: "In", values: ["ssd"] }, { key: "zone", operator: "In", values: ["b"] }] },
                { matchExpressions: [{ key: "zone", operator: "In", values: ["b"] }] },
              ],
            },
          },
        },
      },
    });
    expect(fit(pod)).toEqual(["node(s) didn't match Pod's node affinity/selector", "fits", "node(s) didn't match Pod's node affinity/selector"]);
  });

  it("narrows the nodes to filter with matchFields on metadata.name, and reports conflicting terms", () => {
    const byName = make.pod({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-2"] }] }] } } } } });
    const r = filterWith(NodeAffinity, byName, nodes);
    expect(r.preFilter).toBeNull();
    expect(r.verdicts.map((v) => v === null)).toEqual([false, true, false]);
    const conflict = make.pod({
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }, { key: "metadata.name", operator: "In", values: ["node-2"] }] }] } } } },
    });
    const c = filterWith(NodeAffinity, conflict, nodes);
    expect(c.preFilter?.code).toBe("UnschedulableAndUnresolvable");
    expect(c.preFilter?.message).toBe("pod affinity terms conflict");
  });
});

describe("NodeAffinity score", () => {
  it("sums the weights of matching preferred terms, scaled so the best node gets 100", () => {
    const pod = make.pod({
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 80, preference: { matchExpressions: [{ key: "disktype", operator: "In", values: ["ssd"] }] } },
              { weight: 20, preference: { matchExpressions: [{ key: "zone", operator: "Exists" }] } },
            ],
          },
        },
      },
    });
    const { raw, normalized } = scoreWith(NodeAffinity, pod, nodes);
    expect(raw).toEqual([100, 20, 0]);
    expect(normalized).toEqual([100, 20, 0]);
  });

  it("skips pods without preferences", () => {
    expect(scoreWith(NodeAffinity, make.pod(), nodes).skipped).toBe(true);
  });
});
