import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { ReplicationManager } from "./replication-controller";
import { eventsFor, make, podsOf, runPod, workloadCluster } from "./workload/testing";

describe("ReplicationManager", () => {
  it("keeps spec.replicas pods of its map selector, writing as replication-controller", async () => {
    const rm = new ReplicationManager();
    const c = workloadCluster(rm);
    const rc = c.create<KObject>(make.replicationController("nginx", 3), "kubectl");
    rm.reconcile("default/nginx");
    const pods = podsOf(c, rc);
    expect(pods.map((p) => p.metadata.ownerReferences?.[0])).toEqual(pods.map(() => ({ apiVersion: "v1", kind: "ReplicationController", name: "nginx", uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true })));
    expect(pods.every((p) => /^nginx-[a-z0-9]{5}$/.test(p.metadata.name!))).toBe(true);
    const event = c.api.list("Event", "default").find((e) => e.involvedObject.uid === rc.metadata.uid)!;
    expect(event.source).toEqual({ component: "replication-controller" });
    for (const p of pods) runPod(c, p);
    await c.advance(100);
    expect(c.api.get("ReplicationController", "default", "nginx").status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    // Scaling down deletes two.
    const live = c.api.get("ReplicationController", "default", "nginx");
    c.api.update({ ...live, spec: { ...live.spec, replicas: 1 } }, { actor: "kubectl" });
    await c.advance(100);
    expect(eventsFor(c, rc).filter((e) => e.startsWith("SuccessfulDelete"))).toHaveLength(2);
    expect(c.api.get("ReplicationController", "default", "nginx").status.replicas).toBe(1);
  });

  it("counts fullyLabeledReplicas against the template's labels, not just the selector", () => {
    const rm = new ReplicationManager();
    const c = workloadCluster(rm);
    const rc = make.replicationController("web", 1);
    rc.spec.template.metadata.labels = { app: "web", tier: "front" };
    c.create(rc, "kubectl");
    c.create(make.pod("partial", { app: "web" }), "kubectl");
    rm.reconcile("default/web");
    rm.reconcile("default/web");
    expect(c.api.get("ReplicationController", "default", "web").status).toEqual({ replicas: 1, observedGeneration: 1 });
  });
});
