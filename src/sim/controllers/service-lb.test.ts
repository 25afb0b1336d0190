import { describe, expect, it } from "vitest";
import type { Event } from "kubernetes-types/core/v1";
import { networkCluster, service } from "./endpoints/testing";
import { LoadBalancerController } from "./service-lb";

describe("load-balancer controller (MetalLB)", () => {
  it("gives LoadBalancer Services the pool's first free addresses, with MetalLB's events", async () => {
    const cluster = networkCluster(new LoadBalancerController());
    service(cluster, "a", { type: "LoadBalancer" });
    service(cluster, "plain", {});
    await cluster.advance(1_000);
    service(cluster, "b", { type: "LoadBalancer" });
    expect(cluster.api.get("Service", "default", "b").status).toEqual({ loadBalancer: {} });
    await cluster.advance(1_000);
    expect(cluster.api.get("Service", "default", "a").status.loadBalancer).toEqual({ ingress: [{ ip: "172.18.255.200", ipMode: "VIP" }] });
    expect(cluster.api.get("Service", "default", "b").status.loadBalancer).toEqual({ ingress: [{ ip: "172.18.255.201", ipMode: "VIP" }] });
    expect(cluster.api.get("Service", "default", "plain").status).toEqual({ loadBalancer: {} });
    const events = (cluster.api.list("Event") as Event[]).filter((e) => e.involvedObject.name === "a").map((e) => `${e.reason} ${e.source?.component}: ${e.message}`);
    expect(events).toEqual(['IPAllocated metallb-controller: Assigned IP ["172.18.255.200"]', expect.stringMatching(/^nodeAssigned metallb-speaker: announcing from node "node-\d" with protocol "layer2"$/)]);
  });

  it("honours spec.loadBalancerIP inside the pool, refuses one outside it, and frees the address on a type change", async () => {
    const cluster = networkCluster(new LoadBalancerController());
    service(cluster, "fixed", { type: "LoadBalancer", loadBalancerIP: "172.18.255.240" });
    service(cluster, "outside", { type: "LoadBalancer", loadBalancerIP: "10.0.0.1" });
    await cluster.advance(1_000);
    expect(cluster.api.get("Service", "default", "fixed").status.loadBalancer.ingress).toEqual([{ ip: "172.18.255.240", ipMode: "VIP" }]);
    const warning = (cluster.api.list("Event") as Event[]).find((e) => e.involvedObject.name === "outside");
    expect(warning).toMatchObject({ type: "Warning", reason: "AllocationFailed", message: 'Failed to allocate IP for "default/outside": "10.0.0.1" is not allowed in config' });
    cluster.api.mutate("Service", "default", "fixed", { actor: "test" }, (s) => {
      s.spec.type = "ClusterIP";
      delete s.spec.loadBalancerIP;
      delete s.spec.externalTrafficPolicy;
      delete s.spec.allocateLoadBalancerNodePorts;
      for (const p of s.spec.ports) delete p.nodePort;
    });
    await cluster.advance(1_000);
    expect(cluster.api.get("Service", "default", "fixed").status).toEqual({ loadBalancer: {} });
  });
});
