import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const pvc = (spec: Record<string, any>) => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data" }, spec });

describe("storage strategies", () => {
  it("defaults claims and volumes", () => {
    const api = testApi();
    const c = api.create(pvc({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } }), { actor: "kubectl" });
    expect(c.spec.volumeMode).toBe("Filesystem");
    expect(c.status).toEqual({ phase: "Pending" });
    const v = api.create({ apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv1" }, spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data" } } }, { actor: "kubectl" });
    expect(v.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem" });
    expect(v.status).toEqual({ phase: "Pending" });
    const sc = api.create({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "example.com/fast" }, { actor: "kubectl" });
    expect(sc).toMatchObject({ reclaimPolicy: "Delete", volumeBindingMode: "Immediate" });
  });

  it("validates claims and keeps their spec fixed", () => {
    expect(statusError(() => testApi().create(pvc({ resources: { requests: { storage: "1Gi" } } }), { actor: "kubectl" })).message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
    );
    expect(statusError(() => testApi().create(pvc({ accessModes: ["ReadWriteOnce"] }), { actor: "kubectl" })).message).toBe('PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Required value');
    const api = testApi();
    const c = api.create(pvc({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } }), { actor: "kubectl" });
    const msg = statusError(() => api.update({ ...c, spec: { ...c.spec, accessModes: ["ReadWriteMany"] } }, { actor: "kubectl" })).message;
    expect(msg.split("\n")[0]).toBe('PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
    expect(msg).toContain("  core.PersistentVolumeClaimSpec{");
  });

  it("keeps a storage class's parameters fixed", () => {
    const api = testApi();
    const sc = api.create({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "example.com/fast", parameters: { type: "ssd" } }, { actor: "kubectl" });
    expect(statusError(() => api.update({ ...sc, parameters: { type: "hdd" } }, { actor: "kubectl" })).message).toBe('StorageClass.storage.k8s.io "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden.');
  });
});
