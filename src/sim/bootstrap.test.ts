import { describe, expect, it } from "vitest";
import { createCluster } from "./index";

describe("Bootstrap", () => {
  it("creates the system namespaces, priority classes and the kubernetes Service through the API", () => {
    const c = createCluster();
    expect(c.api.list("Namespace").map((n) => [n.metadata.name, n.status.phase, n.metadata.labels?.["kubernetes.io/metadata.name"]])).toEqual([
      ["default", "Active", "default"],
      ["kube-node-lease", "Active", "kube-node-lease"],
      ["kube-public", "Active", "kube-public"],
      ["kube-system", "Active", "kube-system"],
    ]);
    expect(c.api.list("PriorityClass").map((p) => [p.metadata.name, p.value, p.preemptionPolicy])).toEqual([
      ["system-node-critical", 2000001000, "PreemptLowerPriority"],
      ["system-cluster-critical", 2000000000, "PreemptLowerPriority"],
    ]);
    const svc = c.api.get("Service", "default", "kubernetes");
    expect(svc.spec).toMatchObject({ clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }], type: "ClusterIP" });
    expect(c.api.get("Endpoints", "default", "kubernetes").subsets).toEqual([{ addresses: [{ ip: "172.18.0.2" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
  });

  it("registers the configured nodes Ready, defaulted and validated", () => {
    const c = createCluster();
    const cp = c.api.get("Node", undefined, "control-plane");
    expect(cp.spec.taints).toEqual([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
    expect(cp.status.allocatable.cpu).toBe("2");
    expect(cp.status.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("True");
  });

  it("lets an applied Node join Ready, as a KWOK node does", async () => {
    const c = createCluster();
    c.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "edge-1", labels: { zone: "edge" } }, status: { capacity: { cpu: "8", memory: "16Gi", pods: "50" } } }, { actor: "kubectl" });
    await c.advance(10);
    const n = c.api.get("Node", undefined, "edge-1");
    expect(n.metadata.labels).toMatchObject({ zone: "edge", "kubernetes.io/hostname": "edge-1", "kubernetes.io/os": "linux" });
    expect(n.metadata.annotations).toEqual({ "node.alpha.kubernetes.io/ttl": "0" });
    expect(n.spec.podCIDR).toMatch(/^10\.244\.\d+\.0\/24$/);
    expect(n.status.allocatable).toMatchObject({ cpu: "8", memory: "16Gi", pods: "50" });
    expect(n.status.conditions.map((x: { type: string; status: string }) => `${x.type}=${x.status}`)).toEqual(["MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True"]);
  });
});
