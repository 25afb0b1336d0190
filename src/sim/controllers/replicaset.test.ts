import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { ReplicaSetController } from "./replicaset";
import { ResourceQuotaController } from "./resourcequota";
import { BURST_REPLICAS } from "./workload/settings";
import { bind, eventsFor, make, podsOf, runPod, setPodStatus, workloadCluster } from "./workload/testing";

function setup() {
  const rsc = new ReplicaSetController();
  const c = workloadCluster(rsc);
  return { c, rsc };
}

const rsOf = (c: ReturnType<typeof setup>["c"], name: string) => c.api.get("ReplicaSet", "default", name);

describe("ReplicaSetController", () => {
  it("creates pods named <rs>-<5 chars>, owned by the ReplicaSet, and records SuccessfulCreate", () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("frontend", 3, {}, { tier: "frontend" }), "kubectl");
    rsc.reconcile("default/frontend");
    const pods = podsOf(c, rs);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ tier: "frontend" });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "frontend", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(eventsFor(c, rs)).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`));
    // The status counted what the sync saw before it created anything; the next sync sees the pods.
    expect(rsOf(c, "frontend").status).toEqual({ replicas: 0, observedGeneration: 1 });
    rsc.reconcile("default/frontend");
    expect(rsOf(c, "frontend").status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    for (const p of pods) runPod(c, p);
    rsc.reconcile("default/frontend");
    expect(rsOf(c, "frontend").status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it("creates at most 500 pods per sync, in slow-start batches", () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("big", 600), "kubectl");
    rsc.reconcile("default/big");
    expect(podsOf(c, rs)).toHaveLength(BURST_REPLICAS);
    rsc.reconcile("default/big");
    expect(podsOf(c, rs)).toHaveLength(600);
  });

  it("stops at the first failing batch, records FailedCreate with the API's error and sets ReplicaFailure", async () => {
    const rsc = new ReplicaSetController();
    const c = workloadCluster(new ResourceQuotaController(), rsc);
    c.create({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "pods-2", namespace: "default" }, spec: { hard: { pods: "2" } } }, "kubectl");
    await c.advance(100);
    const rs = c.create<KObject>(make.replicaSet("web", 5), "kubectl");
    expect(() => rsc.reconcile("default/web")).toThrow(/exceeded quota: pods-2, requested: pods=1, used: pods=2, limited: pods=2/);
    // Batches of 1 and 2: the second batch's failure ends the sync with 2 pods made.
    expect(podsOf(c, rs)).toHaveLength(2);
    const events = eventsFor(c, rs);
    expect(events.filter((e) => e.startsWith("SuccessfulCreate"))).toHaveLength(2);
    expect(events.filter((e) => e.startsWith("FailedCreate"))).toEqual([expect.stringMatching(/^FailedCreate: Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods-2, requested: pods=1, used: pods=2, limited: pods=2$/)]);
    const failure = rsOf(c, "web").status.conditions[0];
    expect(failure).toMatchObject({ type: "ReplicaFailure", status: "True", reason: "FailedCreate" });
    expect(failure.message).toMatch(/is forbidden: exceeded quota: pods-2/);
  });

  it("adopts a matching orphan and creates only what is missing", () => {
    const { c, rsc } = setup();
    const orphan = c.create<KObject>(make.pod("stray", { app: "web" }), "kubectl");
    const rs = c.create<KObject>(make.replicaSet("web", 2), "kubectl");
    rsc.reconcile("default/web");
    const adopted = c.api.get("Pod", "default", orphan.metadata.name!);
    expect(adopted.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", name: "web", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true });
    expect(podsOf(c, rs)).toHaveLength(2);
  });

  it("releases a pod whose labels stop matching and replaces it", async () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("web", 2), "kubectl");
    rsc.reconcile("default/web");
    const [first] = podsOf(c, rs);
    c.api.update({ ...first, metadata: { ...first.metadata, labels: { app: "debug" } } }, { actor: "kubectl" });
    await c.advance(100);
    const released = c.api.get("Pod", "default", first.metadata.name!);
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(c, rs)).toHaveLength(2);
    expect(podsOf(c, rs).map((p) => p.metadata.name)).not.toContain(first.metadata.name);
  });

  it("heals itself when a pod is deleted", async () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("web", 3), "kubectl");
    rsc.reconcile("default/web");
    const victim = podsOf(c, rs)[1];
    runPod(c, victim);
    c.api.delete("Pod", "default", victim.metadata.name!, { actor: "kubectl" });
    // The pod is terminating (grace period) and no longer counts: a replacement comes at once.
    await c.advance(100);
    const live = podsOf(c, rs).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    expect(rsOf(c, "web").status.replicas).toBe(3);
  });

  it("scales down unscheduled, then pending, then not-ready pods first, recording SuccessfulDelete", () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("web", 4), "kubectl");
    rsc.reconcile("default/web");
    const [ready, notReady, pending, unscheduled] = podsOf(c, rs);
    runPod(c, ready, "node-1");
    bind(c, notReady, "node-2");
    setPodStatus(c, notReady, "Running", false);
    bind(c, pending, "node-3");
    c.api.update({ ...rsOf(c, "web"), spec: { ...rsOf(c, "web").spec, replicas: 1 } }, { actor: "kubectl" });
    rsc.reconcile("default/web");
    const deleted = eventsFor(c, rs).filter((e) => e.startsWith("SuccessfulDelete"));
    expect(deleted).toEqual([`SuccessfulDelete: Deleted pod: ${unscheduled.metadata.name}`, `SuccessfulDelete: Deleted pod: ${pending.metadata.name}`, `SuccessfulDelete: Deleted pod: ${notReady.metadata.name}`]);
    expect(podsOf(c, rs).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual([ready.metadata.name]);
  });

  it("counts a pod available only minReadySeconds after it became ready", async () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("web", 1, { minReadySeconds: 10 }), "kubectl");
    rsc.reconcile("default/web");
    runPod(c, podsOf(c, rs)[0]);
    rsc.reconcile("default/web");
    expect(rsOf(c, "web").status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(rsOf(c, "web").status.availableReplicas).toBeUndefined();
    // The controller looks again minReadySeconds (+1 s) after the pod became ready.
    await c.advance(11_500);
    expect(rsOf(c, "web").status.availableReplicas).toBe(1);
  });

  it("stops managing pods while the ReplicaSet is being deleted", () => {
    const { c, rsc } = setup();
    const rs = c.create<KObject>(make.replicaSet("web", 2), "kubectl");
    c.api.delete("ReplicaSet", "default", "web", { actor: "kubectl", propagationPolicy: "Foreground" });
    rsc.reconcile("default/web");
    expect(podsOf(c, rs)).toHaveLength(0);
  });
});
