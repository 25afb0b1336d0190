import { describe, expect, it } from "vitest";
import { Bootstrap } from "./bootstrap";
import { Cluster } from "./cluster";
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

  it("gives nodes pod CIDRs from the cluster CIDR, and none with CIDRNotAvailable once it is used up", async () => {
    const nodes = Array.from({ length: 5 }, (_, i) => ({ name: `n-${i}`, cpu: "4", memory: "8Gi", pods: 110 }));
    const c = createCluster({ nodes, addons: false, clusterCIDR: "10.64.0.0/22", nodeCIDRMaskSize: 24 });
    expect(nodes.map((n) => c.api.get("Node", undefined, n.name).spec.podCIDR)).toEqual(["10.64.0.0/24", "10.64.1.0/24", "10.64.2.0/24", "10.64.3.0/24", undefined]);
    const last = c.api.get("Node", undefined, "n-4");
    expect(last.status.conditions.find((x: { type: string }) => x.type === "Ready")).toMatchObject({ status: "False", reason: "KubeletNotReady" });
    const events = c.api.list("Event", "default").filter((e) => e.involvedObject.name === "n-4");
    expect(events.map((e) => [e.reason, e.message, e.source.component])).toEqual([["CIDRNotAvailable", "Node n-4 status is now: CIDRNotAvailable", "cidrAllocator"]]);
  });

  it("numbers node addresses past 172.18.0.255 and gives a large cluster's /11 a /24 per node", () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ name: `n-${i}`, cpu: "4", memory: "8Gi", pods: 110 }));
    const c = new Cluster({ nodes, clusterCIDR: "10.64.0.0/11", components: [new Bootstrap()] }).start();
    const n = c.api.get("Node", undefined, "n-299");
    expect(n.spec.podCIDR).toBe("10.65.43.0/24");
    expect(n.status.addresses[0]).toEqual({ type: "InternalIP", address: "172.18.1.45" });
  });
});
