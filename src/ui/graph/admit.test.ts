import type { Edge, Node } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { admit, eachFrame, linksBetween, podCardId } from "./admit";

const box = (id: string, type: string): Node => ({ id, type, position: { x: 0, y: 0 }, data: {} });
const ids = (nodes: readonly Node[]) => nodes.map((n) => n.id);

describe("boxes drawn a budget per frame", () => {
  const nodes = [box("node:a", "k8sNode"), ...Array.from({ length: 5 }, (_, i) => box(`pod:default/p${i}`, "pod")), box("svc:default/s", "service")];

  it("draws every box but pod cards at once, and the pod cards in order, a budget each time", () => {
    const drawn = new Set<string>();
    const first = admit(nodes, podCardId, drawn, eachFrame(2));
    expect(ids(first.items)).toEqual(["node:a", "pod:default/p0", "pod:default/p1", "svc:default/s"]);
    expect(first.waiting).toBe(3);
    const second = admit(nodes, podCardId, drawn, eachFrame(2));
    expect(ids(second.items)).toEqual(["node:a", "pod:default/p0", "pod:default/p1", "pod:default/p2", "pod:default/p3", "svc:default/s"]);
    const third = admit(nodes, podCardId, drawn, eachFrame(2));
    expect(third.waiting).toBe(0);
    // Everything drawn: the same array, so React Flow sees no change.
    expect(third.items).toBe(nodes);
  });

  it("asks the budget with how many are new, and draws those drawn before without asking", () => {
    const asked: number[] = [];
    const drawn = new Set(["c"]);
    const take = (fresh: number) => (asked.push(fresh), Math.min(fresh, 2));
    const keys = ["a", "b", "c", "d", "e"];
    expect(admit(keys, (k) => k, drawn, take)).toEqual({ items: ["a", "b", "c"], waiting: 2 });
    expect(admit(keys, (k) => k, drawn, take).items).toBe(keys);
    expect(admit(keys, (k) => k, drawn, take).items).toBe(keys);
    expect(asked).toEqual([4, 2]);
  });

  it("forgets what is gone, so an item that comes back waits its turn again", () => {
    const drawn = new Set(["pod:default/p0", "pod:default/gone"]);
    const { items } = admit(nodes, podCardId, drawn, eachFrame(0));
    expect(ids(items)).toEqual(["node:a", "pod:default/p0", "svc:default/s"]);
    expect(drawn.has("pod:default/gone")).toBe(false);
    const keys = new Set(["a", "b", "x"]);
    expect(admit(["a", "b"], (k) => k, keys, eachFrame(0)).waiting).toBe(0);
    expect(keys.has("x")).toBe(false);
    expect(admit(["a", "x"], (k) => k, keys, eachFrame(0))).toEqual({ items: ["a"], waiting: 1 });
  });

  it("keeps only the links whose ends are drawn", () => {
    const edges: Edge[] = [
      { id: "e1", source: "svc:default/s", target: "pod:default/p0" },
      { id: "e2", source: "svc:default/s", target: "pod:default/p4" },
    ];
    const shown = nodes.filter((n) => n.id !== "pod:default/p4");
    expect(linksBetween(edges, shown, nodes).map((e) => e.id)).toEqual(["e1"]);
    expect(linksBetween(edges, nodes, nodes)).toBe(edges);
  });
});
