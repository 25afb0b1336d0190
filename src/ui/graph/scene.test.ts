import { describe, expect, it } from "vitest";
import { ClusterMirror } from "../store/mirror";
import { make } from "../testing/make";
import { buildScene, createSceneCache, type SceneFilters } from "./scene";
import { UNUSED_SHOWN } from "./scene-links";

const filters = (o: Partial<SceneFilters> = {}): SceneFilters => ({ namespace: "", labelFilter: "", detail: "auto", collapsed: new Set(), ...o });

function mirrorWith(...objects: Parameters<ClusterMirror["apply"]>[0]["added"]) {
  const m = new ClusterMirror();
  m.apply(make.batch({ reset: true, added: objects }));
  return m;
}

describe("buildScene", () => {
  it("puts bound pods inside their node's card and unscheduled ones in the Pending area", () => {
    const m = mirrorWith(make.node("control-plane", { controlPlane: true }), make.node("node-2"), make.node("node-10"), make.pod({ name: "web", node: "node-2" }), make.pod({ name: "waiting" }));
    const s = buildScene(m, filters(), new Map());
    expect(s.lod).toBe("cards");
    const nodes = s.inner.filter((b) => b.type === "k8sNode");
    expect(nodes.map((b) => b.id)).toEqual(["node:control-plane", "node:node-2", "node:node-10"]);
    const node2 = nodes[1];
    const web = s.inner.find((b) => b.id === "pod:default/web")!;
    expect(web.x).toBeGreaterThanOrEqual(node2.x);
    expect(web.y).toBeGreaterThan(node2.y);
    expect(web.x + web.w).toBeLessThanOrEqual(node2.x + node2.w);
    expect(web.y + web.h).toBeLessThanOrEqual(node2.y + node2.h);
    const pending = s.inner.find((b) => b.type === "pending")!;
    const waiting = s.inner.find((b) => b.id === "pod:default/waiting")!;
    expect(waiting.y).toBeGreaterThanOrEqual(pending.y);
    expect(waiting.y + waiting.h).toBeLessThanOrEqual(pending.y + pending.h);
    expect(pending.data).toMatchObject({ podCount: 1 });
  });

  it("links a Service to its endpoint pods, ready or not", () => {
    const m = mirrorWith(make.node("n"), make.pod({ name: "a", node: "n", labels: { app: "web" } }), make.pod({ name: "b", node: "n", labels: { app: "web" } }), make.service("web", { app: "web" }), make.slice("web", [{ pod: "a" }, { pod: "b", ready: false }]));
    const s = buildScene(m, filters(), new Map());
    const svc = s.side.find((b) => b.type === "service")!;
    expect(svc.data).toMatchObject({ key: "default/web", ready: 1, notReady: 1 });
    expect(s.links.filter((l) => l.kind === "endpoint").map((l) => [l.target, l.ready])).toEqual([
      ["pod:default/a", true],
      ["pod:default/b", false],
    ]);
    expect(s.links[1].ariaLabel).toBe("Endpoint of Service web: Pod b, not ready");
  });

  it("links volumes to their ConfigMap, and draws a missing source as not found", () => {
    const m = mirrorWith(
      make.node("n"),
      make.configMap("settings"),
      make.configMap("kube-root-ca.crt"),
      make.pod({ name: "a", node: "n", volumes: [{ name: "conf", configMap: { name: "settings" } }, { name: "sec", secret: { secretName: "creds" } }] }),
    );
    const s = buildScene(m, filters(), new Map());
    expect(s.side.map((b) => [b.id, b.type === "object" && b.data.missing])).toEqual([
      ["ConfigMap:default/settings", false],
      ["Secret:default/creds", true],
    ]);
    expect(s.links.map((l) => [l.source, l.target, l.label])).toEqual([
      ["pod:default/a", "ConfigMap:default/settings", "conf"],
      ["pod:default/a", "Secret:default/creds", "sec"],
    ]);
  });

  it("draws the ConfigMaps no pod mounts as one box that counts them, once there are many", () => {
    const many = Array.from({ length: UNUSED_SHOWN + 5 }, (_, i) => make.configMap(`cm-${i}`));
    const m = mirrorWith(make.node("n"), ...many, make.pod({ name: "a", node: "n", volumes: [{ name: "conf", configMap: { name: "cm-3" } }] }));
    const s = buildScene(m, filters(), new Map());
    expect(s.side.map((b) => [b.id, b.type === "object" && b.data.unused])).toEqual([
      ["ConfigMap:*unused", UNUSED_SHOWN + 4],
      ["ConfigMap:default/cm-3", undefined],
    ]);
    // A few are each drawn.
    const few = mirrorWith(make.node("n"), ...many.slice(0, UNUSED_SHOWN));
    expect(buildScene(few, filters(), new Map()).side).toHaveLength(UNUSED_SHOWN);
  });

  it("filters pods by namespace and label selector, and reports a bad selector", () => {
    const m = mirrorWith(make.node("n"), make.pod({ name: "a", node: "n", labels: { app: "web" } }), make.pod({ name: "b", node: "n", labels: { app: "db" } }), make.pod({ name: "c", node: "n", namespace: "other" }));
    expect(buildScene(m, filters({ labelFilter: "app=web" }), new Map()).inner.filter((b) => b.type === "pod").map((b) => b.id)).toEqual(["pod:default/a"]);
    expect(buildScene(m, filters({ namespace: "other" }), new Map()).visiblePods).toBe(1);
    expect(buildScene(m, filters({ namespace: "!other" }), new Map()).visiblePods).toBe(2);
    expect(buildScene(m, filters({ labelFilter: "app in (" }), new Map()).filterError).toBeTruthy();
  });

  it("draws chips, then counts, as the cluster grows; a collapsed node shows counts", () => {
    const pods = Array.from({ length: 300 }, (_, i) => make.pod({ name: `p${i}`, node: "n" }));
    const m = mirrorWith(make.node("n"), make.node("m"), make.service("s", { a: "b" }), make.slice("s", [{ pod: "p1" }, { pod: "p2" }]), ...pods);
    const s = buildScene(m, filters(), new Map());
    expect(s.lod).toBe("chips");
    expect(s.inner.filter((b) => b.type === "pod")).toHaveLength(0);
    const n = s.inner.find((b) => b.id === "node:n")!;
    expect(n.type === "k8sNode" && n.data.chips.length).toBe(300);
    // Endpoint links now land on the node and say how many endpoints they stand for.
    expect(s.links.map((l) => [l.target, l.label])).toEqual([["node:n", "2/2 ready"]]);
    const collapsed = buildScene(m, filters({ collapsed: new Set(["n"]), detail: "cards" }), new Map());
    const c = collapsed.inner.find((b) => b.id === "node:n")!;
    expect(c.type === "k8sNode" && c.data.mode).toBe("counts");
    expect(collapsed.inner.filter((b) => b.type === "pod")).toHaveLength(0);
  });

  it("keeps a removed pod on the picture while it fades out", () => {
    const m = mirrorWith(make.node("n"));
    const ghost = make.pod({ name: "old", node: "n" });
    const s = buildScene(m, filters(), new Map([["default/old", { pod: ghost }]]));
    const box = s.inner.find((b) => b.id === "pod:default/old");
    expect(box?.type === "pod" && box.data.leaving).toBe(true);
  });

  it("builds from its cache exactly what it builds from scratch, through arrivals, moves, fading pods and filter changes", () => {
    const m = mirrorWith(make.node("control-plane", { controlPlane: true }), make.node("node-1"), make.node("node-2"), make.service("web", { app: "web" }));
    const cache = createSceneCache();
    const ghosts = new Map<string, { pod: ReturnType<typeof make.pod> }>();
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const nodes = ["", "node-1", "node-2", "gone"];
    for (let step = 0; step < 150; step++) {
      const n = rand(30);
      const name = `p${n}`;
      const key = `default/${name}`;
      const old = m.get("Pod", key);
      const roll = rand(10);
      if (old && roll === 0) {
        m.apply(make.batch({ removed: [{ kind: "Pod", namespace: "default", name }] }));
        ghosts.set(key, { pod: old as ReturnType<typeof make.pod> });
      } else if (roll === 1 && ghosts.size > 0) {
        ghosts.delete([...ghosts.keys()][rand(ghosts.size)]);
      } else {
        const pod = make.pod({ name, node: nodes[rand(4)] || undefined, phase: rand(2) ? "Running" : "Pending", labels: { app: rand(2) ? "web" : "db" }, created: `2025-01-01T00:00:${String(59 - n).padStart(2, "0")}Z` });
        m.apply(make.batch(old ? { updated: [pod] } : { added: [pod] }));
      }
      const f = filters({ detail: (["auto", "cards", "chips", "counts"] as const)[Math.floor(step / 40)], labelFilter: step % 25 < 5 ? "app=web" : "", collapsed: new Set(step % 7 === 0 ? ["node-1"] : []) });
      expect(buildScene(m, f, ghosts, cache)).toEqual(buildScene(m, f, ghosts));
    }
  });

  it("packs again only the node whose pods changed", () => {
    const pods = Array.from({ length: 20 }, (_, i) => make.pod({ name: `p${i}`, node: i % 2 ? "a" : "b" }));
    const m = mirrorWith(make.node("a"), make.node("b"), ...pods);
    const cache = createSceneCache();
    const chipsOf = (s: ReturnType<typeof buildScene>, id: string) => {
      const box = s.inner.find((b) => b.id === id);
      return box?.type === "k8sNode" ? box.data.chips : undefined;
    };
    const first = buildScene(m, filters({ detail: "chips" }), new Map(), cache);
    m.apply(make.batch({ added: [make.pod({ name: "new", node: "a" })], updated: [make.pod({ name: "p0", node: "b", phase: "Running" })] }));
    const second = buildScene(m, filters({ detail: "chips" }), new Map(), cache);
    expect(chipsOf(second, "node:a")).not.toBe(chipsOf(first, "node:a"));
    expect(chipsOf(second, "node:a")).toHaveLength(11);
    // A change of state alone leaves node b's pods as they were: the same array, not packed again.
    expect(chipsOf(second, "node:b")).toBe(chipsOf(first, "node:b"));
  });

  it("holds the Pending area at a given height, so the nodes under it stay where they were as its pods leave", () => {
    const waiting = Array.from({ length: 12 }, (_, i) => make.pod({ name: `w${i}` }));
    const m = mirrorWith(make.node("a"), ...waiting);
    const before = buildScene(m, filters(), new Map());
    const nodeY = (s: ReturnType<typeof buildScene>) => s.inner.find((b) => b.id === "node:a")!.y;
    expect(before.pendingH).toBe(before.pendingNeeds);
    // Ten of them are bound to node a: the area needs less room.
    m.apply(make.batch({ updated: waiting.slice(0, 10).map((_, i) => make.pod({ name: `w${i}`, node: "a" })) }));
    const shrunk = buildScene(m, filters(), new Map());
    expect(shrunk.pendingNeeds).toBeLessThan(before.pendingNeeds);
    expect(nodeY(shrunk)).toBeLessThan(nodeY(before));
    const held = buildScene(m, filters({ pendingMinHeight: before.pendingH }), new Map());
    expect(held.pendingH).toBe(before.pendingH);
    expect(held.pendingNeeds).toBe(shrunk.pendingNeeds);
    expect(held.inner.find((b) => b.type === "pending")!.h).toBe(before.pendingH);
    expect(nodeY(held)).toBe(nodeY(before));
    // A floor below what the pods need changes nothing.
    expect(buildScene(m, filters({ pendingMinHeight: 10 }), new Map()).pendingH).toBe(shrunk.pendingNeeds);
  });
});
