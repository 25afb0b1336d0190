import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const node = (spec: Record<string, any> = {}, status: Record<string, any> = {}) => ({ apiVersion: "v1", kind: "Node", metadata: { name: "worker-9" }, spec, status });

describe("node strategy", () => {
  it("defaults allocatable to capacity and keeps the status a kubelet registers", () => {
    const n = testApi().create(node({}, { capacity: { cpu: "2", memory: "4Gi", pods: "110" } }), { actor: "kubelet/worker-9" });
    expect(n.status.allocatable).toEqual({ cpu: "2", memory: "4Gi", pods: "110" });
  });

  it("validates taints and capacity", () => {
    expect(statusError(() => testApi().create(node({ taints: [{ key: "dedicated", effect: "Sometimes" }] }), { actor: "kubectl" })).message).toBe(
      'Node "worker-9" is invalid: metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(statusError(() => testApi().create(node({}, { capacity: { pods: "1.5" } }), { actor: "kubectl" })).message).toBe(
      'Node "worker-9" is invalid: [status.capacity.pods: Invalid value: 1500m: must be an integer, status.allocatable.pods: Invalid value: 1500m: must be an integer]',
    );
  });

  it("keeps pod CIDRs once set", () => {
    const api = testApi();
    const n = api.create(node({ podCIDR: "10.244.9.0/24", podCIDRs: ["10.244.9.0/24"] }), { actor: "kubectl" });
    expect(statusError(() => api.update({ ...n, spec: { podCIDR: "10.244.10.0/24", podCIDRs: ["10.244.10.0/24"] } }, { actor: "kubectl" })).message).toBe(
      'Node "worker-9" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    );
  });
});
