import { describe, expect, it } from "vitest";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { StatefulSetController, statefulSetRolloutStatus } from "./statefulset";
import { apply, controllerCluster, eventsFor, podsNamed, setPodStatus } from "./job/testing";

function sts(spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default" },
    spec: {
      serviceName: "nginx",
      replicas: 3,
      selector: { matchLabels: { app: "nginx" } },
      template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "registry.k8s.io/nginx-slim:0.24" }] } },
      ...spec,
    },
  };
}

function setup(spec: Record<string, unknown> = {}): { cluster: Cluster; ctl: StatefulSetController; sync: () => void } {
  const ctl = new StatefulSetController();
  const cluster = controllerCluster([ctl]);
  apply(cluster, sts(spec));
  return { cluster, ctl, sync: () => void ctl.reconcile("default/web") };
}

const names = (cluster: Cluster) => podsNamed(cluster, "default", "web-").map((p) => p.metadata.name);
const ready = (cluster: Cluster, name: string) => setPodStatus(cluster, "default", name, "Running", { ready: true, nodeName: "node-1" });
const patchSpec = (cluster: Cluster, change: (spec: Record<string, any>) => void) => cluster.api.mutate("StatefulSet", "default", "web", { actor: "kubectl" }, (s) => change(s.spec));

describe("StatefulSet controller", () => {
  it("creates web-0, web-1, web-2 in order, each once its predecessor is Running and Ready", () => {
    const { cluster, sync } = setup();
    sync();
    expect(names(cluster)).toEqual(["web-0"]);
    sync();
    expect(names(cluster)).toEqual(["web-0"]);
    ready(cluster, "web-0");
    sync();
    expect(names(cluster)).toEqual(["web-0", "web-1"]);
    ready(cluster, "web-1");
    sync();
    ready(cluster, "web-2");
    sync();
    expect(names(cluster)).toEqual(["web-0", "web-1", "web-2"]);
    expect(eventsFor(cluster, "StatefulSet", "web")).toEqual([
      "SuccessfulCreate: create Pod web-0 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-1 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-2 in StatefulSet web successful",
    ]);
    const s = cluster.api.get("StatefulSet", "default", "web");
    expect(s.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(s.status.currentRevision).toBe(s.status.updateRevision);
    expect(statefulSetRolloutStatus(s)).toEqual({ message: "partitioned roll out complete: 3 new pods have been updated...\n", done: true });
  });

  it("gives each pod its identity: hostname, subdomain, pod-name and pod-index labels, revision", () => {
    const { cluster, sync } = setup();
    sync();
    const pod = cluster.api.get("Pod", "default", "web-0");
    const rev = cluster.api.list("ControllerRevision", "default")[0];
    expect(pod.spec.hostname).toBe("web-0");
    expect(pod.spec.subdomain).toBe("nginx");
    expect(pod.metadata.labels).toEqual({ app: "nginx", "statefulset.kubernetes.io/pod-name": "web-0", "apps.kubernetes.io/pod-index": "0", "controller-revision-hash": rev.metadata.name });
    expect(rev.metadata.name).toMatch(/^web-[bcdf4-9]{1,10}$/);
    expect(rev.revision).toBe(1);
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: cluster.api.get("StatefulSet", "default", "web").metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it("creates every pod at once under Parallel", () => {
    const { cluster, sync } = setup({ podManagementPolicy: "Parallel" });
    sync();
    expect(names(cluster)).toEqual(["web-0", "web-1", "web-2"]);
  });

  it("scales down from the highest ordinal, one pod at a time, waiting for each to go", () => {
    const { cluster, sync } = setup();
    for (const n of ["web-0", "web-1", "web-2"]) {
      sync();
      ready(cluster, n);
    }
    patchSpec(cluster, (s) => (s.replicas = 1));
    sync();
    expect(cluster.api.get("Pod", "default", "web-2").metadata.deletionTimestamp).toBeDefined();
    expect(cluster.api.get("Pod", "default", "web-1").metadata.deletionTimestamp).toBeUndefined();
    sync();
    expect(cluster.api.get("Pod", "default", "web-1").metadata.deletionTimestamp).toBeUndefined();
    cluster.api.delete("Pod", "default", "web-2", { actor: "kubelet/node-1", gracePeriodSeconds: 0 });
    sync();
    expect(cluster.api.get("Pod", "default", "web-1").metadata.deletionTimestamp).toBeDefined();
    expect(eventsFor(cluster, "StatefulSet", "web").slice(-2)).toEqual(["SuccessfulDelete: delete Pod web-2 in StatefulSet web successful", "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful"]);
  });

  it("replaces a failed pod under the same name", () => {
    const { cluster, sync } = setup({ replicas: 1 });
    sync();
    setPodStatus(cluster, "default", "web-0", "Failed", { nodeName: "node-1" });
    sync();
    expect(cluster.api.tryGet("Pod", "default", "web-0")).toBeUndefined();
    sync();
    expect(cluster.api.get("Pod", "default", "web-0").status.phase).toBe("Pending");
  });

  it("rolls a partitioned update from the highest ordinal down to the partition", () => {
    const { cluster, sync } = setup();
    for (const n of ["web-0", "web-1", "web-2"]) {
      sync();
      ready(cluster, n);
    }
    sync();
    const first = cluster.api.get("StatefulSet", "default", "web").status.currentRevision;
    patchSpec(cluster, (s) => {
      s.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.21";
      s.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 2 } };
    });
    sync();
    let s = cluster.api.get("StatefulSet", "default", "web");
    const second = s.status.updateRevision;
    expect(second).not.toBe(first);
    expect(cluster.api.get("Pod", "default", "web-2").metadata.deletionTimestamp).toBeDefined();
    expect(statefulSetRolloutStatus(s).message).toBe("Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n");
    cluster.api.delete("Pod", "default", "web-2", { actor: "kubelet/node-1", gracePeriodSeconds: 0 });
    sync();
    expect(cluster.api.get("Pod", "default", "web-2").spec.containers[0].image).toBe("registry.k8s.io/nginx-slim:0.21");
    ready(cluster, "web-2");
    sync();
    sync();
    s = cluster.api.get("StatefulSet", "default", "web");
    expect(cluster.api.get("Pod", "default", "web-1").metadata.deletionTimestamp).toBeUndefined();
    expect(cluster.api.get("Pod", "default", "web-1").metadata.labels?.["controller-revision-hash"]).toBe(first);
    expect(s.status).toMatchObject({ currentRevision: first, updateRevision: second, currentReplicas: 2, updatedReplicas: 1, readyReplicas: 3 });
    expect(statefulSetRolloutStatus(s)).toEqual({ message: "partitioned roll out complete: 1 new pods have been updated...\n", done: true });
    expect(cluster.api.list("ControllerRevision", "default").map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it("leaves pods alone under OnDelete, and recreates a deleted one at the new revision", () => {
    const { cluster, sync } = setup({ replicas: 1, updateStrategy: { type: "OnDelete" } });
    sync();
    ready(cluster, "web-0");
    patchSpec(cluster, (s) => (s.template.spec.containers[0].image = "nginx:1.27"));
    sync();
    expect(cluster.api.get("Pod", "default", "web-0").metadata.deletionTimestamp).toBeUndefined();
    cluster.api.delete("Pod", "default", "web-0", { actor: "kubectl", gracePeriodSeconds: 0 });
    sync();
    expect(cluster.api.get("Pod", "default", "web-0").spec.containers[0].image).toBe("nginx:1.27");
  });

  it("creates each claim before its pod, labelled with the selector, and mounts it", () => {
    const claim = { metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };
    const { cluster, sync } = setup({ replicas: 1, volumeClaimTemplates: [claim] });
    sync();
    const pvc = cluster.api.get("PersistentVolumeClaim", "default", "www-web-0");
    expect(pvc.metadata.labels).toEqual({ app: "nginx" });
    expect(pvc.metadata.ownerReferences).toBeUndefined();
    expect(cluster.api.get("Pod", "default", "web-0").spec.volumes[0]).toEqual({ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } });
    expect(eventsFor(cluster, "StatefulSet", "web")).toEqual(["SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success", "SuccessfulCreate: create Pod web-0 in StatefulSet web successful"]);
  });

  it("gives claims owners by persistentVolumeClaimRetentionPolicy", () => {
    const claim = { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };
    const { cluster, sync } = setup({ replicas: 2, volumeClaimTemplates: [claim], persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Delete" } });
    sync();
    ready(cluster, "web-0");
    sync();
    ready(cluster, "web-1");
    sync();
    const owners = (name: string) => (cluster.api.get("PersistentVolumeClaim", "default", name).metadata.ownerReferences ?? []).map((r: { kind: string; name: string }) => `${r.kind}/${r.name}`);
    expect(owners("data-web-0")).toEqual(["StatefulSet/web"]);
    expect(owners("data-web-1")).toEqual(["StatefulSet/web"]);
    patchSpec(cluster, (s) => (s.replicas = 1));
    sync();
    expect(owners("data-web-1")).toEqual(["Pod/web-1"]);
    expect(owners("data-web-0")).toEqual(["StatefulSet/web"]);
  });

  it("keeps only revisionHistoryLimit unused revisions", () => {
    const { cluster, sync } = setup({ replicas: 1, revisionHistoryLimit: 1, updateStrategy: { type: "OnDelete" } });
    sync();
    for (const image of ["a:1", "a:2", "a:3"]) {
      patchSpec(cluster, (s) => (s.template.spec.containers[0].image = image));
      sync();
    }
    // Revision 1 (the pod's), the update revision 4, and one more from history.
    expect(cluster.api.list("ControllerRevision", "default").map((r) => r.revision).sort()).toEqual([1, 3, 4]);
  });
});
