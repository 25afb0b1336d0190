import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { memoryFiles } from "../session/memory-files";

const HPA_V1 = `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
  targetCPUUtilizationPercentage: 60
`;

describe("autoscaling/v1 HorizontalPodAutoscalers", () => {
  it("are accepted and kept as their autoscaling/v2 equivalent; re-applying changes nothing", async () => {
    const c = createCluster();
    const env = { files: memoryFiles({ "hpa.yaml": HPA_V1 }) };
    expect((await c.kubectl(["apply", "-f", "hpa.yaml"], env)).stdout).toBe("horizontalpodautoscaler.autoscaling/web created\n");
    expect((await c.kubectl(["apply", "-f", "hpa.yaml"], env)).stdout).toBe("horizontalpodautoscaler.autoscaling/web unchanged\n");
    const hpa = c.api.get("HorizontalPodAutoscaler", "default", "web");
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } } }],
    });
  });

  it("without a target get the default 80% CPU utilization", () => {
    const c = createCluster();
    c.api.create({ apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 3 } }, { actor: "kubectl" });
    expect(c.api.get("HorizontalPodAutoscaler", "default", "web").spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
  });
});
