/**
 * The mirror's version, refreshed at most every `ms` of wall time: tables derived from the whole
 * mirror (the event log) need not be rebuilt at frame rate while the clock plays.
 */
import { useEffect, useState } from "react";
import { useAppStore } from "../store/store";

export function useThrottledVersion(ms = 250): number {
  const [version, setVersion] = useState(() => useAppStore.getState().version);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      timer = undefined;
      last = performance.now();
      setVersion(useAppStore.getState().version);
    };
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.version === prev.version) return;
      if (performance.now() - last >= ms) show();
      else if (timer === undefined) timer = setTimeout(show, ms - (performance.now() - last));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ms]);
  return version;
}
