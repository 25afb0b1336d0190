import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { EndpointSliceController, MAX_ENDPOINTS_PER_SLICE } from "./endpointslice";
import { networkCluster, runPod, service, setReady } from "./endpoints/testing";

const settle = 50;

function slices(cluster: ReturnType<typeof networkCluster>, svc: string): KObject[] {
  return cluster.api.list("EndpointSlice", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc);
}

function conditions(slice: KObject): Record<string, unknown>[] {
  return (slice.endpoints ?? []).map((e: Record<string, any>) => ({ ip: e.addresses[0], ...e.conditions }));
}

describe("EndpointSlice controller", () => {
  it("lists the selected pods with their conditions, node, target and the resolved port", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    const svc = service(cluster, "web", {});
    runPod(cluster, { name: "web-1", ip: "10.244.1.2" });
    runPod(cluster, { name: "other", ip: "10.244.1.3", labels: { app: "other" } });
    await cluster.advance(settle);
    const [slice] = slices(cluster, "web");
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toEqual({ "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": "web" });
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Service", name: "web", uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.addressType).toBe("IPv4");
    expect(slice.ports).toEqual([{ name: "", port: 8080, protocol: "TCP" }]);
    expect(slice.endpoints).toEqual([
      { addresses: ["10.244.1.2"], conditions: { ready: true, serving: true, terminating: false }, nodeName: "node-1", targetRef: { kind: "Pod", namespace: "default", name: "web-1", uid: expect.any(String) } },
    ]);
    expect(slice.metadata.annotations?.["endpoints.kubernetes.io/last-change-trigger-time"]).toBe("2025-01-01T00:00:00Z");
  });

  it("follows readiness, keeps a terminating pod as serving but not ready, and drops it when gone", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    service(cluster, "web", {});
    runPod(cluster, { name: "web-1", ip: "10.244.1.2" });
    await cluster.advance(settle);
    setReady(cluster, "default", "web-1", false);
    await cluster.advance(settle);
    expect(conditions(slices(cluster, "web")[0])).toEqual([{ ip: "10.244.1.2", ready: false, serving: false, terminating: false }]);
    setReady(cluster, "default", "web-1", true);
    cluster.api.delete("Pod", "default", "web-1", { actor: "test" });
    await cluster.advance(settle);
    expect(conditions(slices(cluster, "web")[0])).toEqual([{ ip: "10.244.1.2", ready: false, serving: true, terminating: true }]);
    cluster.api.delete("Pod", "default", "web-1", { actor: "test", gracePeriodSeconds: 0 });
    await cluster.advance(settle);
    const after = slices(cluster, "web");
    expect(after).toHaveLength(1);
    expect(after[0].endpoints ?? null).toBeNull();
    expect(after[0].ports ?? null).toBeNull();
  });

  it("turns the placeholder slice into the first real one, keeping its name", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    service(cluster, "web", {});
    await cluster.advance(settle);
    const [placeholder] = slices(cluster, "web");
    expect(placeholder.endpoints ?? null).toBeNull();
    runPod(cluster, { name: "web-1", ip: "10.244.1.2" });
    await cluster.advance(settle);
    const [real] = slices(cluster, "web");
    expect(real.metadata.name).toBe(placeholder.metadata.name);
    expect(real.endpoints).toHaveLength(1);
  });

  it("groups pods by the port their named targetPort resolves to", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    service(cluster, "web", { ports: [{ port: 80, targetPort: "http", name: "web" }] });
    runPod(cluster, { name: "a", ip: "10.244.1.2", ports: [{ name: "http", containerPort: 8080 }] });
    runPod(cluster, { name: "b", ip: "10.244.2.2", ports: [{ name: "http", containerPort: 9090 }] });
    runPod(cluster, { name: "c", ip: "10.244.3.2", ports: [{ name: "metrics", containerPort: 9100 }] });
    await cluster.advance(settle);
    const byPort = slices(cluster, "web").map((s) => [s.ports.map((p: { port: number }) => p.port), s.endpoints.map((e: { addresses: string[] }) => e.addresses[0])]);
    expect(byPort.sort()).toEqual([
      [[], ["10.244.3.2"]],
      [[8080], ["10.244.1.2"]],
      [[9090], ["10.244.2.2"]],
    ]);
  });

  it("puts at most 100 endpoints in a slice and labels headless Services' slices", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    service(cluster, "db", { clusterIP: "None" });
    for (let i = 0; i < 250; i++) runPod(cluster, { name: `db-${i}`, ip: `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 2}` });
    await cluster.advance(settle);
    const all = slices(cluster, "db");
    expect(all.map((s) => s.endpoints.length).sort()).toEqual([100, 100, 50]);
    expect(all.every((s) => s.metadata.labels?.["service.kubernetes.io/headless"] === "")).toBe(true);
    expect(MAX_ENDPOINTS_PER_SLICE).toBe(100);
  });

  it("leaves the slices of a Service without a selector to whoever writes them", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    cluster.api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "external", namespace: "default" }, spec: { ports: [{ port: 80 }] } }, { actor: "test" });
    cluster.api.create(
      { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "external-1", namespace: "default", labels: { "kubernetes.io/service-name": "external" } }, addressType: "IPv4", endpoints: [{ addresses: ["192.0.2.42"] }], ports: [{ port: 80 }] },
      { actor: "kubectl" },
    );
    await cluster.advance(settle);
    expect(slices(cluster, "external").map((s) => s.metadata.name)).toEqual(["external-1"]);
  });

  it("writes one slice when one of 1,000 ready replicas changes", async () => {
    const cluster = networkCluster(new EndpointSliceController());
    service(cluster, "big", {});
    for (let i = 0; i < 1000; i++) runPod(cluster, { name: `big-${i}`, ip: `10.244.${1 + (i >> 8)}.${i & 255}` });
    await cluster.advance(settle);
    expect(slices(cluster, "big").reduce((n, s) => n + s.endpoints.length, 0)).toBe(1000);
    let writes = 0;
    cluster.api.watch("EndpointSlice", () => writes++);
    setReady(cluster, "default", "big-500", false);
    await cluster.advance(settle);
    expect(writes).toBe(1);
  });
});
