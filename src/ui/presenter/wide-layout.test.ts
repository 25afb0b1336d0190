import { describe, expect, it } from "vitest";
import { buildScene } from "../graph/scene";
import { ClusterMirror } from "../store/mirror";
import { make } from "../testing/make";

/** The rows of node cards, as the y of each node box. */
function nodeRows(wide: boolean, count: number): number {
  const m = new ClusterMirror();
  m.apply(make.batch({ reset: true, added: Array.from({ length: count }, (_, i) => make.node(`node-${i + 1}`)) }));
  const scene = buildScene(m, { namespace: "", labelFilter: "", detail: "auto", collapsed: new Set(), wide }, new Map());
  return new Set(scene.inner.filter((b) => b.type === "k8sNode").map((b) => b.y)).size;
}

describe("the node grid in presenter mode", () => {
  it("puts the default cluster's four nodes side by side on a wide screen, in a square otherwise", () => {
    expect(nodeRows(true, 4)).toBe(1);
    expect(nodeRows(false, 4)).toBe(2);
  });

  it("keeps bigger clusters in rows wider than tall", () => {
    expect(nodeRows(true, 12)).toBe(2);
    expect(nodeRows(false, 12)).toBe(3);
  });
});
