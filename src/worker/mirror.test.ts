import { describe, expect, it } from "vitest";
import { ApiServer } from "../sim/api/server";
import { VirtualClock } from "../sim/clock";
import { Random } from "../sim/random";
import { ObjectStore } from "../sim/store/store";
import { Mirror } from "./mirror";
import type { PodRuntimeView } from "./runtime-view";

function setup() {
  const store = new ObjectStore();
  const api = new ApiServer(store, new VirtualClock(), new Random(1));
  const mirror = new Mirror();
  store.watch("*", (e) => mirror.touch(e.kind, e.object.metadata.namespace, e.object.metadata.name!));
  api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, { actor: "test" });
  const flush = (limit?: number) => mirror.flush(store, () => undefined, limit);
  flush();
  const cm = (name: string, v: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { v } });
  return { store, api, mirror, flush, cm };
}

describe("Mirror", () => {
  it("leaves to the page the views it derives from a pod alone, and sends those with the kubelet's or the probes' word", () => {
    const store = new ObjectStore();
    const mirror = new Mirror();
    const container = { name: "app", role: "app" as const, image: "nginx", state: "none" as const, restartCount: 0, ready: false, started: false, probes: [], mounts: [] };
    const fromStatus: PodRuntimeView = { key: "default/web", uid: "u", statusText: "Pending", ready: "0/1", restarts: 0, qosClass: "BestEffort", sandbox: { state: "none", pauseImage: "p", hostNetwork: false }, containers: [container], volumes: [], source: "status" };
    let view: PodRuntimeView | undefined = fromStatus;
    const flush = () => {
      mirror.touch("Pod", "default", "web");
      return mirror.flush(store, () => view);
    };
    expect(flush().runtime).toEqual([]);
    view = { ...fromStatus, source: "kubelet", sandbox: { ...fromStatus.sandbox, state: "ready" } };
    expect(flush().runtime).toEqual([view]);
    // Back to what the pod alone gives: the page drops the view it holds and derives its own.
    view = fromStatus;
    const back = flush();
    expect([back.runtime, back.runtimeRemoved]).toEqual([[], ["default/web"]]);
    // A probe's last result comes from the trace, not from the pod: it travels.
    view = { ...fromStatus, containers: [{ ...container, probes: [{ type: "readiness", handler: "http-get :80/", periodSeconds: 5, last: "success", lastAt: 1000 }] }] };
    expect(flush().runtime).toEqual([view]);
    // A pod that is gone: its view goes with it, and a derived one needs no word.
    view = undefined;
    expect(flush().runtimeRemoved).toEqual(["default/web"]);
    view = fromStatus;
    flush();
    view = undefined;
    expect(flush().runtimeRemoved).toEqual([]);
  });

  it("coalesces a create and its updates into one added object, without managedFields", () => {
    const { api, flush, cm } = setup();
    api.create(cm("a", "1"), { actor: "test" });
    api.mutate("ConfigMap", "default", "a", { actor: "test" }, (o) => (o.data = { v: "2" }));
    const out = flush();
    expect(out.added.map((o) => [o.metadata.name, o.data.v, o.metadata.managedFields])).toEqual([["a", "2", undefined]]);
    expect(out.updated).toEqual([]);
  });

  it("sends nothing for an object created and deleted between flushes", () => {
    const { api, flush, cm } = setup();
    api.create(cm("gone", "1"), { actor: "test" });
    api.delete("ConfigMap", "default", "gone", { actor: "test" });
    expect(flush()).toMatchObject({ added: [], updated: [], removed: [] });
  });

  it("sends updates and removals of objects the page holds", () => {
    const { api, flush, cm } = setup();
    api.create(cm("a", "1"), { actor: "test" });
    flush();
    api.mutate("ConfigMap", "default", "a", { actor: "test" }, (o) => (o.data = { v: "2" }));
    expect(flush().updated.map((o) => o.data.v)).toEqual(["2"]);
    api.delete("ConfigMap", "default", "a", { actor: "test" });
    expect(flush().removed).toEqual([{ kind: "ConfigMap", namespace: "default", name: "a" }]);
  });

  it("spreads a large change over several flushes", () => {
    const { api, flush, cm } = setup();
    for (let i = 0; i < 5; i++) api.create(cm(`c${i}`, "1"), { actor: "test" });
    const first = flush(3);
    expect(first.added).toHaveLength(3);
    expect(first.more).toBe(true);
    const second = flush(3);
    expect(second.added).toHaveLength(2);
    expect(second.more).toBe(false);
  });

  it("sends an update whose spec the page already holds with spec null, and a changed spec in full", () => {
    const { api, flush } = setup();
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    api.create(pod, { actor: "test" });
    expect(flush().added[0].spec.containers[0].image).toBe("nginx");
    // A status write keeps the stored spec: the page keeps its copy.
    api.mutate("Pod", "default", "p", { actor: "kubelet" }, (o) => (o.status = { phase: "Running" }), "status");
    const status = flush();
    expect(status.sameSpec).toEqual([0]);
    expect(status.updated.map((o) => [o.spec, o.status.phase, Object.keys(o)])).toEqual([[null, "Running", ["apiVersion", "kind", "metadata", "spec", "status"]]]);
    // A write of the object itself makes a new spec, which travels whole.
    api.mutate("Pod", "default", "p", { actor: "test" }, (o) => (o.spec.containers[0].image = "nginx:2"));
    const main = flush();
    expect(main.sameSpec).toEqual([]);
    expect(main.updated[0].spec.containers[0].image).toBe("nginx:2");
  });

  it("sends the whole spec again once the page has been reset or the object re-created", () => {
    const { api, mirror, flush, cm } = setup();
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    api.create(pod, { actor: "test" });
    api.create(cm("c", "1"), { actor: "test" });
    flush();
    mirror.forgetSent();
    api.mutate("Pod", "default", "p", { actor: "kubelet" }, (o) => (o.status = { phase: "Running" }), "status");
    const after = flush();
    expect(after.added.map((o) => o.spec?.containers[0].image)).toEqual(["nginx"]);
    expect(after.sameSpec).toEqual([]);
    api.delete("Pod", "default", "p", { actor: "test", gracePeriodSeconds: 0 });
    flush();
    api.create(pod, { actor: "test" });
    expect(flush().added[0].spec.containers[0].image).toBe("nginx");
  });

  it("reconciles against a rebuilt store: only real differences travel", () => {
    const { api, mirror, flush, cm } = setup();
    api.create(cm("kept", "1"), { actor: "test" });
    api.create(cm("dropped", "1"), { actor: "test" });
    flush();
    // A second store built by the same writes, minus the last one.
    const rebuilt = new ObjectStore();
    const api2 = new ApiServer(rebuilt, new VirtualClock(), new Random(1));
    api2.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, { actor: "test" });
    api2.create(cm("kept", "1"), { actor: "test" });
    mirror.touchAll(rebuilt);
    const out = mirror.flush(rebuilt, () => undefined);
    expect(out).toMatchObject({ added: [], updated: [], removed: [{ kind: "ConfigMap", namespace: "default", name: "dropped" }] });
  });
});
