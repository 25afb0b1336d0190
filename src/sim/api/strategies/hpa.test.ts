import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const hpa = (spec: Record<string, any>) => ({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 5, ...spec } });

describe("hpa strategy", () => {
  it("defaults one replica and an 80% CPU target", () => {
    const h = testApi().create(hpa({}), { actor: "kubectl" });
    expect(h.spec.minReplicas).toBe(1);
    expect(h.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
    const b = testApi().create(hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } }), { actor: "kubectl" });
    expect(b.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });
    expect(b.spec.behavior.scaleUp.policies).toHaveLength(2);
  });

  it("needs maxReplicas at least minReplicas", () => {
    expect(statusError(() => testApi().create(hpa({ minReplicas: 3, maxReplicas: 2 }), { actor: "kubectl" })).message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
  });
});
