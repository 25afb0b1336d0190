/**
 * The mirror's version, refreshed at most every `ms` of wall time: tables derived from the whole
 * mirror (the event log) need not be rebuilt at frame rate while the clock plays. Given a kind, the
 * number changes only when an object of that kind did: the event log is not rebuilt while a large
 * cluster's pods stream in and no Event changes.
 */
import { useEffect, useState } from "react";
import { useAppStore, type AppState } from "../store/store";

/** The store's version, or the revision of one kind's objects. */
function versionOf(s: AppState, kind: string | undefined): number {
  return kind === undefined ? s.version : s.mirror.kindRevision(kind);
}

export function useThrottledVersion(ms = 250, kind?: string): number {
  const [version, setVersion] = useState(() => versionOf(useAppStore.getState(), kind));
  useEffect(() => {
    const of = (s: AppState) => versionOf(s, kind);
    let shown = of(useAppStore.getState());
    setVersion(shown);
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      timer = undefined;
      last = performance.now();
      shown = of(useAppStore.getState());
      setVersion(shown);
    };
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.version === prev.version || of(s) === shown) return;
      if (performance.now() - last >= ms) show();
      else if (timer === undefined) timer = setTimeout(show, ms - (performance.now() - last));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ms, kind]);
  return version;
}
