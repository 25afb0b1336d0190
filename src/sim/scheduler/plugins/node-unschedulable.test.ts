import { describe, expect, it } from "vitest";
import { filterWith, make } from "../testing";
import { NodeUnschedulable, REASONS } from "./node-unschedulable";

describe("NodeUnschedulable", () => {
  const cordoned = make.nodeInfo(make.node({ name: "n1", unschedulable: true }));
  const open = make.nodeInfo(make.node({ name: "n2" }));

  it("rejects cordoned nodes as unresolvable", () => {
    const { verdicts } = filterWith(NodeUnschedulable, make.pod(), [cordoned, open]);
    expect(verdicts[0]?.code).toBe("UnschedulableAndUnresolvable");
    expect(verdicts[0]?.reasons).toEqual(["node(s) were unschedulable"]);
    expect(REASONS.ErrReasonUnschedulable).toBe("node(s) were unschedulable");
    expect(verdicts[1]).toBeNull();
  });

  it("lets a pod that tolerates node.kubernetes.io/unschedulable through", () => {
    const pod = make.pod({ spec: { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] } });
    expect(filterWith(NodeUnschedulable, pod, [cordoned]).verdicts[0]).toBeNull();
  });
});
