/**
 * Chips that appear together are drawn a budget per frame, shared by every grid: five hundred pods
 * created at once, or moving from the Pending area to their nodes, were five hundred new chips in
 * one commit. Drawn CHIPS_PER_FRAME at a time, they fill in over three or four frames.
 */
import { useEffect, useRef, useState } from "react";

export const CHIPS_PER_FRAME = 150;

/** What is left of this frame's budget. */
let left = CHIPS_PER_FRAME;
let refill = false;

/** Takes up to `n` chips from this frame's budget; the budget is full again at the next frame. */
function take(n: number): number {
  if (!refill) {
    refill = true;
    // Registered before any grid's redraw (which its render schedules after taking), so it runs first.
    requestAnimationFrame(() => {
      refill = false;
      left = CHIPS_PER_FRAME;
    });
  }
  const k = Math.min(n, left);
  left -= k;
  return k;
}

/**
 * The keys a chip grid draws now: those drawn before (in the grid's order), and new ones as far as
 * the frame's budget goes (`budget` replaces the shared one in tests). The rest come at the next
 * frames.
 */
export function chipsToDraw(keys: readonly string[], drawn: Set<string>, budget: (n: number) => number): { keys: readonly string[]; waiting: number } {
  let fresh = 0;
  for (const k of keys) if (!drawn.has(k)) fresh++;
  if (fresh === 0) {
    if (drawn.size > keys.length) prune(keys, drawn);
    return { keys, waiting: 0 };
  }
  let allowed = budget(fresh);
  const out: string[] = [];
  for (const k of keys) {
    if (drawn.has(k)) out.push(k);
    else if (allowed > 0) {
      allowed--;
      drawn.add(k);
      out.push(k);
    }
  }
  if (drawn.size > out.length) prune(out, drawn);
  return { keys: out.length === keys.length ? keys : out, waiting: keys.length - out.length };
}

function prune(keys: readonly string[], drawn: Set<string>): void {
  const present = new Set(keys);
  for (const k of drawn) if (!present.has(k)) drawn.delete(k);
}

/** A chip grid's keys to draw now (see chipsToDraw), drawing more at the next frames while some wait. */
export function useChipBudget(keys: readonly string[]): readonly string[] {
  const drawn = useRef(new Set<string>());
  const [, redraw] = useState(0);
  const { keys: shown, waiting } = chipsToDraw(keys, drawn.current, take);
  useEffect(() => {
    if (waiting === 0) return;
    const id = requestAnimationFrame(() => redraw((n) => n + 1));
    return () => cancelAnimationFrame(id);
  });
  return shown;
}
