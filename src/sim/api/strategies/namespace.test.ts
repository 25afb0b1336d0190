import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("namespace strategy", () => {
  it("labels the namespace with its name, adds the kubernetes finalizer and starts Active", () => {
    const ns = testApi().create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } }, { actor: "kubectl" });
    expect(ns.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "team-a" });
    expect(ns.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(ns.status).toEqual({ phase: "Active" });
  });

  it("requires a DNS-1123 label", () => {
    expect(statusError(() => testApi().create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team.a" } }, { actor: "kubectl" })).message).toBe(
      'Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots',
    );
  });

  it("stays Terminating after deletion until its finalizers are cleared", () => {
    const api = testApi();
    api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "gone" } }, { actor: "kubectl" });
    const res = api.delete("Namespace", undefined, "gone", { actor: "kubectl" });
    expect(res.removed).toBe(false);
    expect(res.object.status.phase).toBe("Terminating");
    expect(statusError(() => api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "gone" } }, { actor: "kubectl" })).message).toBe(
      'configmaps "x" is forbidden: unable to create new content in namespace gone because it is being terminated',
    );
    api.mutate("Namespace", undefined, "gone", { actor: "namespace-controller" }, (ns) => {
      ns.spec = { finalizers: [] };
    });
    expect(api.tryGet("Namespace", undefined, "gone")).toBeUndefined();
  });
});
