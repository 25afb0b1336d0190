/**
 * Runs a read-only worker query (describe, logs, a scheduling record, a pod's history) and keeps
 * its answer. With `live`, the query runs again when the cluster changes — at most every `minMs`
 * of wall time and never two at once — so a panel follows the simulation without flooding the
 * worker while the clock plays fast.
 */
import { useEffect, useState } from "react";
import type { Query, QueryAnswer, QueryType } from "../../worker/queries";
import { bridge } from "../bridge";
import { useAppStore } from "../store/store";

export interface QueryState<K extends QueryType> {
  answer?: QueryAnswer<K>;
  /** The query the answer is for (JSON), so a stale answer is never shown for a new query. */
  for?: string;
  /** Virtual ms of the clock when the answer arrived. */
  at?: number;
  loading: boolean;
}

export function useWorkerQuery<K extends QueryType>(query: (Query & { type: K }) | undefined, opts: { live?: boolean; minMs?: number } = {}): QueryState<K> {
  const key = query ? JSON.stringify(query) : "";
  const [state, setState] = useState<QueryState<K>>({ loading: !!query });
  const live = opts.live ?? true;
  const minMs = opts.minMs ?? 400;

  useEffect(() => {
    if (!key) {
      setState({ loading: false });
      return;
    }
    const q = JSON.parse(key) as Query & { type: K };
    let cancelled = false;
    let inFlight = false;
    let again = false;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      last = performance.now();
      setState((s) => ({ ...s, loading: true }));
      void (bridge.query as (q: Query) => Promise<QueryAnswer | undefined>)(q).then((answer) => {
        inFlight = false;
        if (cancelled) return;
        setState({ answer: (answer ?? undefined) as QueryAnswer<K> | undefined, for: key, at: useAppStore.getState().clock.time, loading: false });
        if (again) {
          again = false;
          schedule();
        }
      });
    };
    const schedule = () => {
      if (timer !== undefined || cancelled) return;
      timer = setTimeout(run, Math.max(0, minMs - (performance.now() - last)));
    };
    run();
    const unsubscribe = live ? useAppStore.subscribe((s, prev) => s.version !== prev.version && schedule()) : () => {};
    return () => {
      cancelled = true;
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key, live, minMs]);

  return state.for === key || !key ? state : { loading: true };
}
