import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock";
import { Random } from "../random";
import { ObjectStore, type WatchEvent } from "../store/store";
import { StatusError } from "./errors";
import { ApiServer } from "./server";
import type { KObject } from "./types";

function setup() {
  const clock = new VirtualClock();
  const store = new ObjectStore();
  const api = new ApiServer(store, clock, new Random(1));
  api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, { actor: "test" });
  return { clock, store, api };
}

const cm = (name: string, data: Record<string, string> = {}): KObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data });

function statusError(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected a StatusError");
}

describe("ApiServer", () => {
  it("creates objects with uid, resourceVersion, timestamps, namespace and a managedFields entry", async () => {
    const { api, clock } = setup();
    await clock.advance(5000);
    const obj = api.create(cm("app", { a: "1" }), { actor: "kubectl" });
    expect(obj.metadata.namespace).toBe("default");
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj.metadata.creationTimestamp).toBe("2025-01-01T00:00:05Z");
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(1);
    expect(obj.metadata.managedFields?.[0]).toMatchObject({ manager: "kubectl-client-side-apply", operation: "Update", time: "2025-01-01T00:00:05Z" });
  });

  it("rejects duplicates, unknown namespaces and unknown kinds with Kubernetes' messages", () => {
    const { api } = setup();
    api.create(cm("app"), { actor: "kubectl" });
    expect(statusError(() => api.create(cm("app"), { actor: "kubectl" })).message).toBe('configmaps "app" already exists');
    const other = { ...cm("x"), metadata: { name: "x", namespace: "nope" } };
    expect(statusError(() => api.create(other, { actor: "kubectl" })).message).toBe('namespaces "nope" not found');
    const e = statusError(() => api.create({ apiVersion: "v1", kind: "Widget", metadata: { name: "w" } }, { actor: "kubectl" }));
    expect(e.message).toBe('no matches for kind "Widget" in version "v1"');
    expect(statusError(() => api.get("ConfigMap", "default", "missing")).message).toBe('configmaps "missing" not found');
  });

  it("detects stale writes and bumps resourceVersion on every change", () => {
    const { api } = setup();
    const v1 = api.create(cm("app", { a: "1" }), { actor: "kubectl" });
    const v2 = api.update({ ...v1, data: { a: "2" } }, { actor: "kubectl" });
    expect(Number(v2.metadata.resourceVersion)).toBeGreaterThan(Number(v1.metadata.resourceVersion));
    const e = statusError(() => api.update({ ...v1, data: { a: "3" } }, { actor: "kubectl" }));
    expect(e.reason).toBe("Conflict");
    expect(e.message).toBe('Operation cannot be fulfilled on configmaps "app": the object has been modified; please apply your changes to the latest version and try again');
    // An update that changes nothing is not a write.
    expect(api.update({ ...v2 }, { actor: "kubectl" }).metadata.resourceVersion).toBe(v2.metadata.resourceVersion);
  });

  it("keeps status on main-resource updates and spec on status updates, bumping generation on spec changes", () => {
    const { api } = setup();
    const d = api.create(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 1 }, status: { replicas: 9 } },
      { actor: "kubectl" },
    );
    expect(d.metadata.generation).toBe(1);
    const s = api.updateStatus({ ...d, spec: { replicas: 5 }, status: { replicas: 1 } }, { actor: "deployment-controller" });
    expect(s.spec.replicas).toBe(1);
    expect(s.status.replicas).toBe(1);
    expect(s.metadata.generation).toBe(1);
    const u = api.update({ ...s, spec: { replicas: 3 }, status: { replicas: 0 } }, { actor: "kubectl" });
    expect(u.status.replicas).toBe(1);
    expect(u.metadata.generation).toBe(2);
  });

  it("holds objects with finalizers until the last finalizer is removed", () => {
    const { api, store } = setup();
    api.create({ ...cm("held"), metadata: { name: "held", finalizers: ["example.com/hold"] } }, { actor: "kubectl" });
    const res = api.delete("ConfigMap", "default", "held", { actor: "kubectl" });
    expect(res.removed).toBe(false);
    expect(res.object.metadata.deletionTimestamp).toBe("2025-01-01T00:00:00Z");
    const live = api.get("ConfigMap", "default", "held");
    api.update({ ...live, metadata: { ...live.metadata, finalizers: [] } }, { actor: "controller" });
    expect(store.get("ConfigMap", "default", "held")).toBeUndefined();
  });

  it("delivers every change to watchers in commit order with the actor", () => {
    const { api, store } = setup();
    const seen: string[] = [];
    store.watch("ConfigMap", (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name} ${e.actor}`));
    const a = api.create(cm("a"), { actor: "kubectl" });
    api.update({ ...a, data: { x: "y" } }, { actor: "replicaset-controller" });
    api.delete("ConfigMap", "default", "a", { actor: "kubectl" });
    expect(seen).toEqual(["ADDED a kubectl", "MODIFIED a replicaset-controller", "DELETED a kubectl"]);
  });

  it("binds a pod once", () => {
    const { api } = setup();
    api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx" }] } }, { actor: "kubectl" });
    const bound = api.bind("default", "p", "node-1", { actor: "kube-scheduler" });
    expect(bound.spec.nodeName).toBe("node-1");
    expect(bound.status.conditions).toEqual([{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2025-01-01T00:00:00Z" }]);
    expect(statusError(() => api.bind("default", "p", "node-2", { actor: "kube-scheduler" })).message).toBe(
      'Operation cannot be fulfilled on pods "p": pod p is already assigned to node "node-1"',
    );
  });

  it("generates names from generateName", () => {
    const { api } = setup();
    const obj = api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "web-" } }, { actor: "kubectl" });
    expect(obj.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
