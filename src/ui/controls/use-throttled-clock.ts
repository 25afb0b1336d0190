/**
 * The clock for display, refreshed at most every `ms` of wall time: the digits and the timeline's
 * thumb need not repaint at frame rate (each repaint costs the browser a pass over the whole page).
 * Changes of play state, speed or the history show at once.
 */
import { useEffect, useState } from "react";
import type { ClockStatus } from "../../worker/protocol";
import { useAppStore } from "../store/store";

export function useThrottledClock(ms = 100): ClockStatus {
  const [clock, setClock] = useState(() => useAppStore.getState().clock);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shown = useAppStore.getState().clock;
    const show = () => {
      timer = undefined;
      last = performance.now();
      shown = useAppStore.getState().clock;
      setClock(shown);
    };
    const unsubscribe = useAppStore.subscribe((s) => {
      const c = s.clock;
      if (c === shown) return;
      const urgent = c.playing !== shown.playing || c.speed !== shown.speed || c.inputs !== shown.inputs || c.cursor !== shown.cursor || c.replayingTo !== shown.replayingTo || c.time < shown.time;
      if (urgent || performance.now() - last >= ms) {
        if (timer !== undefined) clearTimeout(timer);
        show();
      } else if (timer === undefined) {
        timer = setTimeout(show, ms - (performance.now() - last));
      }
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ms]);
  return clock;
}
