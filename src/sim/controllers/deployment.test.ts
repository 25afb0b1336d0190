import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import type { Cluster } from "../cluster";
import { DeploymentController } from "./deployment";
import { ReplicaSetController } from "./replicaset";
import { eventsFor, make, runPod, workloadCluster } from "./workload/testing";

function setup(): Cluster {
  return workloadCluster(new ReplicaSetController(), new DeploymentController());
}

const get = (c: Cluster, name = "web") => c.api.get("Deployment", "default", name);

/** The Deployment's ReplicaSets, oldest first, as "name=replicas". */
function sets(c: Cluster, d = get(c)): KObject[] {
  return c.api
    .list("ReplicaSet", "default")
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid))
    .sort((a, b) => Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]) - Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"]));
}

const sizes = (c: Cluster) => sets(c).map((rs) => rs.spec.replicas);

/** Every live pod becomes Running and Ready (the kubelets' part), then the controllers catch up. */
async function podsReady(c: Cluster, image?: string): Promise<void> {
  for (const p of c.api.list("Pod", "default")) {
    if (p.metadata.deletionTimestamp || p.status?.conditions?.some((x: { type: string; status: string }) => x.type === "Ready" && x.status === "True")) continue;
    if (image && p.spec.containers[0].image !== image) continue;
    runPod(c, p);
  }
  await c.advance(100);
}

/** Pods being deleted finish terminating (the kubelets' part). */
async function podsGone(c: Cluster): Promise<void> {
  for (const p of c.api.list("Pod", "default")) {
    if (p.metadata.deletionTimestamp) c.api.delete("Pod", "default", p.metadata.name!, { actor: "kubelet/node-1", gracePeriodSeconds: 0 });
  }
  await c.advance(100);
}

function setImage(c: Cluster, image: string, name = "web"): void {
  const d = get(c, name);
  const template = { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ ...d.spec.template.spec.containers[0], image }] } };
  c.api.update({ ...d, spec: { ...d.spec, template } }, { actor: "kubectl" });
}

function condition(d: KObject, type: string) {
  return d.status?.conditions?.find((x: { type: string }) => x.type === type);
}

describe("DeploymentController", () => {
  it("creates <deployment>-<pod-template-hash> at revision 1 and reports progress and availability", async () => {
    const c = setup();
    c.create(make.deployment("web", 3), "kubectl");
    await c.advance(100);
    const [rs] = sets(c);
    const hash = rs.metadata.labels?.["pod-template-hash"];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[456789bcdf]{9,10}$/);
    expect(rs.spec.selector).toEqual({ matchLabels: { app: "web", "pod-template-hash": hash } });
    expect(rs.spec.template.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata.annotations).toEqual({ "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4", "deployment.kubernetes.io/revision": "1" });
    expect(get(c).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(eventsFor(c, get(c))).toEqual([`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} to 3`]);
    expect(condition(get(c), "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." });
    expect(condition(get(c), "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rs.metadata.name}" is progressing.` });
    await podsReady(c);
    const d = get(c);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect(condition(d, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." });
    expect(condition(d, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
  });

  it("rolls with maxSurge 1 and maxUnavailable 1: never more than 5 pods, never fewer than 3 available", async () => {
    const c = setup();
    c.create(make.deployment("web", 4, { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }), "kubectl");
    await c.advance(100);
    await podsReady(c);
    setImage(c, "nginx:1.16.1");
    await c.advance(100);
    // Surge one new pod, and take one old one away at once (availability allows it).
    expect(sizes(c)).toEqual([3, 2]);
    const [old, fresh] = sets(c).map((rs) => rs.metadata.name);
    expect(eventsFor(c, get(c)).slice(1)).toEqual([`ScalingReplicaSet: Scaled up replica set ${fresh} to 1`, `ScalingReplicaSet: Scaled down replica set ${old} to 3 from 4`, `ScalingReplicaSet: Scaled up replica set ${fresh} to 2 from 1`]);
    // Nothing more until new pods are available.
    await c.advance(5000);
    expect(sizes(c)).toEqual([3, 2]);
    await podsReady(c, "nginx:1.16.1");
    expect(sizes(c)).toEqual([1, 4]);
    await podsReady(c, "nginx:1.16.1");
    expect(sizes(c)).toEqual([0, 4]);
    await podsGone(c);
    const d = get(c);
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(condition(d, "Progressing")?.reason).toBe("NewReplicaSetAvailable");
  });

  it("Recreate scales the old ReplicaSet to zero and waits for its pods to be gone before creating the new one", async () => {
    const c = setup();
    c.create(make.deployment("web", 3, { strategy: { type: "Recreate" } }), "kubectl");
    await c.advance(100);
    await podsReady(c);
    setImage(c, "nginx:1.16.1");
    await c.advance(100);
    expect(sizes(c)).toEqual([0]);
    expect(condition(get(c), "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
    await c.advance(5000);
    expect(sets(c)).toHaveLength(1);
    await podsGone(c);
    expect(sizes(c)).toEqual([0, 3]);
    const [old, fresh] = sets(c).map((rs) => rs.metadata.name);
    expect(eventsFor(c, get(c)).slice(1)).toEqual([`ScalingReplicaSet: Scaled down replica set ${old} to 0 from 3`, `ScalingReplicaSet: Scaled up replica set ${fresh} to 3`]);
  });

  it("scales proportionally during a stalled rollout (10 → 15 replicas: 11 old, 7 new)", async () => {
    const c = setup();
    c.create(make.deployment("web", 10, { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }), "kubectl");
    await c.advance(100);
    await podsReady(c);
    setImage(c, "nginx:sometag");
    await c.advance(1000);
    expect(sizes(c)).toEqual([8, 5]);
    const d = get(c);
    c.api.update({ ...d, spec: { ...d.spec, replicas: 15 } }, { actor: "kubectl" });
    await c.advance(1000);
    expect(sizes(c)).toEqual([11, 7]);
    const [old, fresh] = sets(c).map((rs) => rs.metadata.name);
    expect(eventsFor(c, get(c)).slice(-2)).toEqual([`ScalingReplicaSet: Scaled up replica set ${old} to 11 from 8`, `ScalingReplicaSet: Scaled up replica set ${fresh} to 7 from 5`]);
    expect(sets(c).map((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"])).toEqual(["15", "15"]);
  });

  it("does not roll out while paused and resumes with DeploymentResumed", async () => {
    const c = setup();
    c.create(make.deployment("web", 2), "kubectl");
    await c.advance(100);
    await podsReady(c);
    const d = get(c);
    c.api.update({ ...d, spec: { ...d.spec, paused: true } }, { actor: "kubectl" });
    await c.advance(100);
    expect(condition(get(c), "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
    setImage(c, "nginx:1.16.1");
    await c.advance(1000);
    expect(sets(c)).toHaveLength(1);
    const paused = get(c);
    c.api.update({ ...paused, spec: { ...paused.spec, paused: undefined } }, { actor: "kubectl" });
    await c.advance(100);
    expect(sets(c)).toHaveLength(2);
    expect(condition(get(c), "Progressing")?.reason).toBe("ReplicaSetUpdated");
  });

  it("reports ProgressDeadlineExceeded when no progress is made within progressDeadlineSeconds", async () => {
    const c = setup();
    c.create(make.deployment("web", 2, { progressDeadlineSeconds: 10 }), "kubectl");
    await c.advance(100);
    await podsReady(c);
    setImage(c, "nginx:1.161");
    await c.advance(5000);
    expect(condition(get(c), "Progressing")?.reason).toBe("ReplicaSetUpdated");
    await c.advance(10_000);
    const newRS = sets(c)[1].metadata.name;
    expect(condition(get(c), "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${newRS}" has timed out progressing.` });
  });

  it("passes minReadySeconds to its ReplicaSets and counts pods available only after it", async () => {
    const c = setup();
    c.create(make.deployment("web", 2, { minReadySeconds: 10 }), "kubectl");
    await c.advance(100);
    expect(sets(c)[0].spec.minReadySeconds).toBe(10);
    await podsReady(c);
    expect(get(c).status).toMatchObject({ readyReplicas: 2, updatedReplicas: 2 });
    expect(get(c).status.availableReplicas).toBeUndefined();
    expect(condition(get(c), "Available")?.status).toBe("False");
    await c.advance(11_000);
    expect(get(c).status.availableReplicas).toBe(2);
    expect(condition(get(c), "Progressing")?.reason).toBe("NewReplicaSetAvailable");
    // Changing minReadySeconds is not a new rollout: the same ReplicaSet takes the new value.
    const d = get(c);
    c.api.update({ ...d, spec: { ...d.spec, minReadySeconds: 5 } }, { actor: "kubectl" });
    await c.advance(100);
    expect(sets(c).map((rs) => rs.spec.minReadySeconds)).toEqual([5]);
  });

  it("keeps only revisionHistoryLimit old ReplicaSets once a rollout completes", async () => {
    const c = setup();
    c.create(make.deployment("web", 1, { revisionHistoryLimit: 1 }), "kubectl");
    await c.advance(100);
    await podsReady(c);
    for (const image of ["nginx:1.15", "nginx:1.16", "nginx:1.17"]) {
      setImage(c, image);
      for (let i = 0; i < 3; i++) {
        await podsReady(c, image);
        await podsGone(c);
      }
    }
    expect(sets(c).map((rs) => rs.spec.template.spec.containers[0].image)).toEqual(["nginx:1.16", "nginx:1.17"]);
    expect(sets(c).map((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"])).toEqual(["3", "4"]);
  });

  it("adopts an orphaned ReplicaSet with its template instead of creating a new one", async () => {
    const c = setup();
    c.create(make.deployment("web", 2), "kubectl");
    await c.advance(100);
    const [rs] = sets(c);
    c.api.delete("Deployment", "default", "web", { actor: "kubectl", propagationPolicy: "Orphan" });
    const d = get(c);
    // The garbage collector's part: orphan the ReplicaSet, then let the Deployment go.
    const live = c.api.get("ReplicaSet", "default", rs.metadata.name!);
    c.api.update({ ...live, metadata: { ...live.metadata, ownerReferences: undefined } }, { actor: "generic-garbage-collector" });
    c.api.update({ ...d, metadata: { ...d.metadata, finalizers: undefined } }, { actor: "generic-garbage-collector" });
    c.create(make.deployment("web", 2), "kubectl");
    await c.advance(100);
    expect(sets(c).map((x) => x.metadata.name)).toEqual([rs.metadata.name]);
    expect(sets(c)[0].metadata.ownerReferences?.[0].uid).toBe(get(c).metadata.uid);
  });

  it("bumps collisionCount when its ReplicaSet name is taken by another template", async () => {
    const c = setup();
    const d = c.create<KObject>(make.deployment("web", 1, { replicas: 0 }), "kubectl");
    await c.advance(100);
    const [rs] = sets(c);
    // Another object takes the new template's name first.
    c.api.delete("ReplicaSet", "default", rs.metadata.name!, { actor: "kubectl" });
    c.create({ ...make.replicaSet(rs.metadata.name!, 0, {}, { app: "other" }) }, "kubectl");
    await c.advance(100);
    expect(get(c).status.collisionCount).toBe(1);
    const [again] = sets(c, d);
    expect(again.metadata.name).not.toBe(rs.metadata.name);
    expect(again.metadata.name).toBe(`web-${again.metadata.labels?.["pod-template-hash"]}`);
  });
});
