import type { Edge, Node } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { admitBoxes, linksBetween } from "./admit";

const box = (id: string, type: string): Node => ({ id, type, position: { x: 0, y: 0 }, data: {} });

describe("pod cards drawn a few per frame", () => {
  const nodes = [box("node:a", "k8sNode"), ...Array.from({ length: 5 }, (_, i) => box(`pod:default/p${i}`, "pod")), box("svc:default/s", "service")];

  it("draws every other box at once and the pod cards in order, a budget per frame", () => {
    const drawn = new Set<string>();
    const first = admitBoxes(nodes, drawn, 2);
    expect(first.nodes.map((n) => n.id)).toEqual(["node:a", "pod:default/p0", "pod:default/p1", "svc:default/s"]);
    expect(first.waiting).toBe(3);
    const second = admitBoxes(nodes, drawn, 2);
    expect(second.nodes.map((n) => n.id)).toEqual(["node:a", "pod:default/p0", "pod:default/p1", "pod:default/p2", "pod:default/p3", "svc:default/s"]);
    const third = admitBoxes(nodes, drawn, 2);
    expect(third.waiting).toBe(0);
    // Everything drawn: the same array, so React Flow sees no change.
    expect(third.nodes).toBe(nodes);
  });

  it("forgets cards that are gone, and draws cards already drawn at once", () => {
    const drawn = new Set(["pod:default/p0", "pod:default/gone"]);
    const { nodes: out } = admitBoxes(nodes, drawn, 0);
    expect(out.map((n) => n.id)).toEqual(["node:a", "pod:default/p0", "svc:default/s"]);
    expect(drawn.has("pod:default/gone")).toBe(false);
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
