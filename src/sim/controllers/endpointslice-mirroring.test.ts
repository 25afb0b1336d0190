import { describe, expect, it } from "vitest";
import { EndpointSliceMirroringController } from "./endpointslice-mirroring";
import { networkCluster } from "./endpoints/testing";

describe("EndpointSlice mirroring controller", () => {
  it("mirrors hand-written Endpoints of a selector-less Service into a slice, and follows changes", async () => {
    const cluster = networkCluster(new EndpointSliceMirroringController());
    const actor = { actor: "kubectl" };
    cluster.api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: "default" }, spec: { ports: [{ port: 5432 }] } }, actor);
    cluster.api.create({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "db", namespace: "default" }, subsets: [{ addresses: [{ ip: "192.0.2.10" }], notReadyAddresses: [{ ip: "192.0.2.11" }], ports: [{ port: 5432 }] }] }, actor);
    await cluster.advance(50);
    const [slice] = cluster.api.list("EndpointSlice", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "db");
    expect(slice.metadata.name).toMatch(/^db-[a-z0-9]{5}$/);
    expect(slice.metadata.labels?.["endpointslice.kubernetes.io/managed-by"]).toBe("endpointslicemirroring-controller.k8s.io");
    expect(slice.endpoints).toEqual([
      { addresses: ["192.0.2.10"], conditions: { ready: true } },
      { addresses: ["192.0.2.11"], conditions: { ready: false } },
    ]);
    expect(slice.ports).toEqual([{ name: "", port: 5432, protocol: "TCP" }]);
    cluster.api.delete("Endpoints", "default", "db", actor);
    await cluster.advance(50);
    expect(cluster.api.list("EndpointSlice", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "db")).toEqual([]);
  });

  it("leaves the API server's own kubernetes Endpoints alone (skip-mirror)", async () => {
    const cluster = networkCluster(new EndpointSliceMirroringController());
    await cluster.advance(50);
    expect(cluster.api.list("EndpointSlice", "default").map((s) => s.metadata.name)).toEqual(["kubernetes"]);
  });
});
