import { describe, expect, it } from "vitest";
import { make, statusError, testApi } from "../fixtures";

function withRange(limits: Record<string, any>[]) {
  const api = testApi();
  api.create({ apiVersion: "v1", kind: "LimitRange", metadata: { name: "limits" }, spec: { limits } }, { actor: "kubectl" });
  return api;
}

describe("LimitRanger admission", () => {
  it("fills missing requests and limits and says so in an annotation", () => {
    const api = withRange([{ type: "Container", default: { cpu: "500m", memory: "512Mi" }, defaultRequest: { cpu: "100m", memory: "256Mi" } }]);
    const pod = api.create(make.pod("p", { containers: [make.container("app", { resources: { requests: { cpu: "200m" } } })] }), { actor: "kubectl" });
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: "200m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
    expect(pod.metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe("LimitRanger plugin set: memory request for container app; cpu, memory limit for container app");
    expect(pod.status.qosClass).toBe("Burstable");
  });

  it("enforces min, max and the limit/request ratio with Kubernetes' messages", () => {
    const api = withRange([{ type: "Container", min: { memory: "1Gi" }, max: { memory: "2Gi" } }]);
    expect(statusError(() => api.create(make.pod("small", { containers: [make.container("app", { resources: { requests: { memory: "500Mi" }, limits: { memory: "1Gi" } } })] }), { actor: "kubectl" })).message).toBe(
      'pods "small" is forbidden: minimum memory usage per Container is 1Gi, but request is 500Mi.',
    );
    expect(statusError(() => api.create(make.pod("big", { containers: [make.container("app", { resources: { limits: { memory: "4Gi" } } })] }), { actor: "kubectl" })).message).toBe(
      'pods "big" is forbidden: maximum memory usage per Container is 2Gi, but limit is 4Gi.',
    );
    const ratio = withRange([{ type: "Pod", maxLimitRequestRatio: { cpu: "2" } }]);
    expect(statusError(() => ratio.create(make.pod("r", { containers: [make.container("app", { resources: { requests: { cpu: "100m" }, limits: { cpu: "1" } } })] }), { actor: "kubectl" })).message).toBe(
      'pods "r" is forbidden: cpu max limit to request ratio per Pod is 2, but provided ratio is 10.000000.',
    );
  });

  it("holds claims to the PersistentVolumeClaim range", () => {
    const api = withRange([{ type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "10Gi" } }]);
    const claim = (name: string, storage: string) => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } } });
    expect(statusError(() => api.create(claim("small", "500Mi"), { actor: "kubectl" })).message).toBe(
      'persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi.',
    );
    expect(statusError(() => api.create(claim("big", "20Gi"), { actor: "kubectl" })).message).toBe(
      'persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi.',
    );
    expect(api.create(claim("fine", "5Gi"), { actor: "kubectl" }).metadata.name).toBe("fine");
  });
});
