import { describe, expect, it } from "vitest";
import type { Event, Taint } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import { make, schedulingCluster } from "../scheduler/testing";

const actor = { actor: "kubectl" };

function taintNode(cluster: Cluster, name: string, taints: Taint[]) {
  cluster.api.mutate("Node", undefined, name, actor, (n) => (n.spec = { ...n.spec, taints }));
}

function evictionEvents(cluster: Cluster, pod: string): string[] {
  return (cluster.api.list("Event") as Event[]).filter((e) => e.reason === "TaintManagerEviction" && e.involvedObject.name === pod).map((e) => `${e.source?.component}: ${e.message}`);
}

const NO_EXECUTE: Taint = { key: "maintenance", value: "true", effect: "NoExecute" };

describe("taint-eviction controller", () => {
  it("deletes a pod that does not tolerate a new NoExecute taint at once", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.create(make.pod({ name: "web", nodeName: "node-1" }), actor);
    await cluster.advance(100);
    taintNode(cluster, "node-1", [NO_EXECUTE]);
    await cluster.advance(100);
    expect(cluster.api.tryGet("Pod", "default", "web")).toBeUndefined();
    expect(evictionEvents(cluster, "web")).toEqual(["taint-eviction-controller: Marking for deletion Pod default/web"]);
  });

  it("marks the pod with the DisruptionTarget condition before deleting it", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.registerGracefulDeletion("Pod", () => 30);
    cluster.api.create(make.pod({ name: "web", nodeName: "node-1" }), actor);
    await cluster.advance(100);
    taintNode(cluster, "node-1", [NO_EXECUTE]);
    await cluster.advance(100);
    const p = cluster.api.get("Pod", "default", "web");
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.status.conditions).toContainEqual(expect.objectContaining({ type: "DisruptionTarget", status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" }));
  });

  it("waits tolerationSeconds, and cancels when the taint goes away first", async () => {
    const { cluster } = schedulingCluster();
    const tolerations = [{ key: "maintenance", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 60 }];
    cluster.api.create(make.pod({ name: "patient", nodeName: "node-1", spec: { tolerations } }), actor);
    cluster.api.create(make.pod({ name: "lucky", nodeName: "node-2", spec: { tolerations } }), actor);
    await cluster.advance(100);
    taintNode(cluster, "node-1", [NO_EXECUTE]);
    taintNode(cluster, "node-2", [NO_EXECUTE]);
    await cluster.advance(30_000);
    taintNode(cluster, "node-2", []);
    await cluster.advance(29_000);
    expect(cluster.api.tryGet("Pod", "default", "patient")).toBeDefined();
    await cluster.advance(2_000);
    expect(cluster.api.tryGet("Pod", "default", "patient")).toBeUndefined();
    expect(cluster.api.tryGet("Pod", "default", "lucky")).toBeDefined();
    expect(evictionEvents(cluster, "lucky")).toEqual(["taint-eviction-controller: Cancelling deletion of Pod default/lucky"]);
  });

  it("leaves pods that tolerate the taint forever", async () => {
    const { cluster } = schedulingCluster();
    cluster.api.create(make.pod({ name: "stays", nodeName: "node-1", spec: { tolerations: [{ key: "maintenance", operator: "Exists" }] } }), actor);
    await cluster.advance(100);
    taintNode(cluster, "node-1", [NO_EXECUTE]);
    await cluster.advance(3_600_000);
    expect(cluster.api.tryGet("Pod", "default", "stays")).toBeDefined();
    expect(evictionEvents(cluster, "stays")).toEqual([]);
  });

  it("evicts a pod created on an already tainted node", async () => {
    const { cluster } = schedulingCluster();
    taintNode(cluster, "node-3", [NO_EXECUTE]);
    await cluster.advance(100);
    cluster.api.create(make.pod({ name: "late", nodeName: "node-3" }), actor);
    await cluster.advance(100);
    expect(cluster.api.tryGet("Pod", "default", "late")).toBeUndefined();
  });
});
