import { describe, expect, it } from "vitest";
import { testApi } from "../fixtures";

describe("DefaultStorageClass admission", () => {
  it("gives claims without a class the default one", () => {
    const api = testApi();
    api.create({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }, provisioner: "rancher.io/local-path" }, { actor: "kubectl" });
    const claim = (name: string, spec: Record<string, any> = {}) =>
      api.create({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec } }, { actor: "kubectl" });
    expect(claim("a").spec.storageClassName).toBe("standard");
    expect(claim("b", { storageClassName: "" }).spec.storageClassName).toBe("");
  });
});
