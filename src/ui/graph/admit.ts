/**
 * Boxes that appear together are drawn a budget at a time, one batch per frame. Five hundred pods
 * created at once were five hundred pod cards in one commit (some eight thousand elements, a frame of
 * over a second), or five hundred chips, in the Pending area and again as they moved to their nodes.
 * Drawn a budget per frame they fill in over a few frames, the way they would stream in anyway.
 */
import type { Edge, Node } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";

/**
 * Pod cards first drawn in one frame. Each new card is also measured by React Flow: forty a frame
 * made frames of 200 ms while 500 pods started, ten a frame about 100 ms (and 500 cards take under
 * a second to fill in).
 */
export const CARDS_PER_FRAME = 10;
/** Chips first drawn in one frame, across every chip grid. */
export const CHIPS_PER_FRAME = 150;

/**
 * The items to draw now, in their order: those without an id (always drawn), those drawn before
 * (`drawn`, which this adds to), and as many new ones as `take` allows (asked with how many are new).
 * `waiting` counts the items left for later frames; `drawn` forgets ids that are gone. Everything
 * drawn: the very array given, so that what reads it sees no change.
 */
export function admit<T>(items: T[], idOf: (item: T) => string | undefined, drawn: Set<string>, take: (fresh: number) => number): { items: T[]; waiting: number } {
  let fresh = 0;
  let kept = 0;
  for (const item of items) {
    const id = idOf(item);
    if (id === undefined) continue;
    if (drawn.has(id)) kept++;
    else fresh++;
  }
  let admitted = 0;
  const out: T[] = [];
  if (fresh > 0) {
    let allowed = take(fresh);
    for (const item of items) {
      const id = idOf(item);
      if (id === undefined || drawn.has(id)) out.push(item);
      else if (allowed > 0) {
        allowed--;
        admitted++;
        drawn.add(id);
        out.push(item);
      }
    }
  }
  const waiting = fresh - admitted;
  if (drawn.size > kept + admitted) {
    const present = new Set<string>();
    for (const item of items) {
      const id = idOf(item);
      if (id !== undefined) present.add(id);
    }
    for (const id of drawn) if (!present.has(id)) drawn.delete(id);
  }
  return { items: waiting === 0 ? items : out, waiting };
}

/** `admit` for a component: what it draws now, drawing more at the next frames while some wait. */
export function useAdmitted<T>(items: T[], idOf: (item: T) => string | undefined, take: (fresh: number) => number): T[] {
  const drawn = useRef(new Set<string>());
  const [, redraw] = useState(0);
  const { items: shown, waiting } = admit(items, idOf, drawn.current, take);
  useEffect(() => {
    if (waiting === 0) return;
    const id = requestAnimationFrame(() => redraw((n) => n + 1));
    return () => cancelAnimationFrame(id);
  });
  return shown;
}

/** A pod card's id, the only boxes admitted a few at a time. */
export const podCardId = (n: Node): string | undefined => (n.type === "pod" ? n.id : undefined);

/** A budget of `per` new items each time it is asked (each frame's render asks once). */
export const eachFrame =
  (per: number) =>
  (fresh: number): number =>
    Math.min(fresh, per);

/** What is left of this frame's budget of chips. */
let chipsLeft = CHIPS_PER_FRAME;
let refill = false;

/** Takes up to `fresh` chips from this frame's budget, shared by every grid; it is full again at the next frame. */
export function takeChips(fresh: number): number {
  if (!refill) {
    refill = true;
    // Registered before any grid's redraw (which its render schedules after taking), so it runs first.
    requestAnimationFrame(() => {
      refill = false;
      chipsLeft = CHIPS_PER_FRAME;
    });
  }
  const k = Math.min(fresh, chipsLeft);
  chipsLeft -= k;
  return k;
}

/** The links whose both ends are drawn. */
export function linksBetween<E extends Edge>(edges: E[], nodes: readonly Node[], all: readonly Node[]): E[] {
  if (nodes.length === all.length) return edges;
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}
