import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const sts = (spec: Record<string, any> = {}) => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db" },
  spec: {
    serviceName: "db",
    selector: { matchLabels: { app: "db" } },
    template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:16" }] } },
    volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    ...spec,
  },
});

describe("statefulset strategy", () => {
  it("defaults policies, retention and claim templates", () => {
    const s = testApi().create(sts(), { actor: "kubectl" });
    expect(s.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: "OrderedReady",
      revisionHistoryLimit: 10,
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    });
    expect(s.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", creationTimestamp: null }, spec: { volumeMode: "Filesystem" }, status: { phase: "Pending" } });
    expect(s.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it("forbids changing fields other than the updatable ones", () => {
    const api = testApi();
    const s = api.create(sts(), { actor: "kubectl" });
    const next = structuredClone(s);
    next.spec.serviceName = "other";
    expect(statusError(() => api.update(next, { actor: "kubectl" })).message).toBe(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    next.spec.serviceName = "db";
    next.spec.replicas = 3;
    expect(api.update(next, { actor: "kubectl" }).spec.replicas).toBe(3);
  });
});
