import { describe, expect, it } from "vitest";
import { make } from "../testing/make";
import { ClusterMirror } from "./mirror";

describe("ClusterMirror", () => {
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
});
