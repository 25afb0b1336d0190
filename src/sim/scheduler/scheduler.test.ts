import { describe, expect, it } from "vitest";
import type { Event } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { make, schedulingCluster } from "./testing";

const actor = { actor: "kubectl" };

function pod(cluster: Cluster, name: string, ns = "default") {
  return cluster.api.get("Pod", ns, name);
}

function events(cluster: Cluster, name: string, reason?: string): Event[] {
  return (cluster.api.list("Event") as Event[]).filter((e) => e.involvedObject.name === name && (!reason || e.reason === reason));
}

function condition(cluster: Cluster, name: string) {
  return (pod(cluster, name).status?.conditions ?? []).find((c: { type: string }) => c.type === "PodScheduled");
}

function patchNode(cluster: Cluster, name: string, change: (n: KObject) => void) {
  cluster.api.mutate("Node", undefined, name, actor, change);
}

const TAINT = "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";

describe("kube-scheduler", () => {
  it("binds a pod and says so from default-scheduler", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.create(make.pod({ name: "nginx" }), actor);
    await cluster.advance(100);
    const p = pod(cluster, "nginx");
    expect(p.spec.nodeName).toMatch(/^node-[123]$/);
    expect(condition(cluster, "nginx")).toMatchObject({ type: "PodScheduled", status: "True" });
    const [e] = events(cluster, "nginx", "Scheduled");
    expect(e.type).toBe("Normal");
    expect(e.source?.component).toBe("default-scheduler");
    expect(e.message).toBe(`Successfully assigned default/nginx to ${p.spec.nodeName}`);
  });

  it("leaves a pod asking for 1000Gi Pending with Kubernetes' FailedScheduling message", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.create(make.pod({ name: "memory-demo-3", requests: { memory: "1000Gi" }, limits: { memory: "1000Gi" } }), actor);
    await cluster.advance(100);
    const msg = `0/4 nodes are available: ${TAINT}, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`;
    expect(condition(cluster, "memory-demo-3")).toMatchObject({ status: "False", reason: "Unschedulable", message: msg });
    const [e] = events(cluster, "memory-demo-3", "FailedScheduling");
    expect(e).toMatchObject({ type: "Warning", message: msg, count: 1, source: { component: "default-scheduler" } });
    // Nothing changes: it is retried when the five minutes in the unschedulable pool are up.
    await cluster.advance(5 * 60_000 + 30_000);
    expect(events(cluster, "memory-demo-3", "FailedScheduling")[0].count).toBe(2);
    expect(pod(cluster, "memory-demo-3").spec.nodeName).toBeUndefined();
  });

  it("schedules a nodeSelector pod once a node gets the label", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.create(make.pod({ name: "nginx", spec: { nodeSelector: { disktype: "ssd" } } }), actor);
    await cluster.advance(100);
    expect(condition(cluster, "nginx")?.message).toBe(
      `0/4 nodes are available: ${TAINT}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    patchNode(cluster, "node-1", (n) => (n.metadata.labels!.disktype = "ssd"));
    await cluster.advance(2_000);
    expect(pod(cluster, "nginx").spec.nodeName).toBe("node-1");
  });

  it("retries pending pods when a node joins", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.create(make.pod({ name: "big", requests: { cpu: "6" } }), actor);
    await cluster.advance(100);
    expect(pod(cluster, "big").spec.nodeName).toBeUndefined();
    cluster.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-4" }, status: { capacity: { cpu: "8", memory: "16Gi", pods: "110" } } }, actor);
    await cluster.advance(2_000);
    expect(pod(cluster, "big").spec.nodeName).toBe("node-4");
  });

  it("keeps new pods off a cordoned node", async () => {
    const { cluster } = schedulingCluster([
      { name: "node-1", cpu: "4", memory: "8Gi", pods: 110 },
      { name: "node-2", cpu: "4", memory: "8Gi", pods: 110 },
    ]);
    patchNode(cluster, "node-1", (n) => (n.spec = { ...n.spec, unschedulable: true }));
    patchNode(cluster, "node-2", (n) => (n.spec = { ...n.spec, unschedulable: true }));
    cluster.api.create(make.pod({ name: "web" }), actor);
    await cluster.advance(100);
    expect(condition(cluster, "web")?.message).toBe("0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    patchNode(cluster, "node-2", (n) => (n.spec = { ...n.spec, unschedulable: false }));
    await cluster.advance(2_000);
    expect(pod(cluster, "web").spec.nodeName).toBe("node-2");
  });

  it("frees a node's resources when its pod is deleted or finishes", async () => {
    const { cluster, scheduler } = schedulingCluster([{ name: "node-1", cpu: "2", memory: "4Gi", pods: 110 }]);
    cluster.api.create(make.pod({ name: "first", requests: { cpu: "1500m" } }), actor);
    cluster.api.create(make.pod({ name: "job", requests: { cpu: "400m" } }), actor);
    await cluster.advance(100);
    cluster.api.create(make.pod({ name: "second", requests: { cpu: "1" } }), actor);
    await cluster.advance(100);
    expect(scheduler.nodeInfo("node-1")?.requested.milliCPU).toBe(1900);
    expect(condition(cluster, "second")?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    cluster.api.delete("Pod", "default", "first", actor);
    await cluster.advance(2_000);
    expect(pod(cluster, "second").spec.nodeName).toBe("node-1");
    const job = pod(cluster, "job");
    cluster.api.updateStatus({ ...job, status: { ...job.status, phase: "Succeeded" } }, actor);
    expect(scheduler.nodeInfo("node-1")?.requested.milliCPU).toBe(1000);
  });

  it("spreads identical pods over equal nodes", async () => {
    const { cluster } = schedulingCluster();
    for (let i = 0; i < 6; i++) cluster.api.create(make.pod({ name: `web-${i}`, requests: { cpu: "500m", memory: "512Mi" } }), actor);
    await cluster.advance(1_000);
    const perNode = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const n = pod(cluster, `web-${i}`).spec.nodeName;
      perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    expect([...perNode.entries()].sort()).toEqual([["node-1", 2], ["node-2", 2], ["node-3", 2]]);
  });

  it("places pods the same way for the same seed", async () => {
    const placements = async (seed: number) => {
      const { cluster } = schedulingCluster(undefined, seed);
      for (let i = 0; i < 12; i++) cluster.api.create(make.pod({ name: `p-${i}` }), actor);
      await cluster.advance(1_000);
      return Array.from({ length: 12 }, (_, i) => pod(cluster, `p-${i}`).spec.nodeName).join(",");
    };
    const a = await placements(7);
    expect(await placements(7)).toBe(a);
    const others = await Promise.all([1, 2, 3, 4, 5].map(placements));
    expect(others.some((o) => o !== a)).toBe(true);
  });

  it("leaves pods with spec.nodeName or another schedulerName alone, but counts bound ones", async () => {
    const { cluster, scheduler } = schedulingCluster();
    cluster.api.create(make.pod({ name: "pinned", nodeName: "node-3", requests: { cpu: "1" } }), actor);
    cluster.api.create(make.pod({ name: "other", spec: { schedulerName: "my-scheduler" } }), actor);
    await cluster.advance(1_000);
    expect(pod(cluster, "other").spec.nodeName).toBeUndefined();
    expect(events(cluster, "pinned")).toEqual([]);
    expect(events(cluster, "other")).toEqual([]);
    expect(scheduler.nodeInfo("node-3")?.requested.milliCPU).toBe(1000);
  });

  it("waits on scheduling gates with PodScheduled=False SchedulingGated", async () => {
    const { cluster, scheduler } = schedulingCluster();
    cluster.api.create(make.pod({ name: "gated", spec: { schedulingGates: [{ name: "example.com/approval" }] } }), actor);
    await cluster.advance(1_000);
    expect(condition(cluster, "gated")).toMatchObject({ status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates" });
    expect(scheduler.recordFor("default", "gated")).toMatchObject({ outcome: "SchedulingGated", message: "waiting for scheduling gates: [example.com/approval]" });
    cluster.api.mutate("Pod", "default", "gated", actor, (p) => (p.spec.schedulingGates = []));
    await cluster.advance(100);
    expect(pod(cluster, "gated").spec.nodeName).toMatch(/^node-/);
    expect(condition(cluster, "gated")?.status).toBe("True");
  });

  it("preempts lower-priority pods for a higher-priority one", async () => {
    const { cluster } = schedulingCluster([{ name: "node-1", cpu: "2", memory: "4Gi", pods: 110 }]);
    cluster.api.create(make.pod({ name: "low", requests: { cpu: "1500m" }, priority: 0 }), actor);
    await cluster.advance(100);
    cluster.api.create(make.pod({ name: "high", requests: { cpu: "1" }, priority: 1000 }), actor);
    await cluster.advance(100);
    expect(cluster.api.tryGet("Pod", "default", "low")).toBeUndefined();
    const [preempted] = events(cluster, "low", "Preempted");
    expect(preempted.message).toBe(`Preempted by pod ${pod(cluster, "high").metadata.uid} on node node-1`);
    // The first attempt failed (and nominated node-1); the retry after the victim is gone binds.
    expect(events(cluster, "high", "FailedScheduling")[0].message).toBe("0/1 nodes are available: 1 Insufficient cpu.");
    await cluster.advance(2_000);
    expect(pod(cluster, "high").spec.nodeName).toBe("node-1");
  });

  it("waits for preempted victims to terminate instead of preempting again", async () => {
    const { cluster } = schedulingCluster([{ name: "node-1", cpu: "2", memory: "4Gi", pods: 110 }]);
    cluster.api.registerGracefulDeletion("Pod", (_obj, opts) => opts.gracePeriodSeconds ?? 30);
    cluster.api.create(make.pod({ name: "low", requests: { cpu: "1500m" }, priority: 0 }), actor);
    await cluster.advance(100);
    cluster.api.create(make.pod({ name: "high", requests: { cpu: "1" }, priority: 1000 }), actor);
    await cluster.advance(3_000);
    expect(pod(cluster, "low").metadata.deletionTimestamp).toBeDefined();
    expect(pod(cluster, "high").status.nominatedNodeName).toBe("node-1");
    expect(events(cluster, "high", "FailedScheduling").map((e) => e.message)).toEqual([
      "0/1 nodes are available: 1 Insufficient cpu.",
      "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.",
    ]);
    // The kubelet finishes the victim: the preemptor is moved back and bound to its nominated node.
    cluster.api.delete("Pod", "default", "low", { actor: "kubelet/node-1", gracePeriodSeconds: 0 });
    await cluster.advance(2_000);
    expect(pod(cluster, "high").spec.nodeName).toBe("node-1");
  });

  it("does not preempt for a pod with preemptionPolicy Never", async () => {
    const { cluster } = schedulingCluster([{ name: "node-1", cpu: "2", memory: "4Gi", pods: 110 }]);
    cluster.api.create(make.pod({ name: "low", requests: { cpu: "1500m" } }), actor);
    await cluster.advance(100);
    cluster.api.create(make.pod({ name: "polite", requests: { cpu: "1" }, priority: 1000, spec: { preemptionPolicy: "Never" } }), actor);
    await cluster.advance(100);
    expect(condition(cluster, "polite")?.message).toBe("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.");
    expect(cluster.api.tryGet("Pod", "default", "low")).toBeDefined();
  });

  it("records every node's verdict and score for the latest attempt", async () => {
    const { cluster, scheduler } = schedulingCluster();
    cluster.api.create(make.pod({ name: "web", requests: { cpu: "100m" } }), actor);
    await cluster.advance(100);
    const r = scheduler.recordFor("default", "web")!;
    expect(r.outcome).toBe("Scheduled");
    expect(r.selectedNode).toBe(pod(cluster, "web").spec.nodeName);
    expect(r.numAllNodes).toBe(4);
    expect(r.feasibleNodes).toBe(3);
    const cp = r.nodes.find((n) => n.node === "control-plane")!;
    expect(cp.feasible).toBe(false);
    expect(cp.filters.find((f) => f.plugin === "TaintToleration")).toEqual({ plugin: "TaintToleration", code: "UnschedulableAndUnresolvable", reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"] });
    expect(cp.filters.find((f) => f.plugin === "NodeResourcesFit")?.code).toBe("NotRun");
    const chosen = r.nodes.find((n) => n.selected)!;
    expect(chosen.scores?.map((s) => s.plugin)).toEqual(["TaintToleration", "NodeResourcesFit", "NodeResourcesBalancedAllocation"]);
    expect(chosen.totalScore).toBe(chosen.scores!.reduce((sum, s) => sum + s.weightedScore, 0));
    expect(Math.max(...r.nodes.map((n) => n.totalScore ?? -1))).toBe(chosen.totalScore);
    expect(r.skippedScorePlugins.sort()).toEqual(["InterPodAffinity", "NodeAffinity", "PodTopologySpread"]);
  });
});
