import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { ClusterMirror } from "../store/mirror";
import { make } from "../testing/make";
import { elkGraph, keepArrangement, stackArrangement } from "./arrange";
import { buildScene } from "./scene";

function scene() {
  const m = new ClusterMirror();
  m.apply(
    make.batch({
      reset: true,
      added: [
        make.node("node-1"),
        make.node("node-2"),
        make.pod({ name: "a", node: "node-2", labels: { app: "web" }, volumes: [{ name: "conf", configMap: { name: "settings" } }] }),
        make.service("web", { app: "web" }),
        make.slice("web", [{ pod: "a" }]),
        make.configMap("settings"),
      ],
    }),
  );
  return buildScene(m, { namespace: "", labelFilter: "", detail: "auto", collapsed: new Set() }, new Map());
}

describe("arrange", () => {
  it("gives ELK one cluster block with ports where the linked pods are", () => {
    const s = scene();
    const g = elkGraph(s);
    const center = g.children!.find((c) => c.id === "center")!;
    const pod = s.inner.find((b) => b.id === "pod:default/a")!;
    expect(center.ports!.map((p) => [p.id, p.x, p.layoutOptions?.["elk.port.side"]])).toEqual([
      ["pod:default/a@WEST", pod.x - 1, "WEST"],
      ["pod:default/a@EAST", pod.x + pod.w, "EAST"],
    ]);
    expect(g.edges!.map((e) => [e.sources[0], e.targets[0]])).toEqual([
      ["svc:default/web", "pod:default/a@WEST"],
      ["pod:default/a@EAST", "ConfigMap:default/settings"],
    ]);
  });

  it("places Services left of the cluster and ConfigMaps right of it", async () => {
    const s = scene();
    const out = await new ELK().layout(elkGraph(s));
    const at = (id: string) => out.children!.find((c) => c.id === id)!;
    const center = at("center");
    expect(at("svc:default/web").x! + at("svc:default/web").width!).toBeLessThanOrEqual(center.x!);
    expect(at("ConfigMap:default/settings").x!).toBeGreaterThanOrEqual(center.x! + center.width!);
  });

  it("stacks side boxes in columns when ELK is not used", () => {
    const s = scene();
    const a = stackArrangement(s);
    expect(a.side.get("svc:default/web")!.x).toBeLessThan(0);
    expect(a.side.get("ConfigMap:default/settings")!.x).toBeGreaterThan(s.center.w);
  });

  it("keeps an ELK arrangement for a wider cluster block, moving the boxes right of it along", () => {
    const before = scene();
    const wider = { ...before, center: { ...before.center, w: before.center.w + 100 } };
    const elk = { center: { x: 0, y: 0 }, side: new Map([["svc:default/web", { x: -300, y: 10 }], ["ConfigMap:default/settings", { x: before.center.w + 90, y: 20 }]]) };
    const kept = keepArrangement(elk, before, wider);
    expect(kept.side.get("svc:default/web")).toEqual({ x: -300, y: 10 });
    expect(kept.side.get("ConfigMap:default/settings")).toEqual({ x: before.center.w + 190, y: 20 });
    expect(keepArrangement(elk, before, before)).toBe(elk);
    expect(keepArrangement(stackArrangement(before), before, wider).side.get("ConfigMap:default/settings")!.x).toBe(stackArrangement(wider).side.get("ConfigMap:default/settings")!.x);
  });
});
