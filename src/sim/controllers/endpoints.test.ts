import { describe, expect, it } from "vitest";
import { EndpointsController, MAX_ENDPOINT_ADDRESSES } from "./endpoints";
import { networkCluster, runPod, service, setReady } from "./endpoints/testing";

const settle = 50;

describe("Endpoints controller", () => {
  it("puts ready pods in addresses and the rest in notReadyAddresses, sorted by IP", async () => {
    const cluster = networkCluster(new EndpointsController());
    service(cluster, "web", { ports: [{ name: "http", port: 80, targetPort: 8080 }] });
    runPod(cluster, { name: "b", ip: "10.244.2.7", node: "node-2" });
    runPod(cluster, { name: "a", ip: "10.244.1.9" });
    runPod(cluster, { name: "c", ip: "10.244.1.10", ready: false });
    await cluster.advance(settle);
    const ep = cluster.api.get("Endpoints", "default", "web");
    expect(ep.subsets).toEqual([
      {
        addresses: [
          { ip: "10.244.1.9", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "default", name: "a", uid: expect.any(String) } },
          { ip: "10.244.2.7", nodeName: "node-2", targetRef: { kind: "Pod", namespace: "default", name: "b", uid: expect.any(String) } },
        ],
        notReadyAddresses: [{ ip: "10.244.1.10", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "default", name: "c", uid: expect.any(String) } }],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
    expect(ep.metadata.annotations).toEqual({ "endpoints.kubernetes.io/last-change-trigger-time": "2025-01-01T00:00:00Z" });
  });

  it("moves a pod whose readiness probe fails to notReadyAddresses and back", async () => {
    const cluster = networkCluster(new EndpointsController());
    service(cluster, "web", {});
    runPod(cluster, { name: "a", ip: "10.244.1.9" });
    await cluster.advance(settle);
    await cluster.advance(10_000);
    setReady(cluster, "default", "a", false);
    await cluster.advance(settle);
    let ep = cluster.api.get("Endpoints", "default", "web");
    expect(ep.subsets[0].addresses).toBeUndefined();
    expect(ep.subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip)).toEqual(["10.244.1.9"]);
    expect(ep.metadata.annotations?.["endpoints.kubernetes.io/last-change-trigger-time"]).toBe("2025-01-01T00:00:10Z");
    setReady(cluster, "default", "a", true);
    await cluster.advance(settle);
    ep = cluster.api.get("Endpoints", "default", "web");
    expect(ep.subsets[0].addresses.map((a: { ip: string }) => a.ip)).toEqual(["10.244.1.9"]);
  });

  it("lists unready pods as ready with publishNotReadyAddresses, and leaves terminating pods out otherwise", async () => {
    const cluster = networkCluster(new EndpointsController());
    service(cluster, "peers", { publishNotReadyAddresses: true, clusterIP: "None" });
    service(cluster, "web", {});
    runPod(cluster, { name: "a", ip: "10.244.1.9", ready: false });
    runPod(cluster, { name: "b", ip: "10.244.1.10" });
    await cluster.advance(settle);
    expect(cluster.api.get("Endpoints", "default", "peers").subsets[0].addresses.map((a: { ip: string }) => a.ip)).toEqual(["10.244.1.10", "10.244.1.9"]);
    expect(cluster.api.get("Endpoints", "default", "peers").metadata.labels).toEqual({ "service.kubernetes.io/headless": "" });
    cluster.api.delete("Pod", "default", "b", { actor: "test" });
    await cluster.advance(settle);
    expect(cluster.api.get("Endpoints", "default", "web").subsets[0].addresses).toBeUndefined();
  });

  it("has no subsets without pods and goes away with its Service", async () => {
    const cluster = networkCluster(new EndpointsController());
    service(cluster, "web", {});
    await cluster.advance(settle);
    expect(cluster.api.get("Endpoints", "default", "web").subsets).toBeUndefined();
    cluster.api.delete("Service", "default", "web", { actor: "test" });
    await cluster.advance(settle);
    expect(cluster.api.tryGet("Endpoints", "default", "web")).toBeUndefined();
  });

  it("truncates past 1000 addresses and says so", async () => {
    const cluster = networkCluster(new EndpointsController());
    service(cluster, "big", {});
    for (let i = 0; i < MAX_ENDPOINT_ADDRESSES + 5; i++) runPod(cluster, { name: `big-${i}`, ip: `10.244.${1 + (i >> 8)}.${i & 255}` });
    await cluster.advance(settle);
    const ep = cluster.api.get("Endpoints", "default", "big");
    expect(ep.subsets[0].addresses).toHaveLength(1000);
    expect(ep.metadata.annotations?.["endpoints.kubernetes.io/over-capacity"]).toBe("truncated");
  });
});
