import { describe, expect, it } from "vitest";
import { filterWith, make, scoreWith } from "../testing";
import { TaintToleration } from "./taint-toleration";

const cp = make.nodeInfo(make.node({ name: "control-plane", taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }));
const gpu = make.nodeInfo(make.node({ name: "gpu", taints: [{ key: "gpu", value: "true", effect: "NoExecute" }] }));
const soft = make.nodeInfo(make.node({ name: "soft", taints: [{ key: "spot", value: "yes", effect: "PreferNoSchedule" }] }));
const plain = make.nodeInfo(make.node({ name: "plain" }));

describe("TaintToleration filter", () => {
  it("names the first untolerated NoSchedule or NoExecute taint as Kubernetes prints it", () => {
    const { verdicts } = filterWith(TaintToleration, make.pod(), [cp, gpu, soft, plain]);
    expect(verdicts[0]?.code).toBe("UnschedulableAndUnresolvable");
    expect(verdicts[0]?.message).toBe("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
    expect(verdicts[1]?.message).toBe("node(s) had untolerated taint {gpu: true}");
    // PreferNoSchedule never filters.
    expect(verdicts[2]).toBeNull();
    expect(verdicts[3]).toBeNull();
  });

  it("accepts Exists tolerations, Equal with the right value, and tolerations without an effect", () => {
    const exists = make.pod({ spec: { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] } });
    expect(filterWith(TaintToleration, exists, [cp]).verdicts[0]).toBeNull();
    const equal = make.pod({ spec: { tolerations: [{ key: "gpu", operator: "Equal", value: "true" }] } });
    expect(filterWith(TaintToleration, equal, [gpu]).verdicts[0]).toBeNull();
    const wrongValue = make.pod({ spec: { tolerations: [{ key: "gpu", value: "false", effect: "NoExecute" }] } });
    expect(filterWith(TaintToleration, wrongValue, [gpu]).verdicts[0]?.code).toBe("UnschedulableAndUnresolvable");
    const wrongEffect = make.pod({ spec: { tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }] } });
    expect(filterWith(TaintToleration, wrongEffect, [gpu]).verdicts[0]?.code).toBe("UnschedulableAndUnresolvable");
    const everything = make.pod({ spec: { tolerations: [{ operator: "Exists" }] } });
    expect(filterWith(TaintToleration, everything, [cp, gpu]).verdicts).toEqual([null, null]);
  });
});

describe("TaintToleration score", () => {
  it("counts untolerated PreferNoSchedule taints and reverses them: fewer is better", () => {
    const { raw, normalized } = scoreWith(TaintToleration, make.pod(), [soft, plain]);
    expect(raw).toEqual([1, 0]);
    expect(normalized).toEqual([0, 100]);
  });

  it("gives every node 100 when no PreferNoSchedule taint applies", () => {
    const tolerant = make.pod({ spec: { tolerations: [{ key: "spot", operator: "Exists", effect: "PreferNoSchedule" }] } });
    expect(scoreWith(TaintToleration, tolerant, [soft, plain]).normalized).toEqual([100, 100]);
  });
});
