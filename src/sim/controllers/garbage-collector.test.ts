import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import type { Cluster } from "../cluster";
import { DeploymentController } from "./deployment";
import { GarbageCollector } from "./garbage-collector";
import { ReplicaSetController } from "./replicaset";
import { make, runPod, workloadCluster } from "./workload/testing";

/** A Deployment of two running pods, with the controllers and the garbage collector. */
async function deployed(): Promise<{ c: Cluster; gc: GarbageCollector }> {
  const gc = new GarbageCollector();
  const c = workloadCluster(new ReplicaSetController(), new DeploymentController(), gc);
  c.create(make.deployment("web", 2), "kubectl");
  await c.advance(100);
  for (const p of c.api.list("Pod", "default")) runPod(c, p);
  await c.advance(100);
  return { c, gc };
}

const names = (c: Cluster, kind: string) => c.api.list(kind, "default").map((o) => o.metadata.name!);

/** Pods given a grace period finish terminating, as their kubelet would make them. */
function finishTerminating(c: Cluster): void {
  for (const p of c.api.list("Pod", "default")) {
    if (p.metadata.deletionTimestamp) c.api.delete("Pod", "default", p.metadata.name!, { actor: "kubelet/node-1", gracePeriodSeconds: 0 });
  }
}

describe("GarbageCollector", () => {
  it("background: the owner goes at once, then its ReplicaSets, then their pods", async () => {
    const { c, gc } = await deployed();
    const d = c.api.get("Deployment", "default", "web");
    const rs = c.api.list("ReplicaSet", "default")[0];
    expect(gc.dependentsOf(d.metadata.uid!)).toHaveLength(1);
    expect(gc.dependentsOf(rs.metadata.uid!)).toHaveLength(2);
    c.api.delete("Deployment", "default", "web", { actor: "kubectl", propagationPolicy: "Background" });
    expect(names(c, "Deployment")).toEqual([]);
    expect(names(c, "ReplicaSet")).toEqual([rs.metadata.name]);
    await c.advance(100);
    expect(names(c, "ReplicaSet")).toEqual([]);
    expect(c.api.list("Pod", "default").every((p) => p.metadata.deletionTimestamp)).toBe(true);
    finishTerminating(c);
    expect(names(c, "Pod")).toEqual([]);
  });

  it("foreground: the owner waits with foregroundDeletion until every blocking dependent is gone", async () => {
    const { c } = await deployed();
    c.api.delete("Deployment", "default", "web", { actor: "kubectl", propagationPolicy: "Foreground" });
    const d = c.api.get("Deployment", "default", "web");
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(["foregroundDeletion"]);
    await c.advance(100);
    // The ReplicaSet has dependents of its own: it is deleted in the foreground too.
    const rs = c.api.list("ReplicaSet", "default")[0];
    expect(rs.metadata.finalizers).toEqual(["foregroundDeletion"]);
    expect(c.api.list("Pod", "default").every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(names(c, "Deployment")).toEqual(["web"]);
    finishTerminating(c);
    await c.advance(100);
    expect(names(c, "ReplicaSet")).toEqual([]);
    expect(names(c, "Deployment")).toEqual([]);
  });

  it("orphan: dependents lose their ownerReference, then the owner goes", async () => {
    const { c } = await deployed();
    const rsName = names(c, "ReplicaSet")[0];
    c.api.delete("Deployment", "default", "web", { actor: "kubectl", propagationPolicy: "Orphan" });
    expect(c.api.get("Deployment", "default", "web").metadata.finalizers).toEqual(["orphan"]);
    await c.advance(100);
    expect(names(c, "Deployment")).toEqual([]);
    const rs = c.api.get("ReplicaSet", "default", rsName);
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(rs.metadata.managedFields?.some((f) => f.manager === "kube-controller-manager")).toBe(true);
    // The pods still belong to the ReplicaSet, which keeps them running.
    expect(c.api.list("Pod", "default").map((p) => p.metadata.ownerReferences?.[0].name)).toEqual([rsName, rsName]);
    expect(c.api.list("Pod", "default").some((p) => p.metadata.deletionTimestamp)).toBe(false);
  });

  it("deletes an object created with a reference to an owner that does not exist", async () => {
    const gc = new GarbageCollector();
    const c = workloadCluster(gc);
    const owner = c.create<KObject>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner", namespace: "default" } }, "kubectl");
    c.create(make.pod("kept", { app: "x" }, { ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid }] }), "kubectl");
    c.create(make.pod("dangling", { app: "x" }, { ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "gone", uid: "0000" }] }), "kubectl");
    await c.advance(100);
    expect(names(c, "Pod")).toEqual(["kept"]);
  });

  it("drops only the dangling reference of an object that still has a live owner", async () => {
    const gc = new GarbageCollector();
    const c = workloadCluster(gc);
    const a = c.create<KObject>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } }, "kubectl");
    const b = c.create<KObject>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "default" } }, "kubectl");
    const refs = [a, b].map((o) => ({ apiVersion: "v1", kind: "ConfigMap", name: o.metadata.name!, uid: o.metadata.uid! }));
    c.create(make.pod("shared", { app: "x" }, { ownerReferences: refs }), "kubectl");
    c.api.delete("ConfigMap", "default", "a", { actor: "kubectl" });
    await c.advance(100);
    expect(c.api.get("Pod", "default", "shared").metadata.ownerReferences).toEqual([refs[1]]);
  });
});
