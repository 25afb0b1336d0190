import { describe, expect, it } from "vitest";
import { make, schedulingCluster } from "./testing";

const actor = { actor: "kubectl" };

describe("decision record", () => {
  it("says node by node why a pod is Pending", async () => {
    const { cluster, scheduler } = schedulingCluster();
    cluster.api.create(make.pod({ name: "big", requests: { cpu: "3", memory: "16Gi" } }), actor);
    await cluster.advance(100);
    const r = scheduler.recordFor("default", "big")!;
    expect(r.outcome).toBe("Unschedulable");
    expect(r.feasibleNodes).toBe(0);
    expect(r.evaluatedNodes).toBe(4);
    const why = Object.fromEntries(r.nodes.map((n) => [n.node, n.filters.filter((f) => f.code !== "Success" && f.code !== "Skip" && f.code !== "NotRun")]));
    expect(why["control-plane"]).toEqual([{ plugin: "TaintToleration", code: "UnschedulableAndUnresolvable", reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"] }]);
    expect(why["node-1"]).toEqual([{ plugin: "NodeResourcesFit", code: "Unschedulable", reasons: ["Insufficient memory"] }]);
    expect(r.postFilter).toEqual({
      plugin: "DefaultPreemption",
      code: "Unschedulable",
      reasons: ["preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."],
    });
    expect(r.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it("shows the nodes a PreFilter result ruled out; v1.31's message counts only the nodes filtered", async () => {
    const { cluster, scheduler } = schedulingCluster();
    const byName = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In" as const, values: ["node-2"] }] }] } } };
    cluster.api.create(make.pod({ name: "daemon", requests: { cpu: "5" }, spec: { affinity: byName } }), actor);
    await cluster.advance(100);
    const r = scheduler.recordFor("default", "daemon")!;
    expect(r.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
    const node1 = r.nodes.find((n) => n.node === "node-1")!;
    expect(node1.evaluated).toBe(false);
    expect(node1.preFilterRejection).toEqual({ plugin: "NodeAffinity", code: "UnschedulableAndUnresolvable", reasons: ["node is filtered out by the prefilter result"] });
    expect(r.nodes.map((n) => n.node).sort()).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    expect(r.nodes.find((n) => n.node === "node-2")?.filters.find((f) => f.plugin === "NodeResourcesFit")?.reasons).toEqual(["Insufficient cpu"]);
  });

  it("keeps score details only for the best nodes of a large cluster", async () => {
    const nodes = Array.from({ length: 120 }, (_, i) => ({ name: `n-${i}`, cpu: "4", memory: "8Gi", pods: 110 }));
    const { cluster, scheduler } = schedulingCluster(nodes);
    cluster.api.create(make.pod({ name: "p" }), actor);
    await cluster.advance(100);
    const r = scheduler.recordFor("default", "p")!;
    // 120 nodes: 100 feasible nodes are sought (minFeasibleNodesToFind), 20 are not evaluated.
    expect(r.evaluatedNodes).toBe(100);
    expect(r.nodes.filter((n) => !n.evaluated)).toHaveLength(20);
    expect(r.scoresTruncated).toBe(true);
    // The 50 best (all equal here, the earliest kept), plus the chosen one if it is not among them.
    const scored = r.nodes.filter((n) => n.scores);
    const chosen = r.nodes.find((n) => n.selected)!;
    expect(chosen.scores).toBeDefined();
    expect(scored.length).toBe(scored.filter((n) => !n.selected).length === 50 ? 51 : 50);
  });
});
