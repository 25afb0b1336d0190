import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { defaultComponents } from "../components";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { StorageComponent } from "./storage";
import { make } from "./testing";

function cluster(): Cluster {
  const components = defaultComponents().filter((c) => c.name !== "storage");
  return createCluster({ components: [...components, new StorageComponent()] });
}

const A = { actor: "kubectl" };
const get = (c: Cluster, kind: string, name: string, ns?: string): KObject => c.api.get(kind, kind === "PersistentVolume" || kind === "StorageClass" ? undefined : (ns ?? "default"), name);
function events(c: Cluster, name: string): string[] {
  return c.store
    .list("Event")
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

describe("PersistentVolumeController", () => {
  it("makes a new volume Available and binds a claim to the smallest one that fits", async () => {
    const c = cluster();
    c.api.create(make.pv("big", { capacity: "20Gi", storageClassName: "manual" }), A);
    c.api.create(make.pv("small", { capacity: "5Gi", storageClassName: "manual" }), A);
    c.api.create(make.pv("tiny", { capacity: "1Gi", storageClassName: "manual" }), A);
    await c.advance(100);
    expect(get(c, "PersistentVolume", "small").status.phase).toBe("Available");
    c.api.create(make.pvc("claim", { request: "3Gi", storageClassName: "manual" }), A);
    await c.advance(100);
    const pvc = get(c, "PersistentVolumeClaim", "claim");
    expect(pvc.spec.volumeName).toBe("small");
    expect(pvc.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "5Gi" } });
    expect(pvc.metadata.annotations).toEqual({ "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(pvc.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    const pv = get(c, "PersistentVolume", "small");
    expect(pv.status.phase).toBe("Bound");
    expect(pv.spec.claimRef).toMatchObject({ kind: "PersistentVolumeClaim", namespace: "default", name: "claim", uid: pvc.metadata.uid, apiVersion: "v1" });
    expect(pv.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(pv.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(get(c, "PersistentVolume", "big").status.phase).toBe("Available");
  });

  it("matches class, access modes and selector; an empty class matches only volumes without one", async () => {
    const c = cluster();
    c.api.create(make.pv("ssd", { storageClassName: "fast", labels: { disk: "ssd" } }), A);
    c.api.create(make.pv("hdd", { storageClassName: "fast", labels: { disk: "hdd" } }), A);
    c.api.create(make.pv("rwx", { modes: ["ReadWriteMany"] }), A);
    c.api.create(make.pv("plain", {}), A);
    await c.advance(100);
    c.api.create(make.pvc("by-label", { storageClassName: "fast", selector: { disk: "hdd" } }), A);
    c.api.create(make.pvc("shared", { storageClassName: "", modes: ["ReadWriteMany"] }), A);
    c.api.create(make.pvc("no-class", { storageClassName: "" }), A);
    await c.advance(100);
    expect(get(c, "PersistentVolumeClaim", "by-label").spec.volumeName).toBe("hdd");
    expect(get(c, "PersistentVolumeClaim", "shared").spec.volumeName).toBe("rwx");
    expect(get(c, "PersistentVolumeClaim", "no-class").spec.volumeName).toBe("plain");
  });

  it("leaves a claim with no class and no volume Pending with FailedBinding, and binds it when a volume appears", async () => {
    const c = cluster();
    c.api.create(make.pvc("orphan", { storageClassName: "" }), A);
    await c.advance(100);
    expect(get(c, "PersistentVolumeClaim", "orphan").status.phase).toBe("Pending");
    expect(events(c, "orphan")).toEqual(["Normal FailedBinding no persistent volumes available for this claim and no storage class is set"]);
    await c.advance(15_000);
    expect(c.store.list("Event").find((e) => e.involvedObject?.name === "orphan")?.count).toBe(2);
    c.api.create(make.pv("late", {}), A);
    await c.advance(100);
    // A new volume does not wake pending claims: the next resync binds them.
    expect(get(c, "PersistentVolumeClaim", "orphan").status.phase).toBe("Pending");
    await c.advance(15_000);
    expect(get(c, "PersistentVolumeClaim", "orphan").status.phase).toBe("Bound");
  });

  it("honours pre-binding from either side, and refuses a named volume that does not fit", async () => {
    const c = cluster();
    c.api.create(make.pv("reserved", { claimRef: { namespace: "default", name: "owner" } }), A);
    c.api.create(make.pv("named", { capacity: "1Gi", storageClassName: "manual" }), A);
    await c.advance(100);
    c.api.create(make.pvc("other", { storageClassName: "" }), A);
    c.api.create(make.pvc("owner", { storageClassName: "" }), A);
    c.api.create(make.pvc("wants-named", { storageClassName: "manual", volumeName: "named", request: "2Gi" }), A);
    await c.advance(100);
    expect(get(c, "PersistentVolumeClaim", "owner").spec.volumeName).toBe("reserved");
    // A user's pre-binding is not the controller's: no bound-by-controller on the volume.
    expect(get(c, "PersistentVolume", "reserved").metadata.annotations).toBeUndefined();
    expect(get(c, "PersistentVolumeClaim", "other").status.phase).toBe("Pending");
    expect(get(c, "PersistentVolumeClaim", "wants-named").status.phase).toBe("Pending");
    expect(events(c, "wants-named")).toEqual(['Warning VolumeMismatch Cannot bind to requested volume "named": requested PV is too small']);
  });

  it("Retain: the volume is Released with its claimRef when the claim goes", async () => {
    const c = cluster();
    c.api.create(make.pv("keep", { storageClassName: "manual" }), A);
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    await c.advance(100);
    c.api.delete("PersistentVolumeClaim", "default", "claim", A);
    await c.advance(100);
    expect(c.store.get("PersistentVolumeClaim", "default", "claim")).toBeUndefined();
    const pv = get(c, "PersistentVolume", "keep");
    expect(pv.status.phase).toBe("Released");
    expect(pv.spec.claimRef.name).toBe("claim");
    // A new claim cannot have it.
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    await c.advance(100);
    expect(get(c, "PersistentVolumeClaim", "claim").status.phase).toBe("Pending");
  });

  it("Delete on a static hostPath volume outside /tmp fails as the in-tree deleter does", async () => {
    const c = cluster();
    c.api.create(make.pv("del", { storageClassName: "manual", reclaim: "Delete", path: "/mnt/data" }), A);
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    await c.advance(100);
    c.api.delete("PersistentVolumeClaim", "default", "claim", A);
    await c.advance(100);
    const pv = get(c, "PersistentVolume", "del");
    expect(pv.status.phase).toBe("Failed");
    expect(pv.status.message).toBe("host_path deleter only supports /tmp/.+ but received provided /mnt/data");
    expect(events(c, "del")).toEqual(["Warning VolumeFailedDelete host_path deleter only supports /tmp/.+ but received provided /mnt/data"]);
  });

  it("Delete under /tmp removes the volume", async () => {
    const c = cluster();
    c.api.create(make.pv("tmp", { storageClassName: "manual", reclaim: "Delete", path: "/tmp/data" }), A);
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    await c.advance(100);
    c.api.delete("PersistentVolumeClaim", "default", "claim", A);
    await c.advance(100);
    expect(c.store.get("PersistentVolume", undefined, "tmp")).toBeUndefined();
  });

  it("a claim whose volume is deleted goes Lost", async () => {
    const c = cluster();
    c.api.create(make.pv("gone", { storageClassName: "manual" }), A);
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    await c.advance(100);
    // Remove the protection so the volume really goes while bound.
    c.api.mutate("PersistentVolume", undefined, "gone", A, (v) => void delete v.metadata.finalizers);
    c.api.delete("PersistentVolume", undefined, "gone", A);
    await c.advance(100);
    const pvc = get(c, "PersistentVolumeClaim", "claim");
    expect(pvc.status).toEqual({ phase: "Lost" });
    expect(events(c, "claim")).toEqual(["Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!"]);
  });

  it("hands a claim of an external provisioner's class to it, and reports a missing class", async () => {
    const c = cluster();
    c.api.create(make.storageClass("minikube", { provisioner: "k8s.io/minikube-hostpath" }), A);
    c.api.create(make.pvc("dyn", { storageClassName: "minikube" }), A);
    c.api.create(make.pvc("typo", { storageClassName: "fsat" }), A);
    await c.advance(100);
    const dyn = get(c, "PersistentVolumeClaim", "dyn");
    expect(dyn.metadata.annotations).toMatchObject({ "volume.beta.kubernetes.io/storage-provisioner": "k8s.io/minikube-hostpath", "volume.kubernetes.io/storage-provisioner": "k8s.io/minikube-hostpath" });
    expect(events(c, "dyn")[0]).toBe(
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(events(c, "typo")).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fsat" not found']);
    await c.advance(5_000);
    const bound = get(c, "PersistentVolumeClaim", "dyn");
    expect(bound.status.phase).toBe("Bound");
    expect(bound.spec.volumeName).toBe(`pvc-${bound.metadata.uid}`);
    const pv = get(c, "PersistentVolume", bound.spec.volumeName);
    expect(pv.spec.hostPath).toEqual({ path: "/tmp/hostpath-provisioner/default/dyn" });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe("Delete");
    expect(pv.metadata.annotations?.["pv.kubernetes.io/provisioned-by"]).toBe("k8s.io/minikube-hostpath");
  });

  it("gives the default class to a claim created before any default existed", async () => {
    const c = createCluster({ components: [...defaultComponents().filter((x) => x.name !== "storage"), new StorageComponent({ defaultStorageClass: false })] });
    c.api.create(make.pvc("early"), A);
    await c.advance(100);
    expect(get(c, "PersistentVolumeClaim", "early").spec.storageClassName).toBeUndefined();
    c.api.create(make.storageClass("later", { isDefault: true, mode: "WaitForFirstConsumer" }), A);
    await c.advance(15_000);
    expect(get(c, "PersistentVolumeClaim", "early").spec.storageClassName).toBe("later");
  });
});
