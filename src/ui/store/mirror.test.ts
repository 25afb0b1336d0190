import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../sim/api/types";
import type { PodRuntimeView } from "../../worker/protocol";
import { make } from "../testing/make";
import { ClusterMirror, type NodeUsage, type StatusCounts } from "./mirror";
import { podHoldsResources, podRequests } from "./resources";

const view = (key: string, statusText: string): PodRuntimeView => ({ key, uid: "u", statusText, ready: "0/1", restarts: 0, qosClass: "Burstable", sandbox: { state: "ready", pauseImage: "p", hostNetwork: false }, containers: [], volumes: [], source: "status" });

/** The per-node sums counted from scratch, to hold the mirror's running sums against. */
function recount(m: ClusterMirror, node: string): { usage: NodeUsage; counts: StatusCounts } {
  const usage = { requested: { cpu: 0, memory: 0 }, pods: 0 };
  const counts: StatusCounts = {};
  for (const key of m.podsOn(node)) {
    const pod = m.get<Pod & KObject>("Pod", key)!;
    const status = m.view(key)?.statusText || pod.status?.phase || "Pending";
    counts[status] = (counts[status] ?? 0) + 1;
    if (!podHoldsResources(pod)) continue;
    const r = podRequests(pod);
    usage.requested.cpu += r.cpu;
    usage.requested.memory += r.memory;
    usage.pods++;
  }
  return { usage, counts };
}

describe("ClusterMirror", () => {
  it("derives the view of a pod the worker sent none of, and falls back to it when a sent one is withdrawn", () => {
    const m = new ClusterMirror();
    m.apply(make.batch({ reset: true, added: [make.node("n"), make.pod({ name: "a", node: "n" })] }));
    const derived = m.view("default/a")!;
    expect([derived.key, derived.source, derived.sandbox.state]).toEqual(["default/a", "status", "creating"]);
    // The same object while the pod does not change, so its chip need not be drawn again.
    expect(m.view("default/a")).toBe(derived);
    m.apply(make.batch({ runtime: [view("default/a", "Running")] }));
    expect(m.view("default/a")!.statusText).toBe("Running");
    expect(m.statusCounts("n")).toEqual({ Running: 1 });
    m.apply(make.batch({ runtimeRemoved: ["default/a"] }));
    expect(m.view("default/a")).toBe(derived);
    expect(m.statusCounts("n")).toEqual({ [derived.statusText]: 1 });
    const gone = m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name: "a" }] }));
    expect(gone.removedViews.get("default/a")).toBe(derived);
    expect(m.view("default/a")).toBeUndefined();
  });

  it("applies batches and indexes pods by node", () => {
    const m = new ClusterMirror();
    const r1 = m.apply(make.batch({ reset: true, added: [make.node("node-1"), make.pod({ name: "a" })] }));
    expect(r1.structural).toBe(true);
    expect([...m.podsOn("")]).toEqual(["default/a"]);
    const r2 = m.apply(make.batch({ updated: [make.pod({ name: "a", node: "node-1" })] }));
    expect(r2.structural).toBe(true);
    expect([...m.podsOn("")]).toEqual([]);
    expect([...m.podsOn("node-1")]).toEqual(["default/a"]);
  });

  it("keeps its own copy of the spec of an update that travelled without it", () => {
    const m = new ClusterMirror();
    const first = make.pod({ name: "a", node: "n" });
    m.apply(make.batch({ added: [make.node("n"), first] }));
    const update = { ...make.pod({ name: "a", node: "n", phase: "Running" }), spec: null } as unknown as KObject;
    m.apply(make.batch({ updated: [update], sameSpec: [0] }));
    const pod = m.get<Pod & KObject>("Pod", "default/a")!;
    expect(pod.status?.phase).toBe("Running");
    expect(pod.spec).toBe(first.spec);
    expect(Object.keys(pod)).toEqual(Object.keys(first));
    expect([...m.podsOn("n")]).toEqual(["default/a"]);
  });

  it("counts a revision per kind, so the event log need not be rebuilt for pods", () => {
    const m = new ClusterMirror();
    m.apply(make.batch({ reset: true, added: [make.node("n"), make.configMap("c", { v: "1" })] }));
    const events = m.kindRevision("Event");
    const maps = m.kindRevision("ConfigMap");
    m.apply(make.batch({ added: [make.pod({ name: "a", node: "n" })] }));
    expect(m.kindRevision("Event")).toBe(events);
    expect(m.kindRevision("ConfigMap")).toBe(maps);
    m.apply(make.batch({ removed: [{ kind: "ConfigMap", namespace: "default", name: "c" }] }));
    expect(m.kindRevision("ConfigMap")).not.toBe(maps);
    const removed = m.kindRevision("ConfigMap");
    m.apply(make.batch({ reset: true, added: [make.node("n")] }));
    expect(m.kindRevision("ConfigMap")).not.toBe(removed);
  });

  it("keeps the few pods with a volume from a ConfigMap, a Secret or a claim apart", () => {
    const m = new ClusterMirror();
    const fromMap = make.pod({ name: "a", node: "n", volumes: [{ name: "conf", configMap: { name: "c" } }] });
    const scratch = make.pod({ name: "b", node: "n", volumes: [{ name: "tmp", emptyDir: {} }] });
    m.apply(make.batch({ reset: true, added: [make.node("n"), fromMap, scratch] }));
    expect([...m.podsWithSourcedVolumes()]).toEqual(["default/a"]);
    m.apply(make.batch({ updated: [make.pod({ name: "b", node: "n", volumes: [{ name: "claim", persistentVolumeClaim: { claimName: "data" } }] })] }));
    expect([...m.podsWithSourcedVolumes()]).toEqual(["default/a", "default/b"]);
    m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name: "a" }] }));
    expect([...m.podsWithSourcedVolumes()]).toEqual(["default/b"]);
    m.apply(make.batch({ reset: true, added: [make.node("n")] }));
    expect([...m.podsWithSourcedVolumes()]).toEqual([]);
  });

  it("does not ask for a new layout when only a pod's state changes", () => {
    const m = new ClusterMirror();
    m.apply(make.batch({ added: [make.pod({ name: "a", node: "n" })] }));
    const r = m.apply(make.batch({ updated: [make.pod({ name: "a", node: "n", phase: "Running" })] }));
    expect(r.structural).toBe(false);
    expect(m.get("Pod", "default/a")?.status?.phase).toBe("Running");
  });

  it("sums what a node's pods request, leaving out finished pods", () => {
    const m = new ClusterMirror();
    const req = (cpu: string, memory: string) => [{ name: "c", resources: { requests: { cpu, memory } } }];
    m.apply(
      make.batch({
        added: [
          make.node("n"),
          make.pod({ name: "a", node: "n", containers: req("250m", "64Mi") }),
          make.pod({ name: "b", node: "n", containers: req("500m", "128Mi"), initContainers: [{ name: "i", resources: { requests: { cpu: "1" } } }] }),
          make.pod({ name: "done", node: "n", phase: "Succeeded", containers: req("2", "1Gi") }),
        ],
      }),
    );
    expect(m.usage("n")).toEqual({ requested: { cpu: 1250, memory: 192 * 2 ** 20 }, pods: 2 });
    const before = m.usage("n");
    expect(m.usage("n")).toBe(before);
    m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name: "a" }] }));
    expect(m.usage("n")).toEqual({ requested: { cpu: 1000, memory: 128 * 2 ** 20 }, pods: 1 });
  });

  it("keeps the last runtime view of a removed pod so it can fade out", () => {
    const m = new ClusterMirror();
    const view = { key: "default/a", uid: "u", statusText: "Running", ready: "1/1", restarts: 0, qosClass: "BestEffort", sandbox: { state: "ready" as const, pauseImage: "p", hostNetwork: false }, containers: [], volumes: [], source: "status" as const };
    m.apply(make.batch({ added: [make.pod({ name: "a", node: "n" })], runtime: [view] }));
    const r = m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name: "a" }], runtimeRemoved: ["default/a"] }));
    expect(r.removedPods.map((p) => p.metadata?.name)).toEqual(["a"]);
    expect(r.removedViews.get("default/a")).toBe(view);
    expect(m.statusCounts("n")).toEqual({});
  });

  it("counts pods by kubectl status per node", () => {
    const m = new ClusterMirror();
    m.apply(make.batch({ added: [make.pod({ name: "a", node: "n", phase: "Running" }), make.pod({ name: "b", node: "n" }), make.pod({ name: "c", node: "n", phase: "Running" })] }));
    expect(m.statusCounts("n")).toEqual({ Running: 2, Pending: 1 });
  });

  it("keeps each node's sums right through moves, state changes and removals, at the cost of the change", () => {
    const m = new ClusterMirror();
    const nodes = ["", "n1", "n2"];
    const phases = ["Pending", "Running", "Succeeded", "Failed"];
    const containers = (cpu: number) => [{ name: "c", resources: { requests: { cpu: `${cpu}m`, memory: `${cpu}Mi` } } }];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    m.apply(make.batch({ reset: true, added: [make.node("n1"), make.node("n2")] }));
    for (let step = 0; step < 400; step++) {
      const name = `p${rand(12)}`;
      const key = `default/${name}`;
      const exists = m.get("Pod", key) !== undefined;
      const roll = rand(10);
      if (exists && roll === 0) m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name }], runtimeRemoved: [key] }));
      else if (exists && roll < 4) m.apply(make.batch({ runtime: [view(key, ["ContainerCreating", "Running", "CrashLoopBackOff"][rand(3)])] }));
      else {
        const pod = make.pod({ name, node: nodes[rand(3)] || undefined, phase: phases[rand(4)], containers: containers(1 + rand(3)) });
        m.apply(make.batch(exists ? { updated: [pod] } : { added: [pod] }));
      }
      for (const node of nodes) {
        const want = recount(m, node);
        expect(m.usage(node)).toEqual(want.usage);
        expect(m.statusCounts(node)).toEqual(want.counts);
      }
    }
  });

  it("says which node's pods changed place or shape, apart from a change of state", () => {
    const m = new ClusterMirror();
    m.apply(make.batch({ reset: true, added: [make.node("n"), make.pod({ name: "a" })] }));
    const boxes = m.boxesRevision();
    const pending = m.layoutRevision("");
    const onNode = m.layoutRevision("n");
    m.apply(make.batch({ updated: [make.pod({ name: "a", node: "n" })] }));
    expect(m.layoutRevision("")).not.toBe(pending);
    expect(m.layoutRevision("n")).not.toBe(onNode);
    const layout = m.layoutRevision("n");
    const pods = m.podsRevision("n");
    m.apply(make.batch({ updated: [make.pod({ name: "a", node: "n", phase: "Running" })] }));
    expect(m.layoutRevision("n")).toBe(layout);
    expect(m.podsRevision("n")).not.toBe(pods);
    m.apply(make.batch({ updated: [make.pod({ name: "a", node: "n", phase: "Running", volumes: [{ name: "v", emptyDir: {} }] })] }));
    expect(m.layoutRevision("n")).not.toBe(layout);
    expect(m.boxesRevision()).toBe(boxes);
    m.apply(make.batch({ added: [make.service("web", { app: "web" })] }));
    expect(m.boxesRevision()).not.toBe(boxes);
  });

  it("tells each pod's watchers only about their own pod, once the batch is in", () => {
    const m = new ClusterMirror();
    m.apply(make.batch({ reset: true, added: [make.pod({ name: "a" }), make.pod({ name: "b" })] }));
    const told: string[] = [];
    const stopA = m.watchPod("default/a", () => told.push("a"));
    m.watchPod("default/b", () => told.push("b"));

    m.apply(make.batch({ updated: [make.pod({ name: "a", node: "n" })] }));
    expect(told).toEqual([]);
    m.notifyPods();
    expect(told).toEqual(["a"]);

    // A runtime view, its removal and the pod's removal count too; several batches, one call each.
    told.length = 0;
    m.apply(make.batch({ runtime: [view("default/b", "ContainerCreating")] }));
    m.apply(make.batch({ runtimeRemoved: ["default/b"] }));
    m.notifyPods();
    expect(told).toEqual(["b"]);
    told.length = 0;
    m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name: "a" }] }));
    m.notifyPods();
    m.notifyPods();
    expect(told).toEqual(["a"]);

    // A reset tells everyone; a watcher that stopped hears nothing.
    told.length = 0;
    stopA();
    m.apply(make.batch({ reset: true, added: [make.pod({ name: "c" })] }));
    m.notifyPods();
    expect(told).toEqual(["b"]);
  });

  it("does not note pods nobody watches", () => {
    const m = new ClusterMirror();
    const told: string[] = [];
    m.apply(make.batch({ reset: true, added: [make.pod({ name: "a" })] }));
    m.watchPod("default/b", () => told.push("b"));
    m.apply(make.batch({ updated: [make.pod({ name: "a", node: "n" })], added: [make.pod({ name: "b" })] }));
    m.notifyPods();
    expect(told).toEqual(["b"]);
  });
});
