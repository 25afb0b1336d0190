/**
 * Pod cards that appear together are drawn a few per frame. Five hundred pods created at once were
 * five hundred cards in one commit (some eight thousand elements): one frame of over a second. Drawn
 * PER_FRAME at a time, they fill in over a few frames, the way they would stream in anyway.
 */
import type { Edge, Node } from "@xyflow/react";

/** Pod cards first drawn in one frame. */
export const PER_FRAME = 40;

/**
 * The boxes to draw now: every box but pod cards, the pod cards drawn before (`drawn`, which this
 * adds to), and up to `budget` new ones in their order. `waiting` counts the cards left for later
 * frames; `drawn` forgets cards that are gone.
 */
export function admitBoxes<N extends Node>(nodes: N[], drawn: Set<string>, budget = PER_FRAME): { nodes: N[]; waiting: number } {
  let left = budget;
  let waiting = 0;
  let kept = 0;
  const out: N[] = [];
  for (const n of nodes) {
    if (n.type !== "pod") {
      out.push(n);
      continue;
    }
    if (drawn.has(n.id)) {
      kept++;
      out.push(n);
    } else if (left > 0) {
      left--;
      drawn.add(n.id);
      out.push(n);
    } else waiting++;
  }
  if (drawn.size > kept + budget - left) {
    const present = new Set(out.map((n) => n.id));
    for (const id of drawn) if (!present.has(id)) drawn.delete(id);
  }
  return { nodes: waiting === 0 && out.length === nodes.length ? nodes : out, waiting };
}

/** The links whose both ends are drawn. */
export function linksBetween<E extends Edge>(edges: E[], nodes: readonly Node[], all: readonly Node[]): E[] {
  if (nodes.length === all.length) return edges;
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}
