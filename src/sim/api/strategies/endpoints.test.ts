import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("endpoints strategies", () => {
  it("defaults port protocols", () => {
    const ep = testApi().create({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "web" }, subsets: [{ addresses: [{ ip: "10.244.1.5" }], ports: [{ port: 80 }] }] }, { actor: "endpoint-controller" });
    expect(ep.subsets[0].ports[0].protocol).toBe("TCP");
    const slice = testApi().create(
      { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "web-abc" }, addressType: "IPv4", endpoints: [{ addresses: ["10.244.1.5"] }], ports: [{ port: 80 }] },
      { actor: "endpointslice-controller" },
    );
    expect(slice.ports[0]).toEqual({ port: 80, protocol: "TCP", name: "" });
  });

  it("rejects bad addresses", () => {
    expect(statusError(() => testApi().create({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "web" }, subsets: [{ addresses: [{ ip: "300.1.1.1" }] }] }, { actor: "kubectl" })).message).toBe(
      'Endpoints "web" is invalid: subsets[0].addresses[0].ip: Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });
});
