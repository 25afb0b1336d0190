/**
 * Hooks that read one pod, or its runtime view, from the mirror and re-render only when that pod
 * changed: the pod chips and cards of the graph, hundreds at a time, use them instead of a store
 * selector (which would run for every one of them on every batch).
 */
import type { Pod } from "kubernetes-types/core/v1";
import { useCallback, useSyncExternalStore } from "react";
import type { KObject } from "../../sim/api/types";
import type { PodRuntimeView } from "../../worker/protocol";
import { useAppStore } from "./store";

function useWatch(key: string): (onChange: () => void) => () => void {
  // The mirror is created once with the store and never replaced (a reset clears it in place).
  const mirror = useAppStore.getState().mirror;
  return useCallback((onChange: () => void) => mirror.watchPod(key, onChange), [mirror, key]);
}

/** The pod "namespace/name" as the mirror holds it, or undefined. */
export function usePod(key: string): (Pod & KObject) | undefined {
  const subscribe = useWatch(key);
  return useSyncExternalStore(subscribe, () => useAppStore.getState().mirror.get<Pod & KObject>("Pod", key));
}

/** The runtime view of the pod "namespace/name" (sandbox, containers, probes), or undefined. */
export function usePodView(key: string): PodRuntimeView | undefined {
  const subscribe = useWatch(key);
  return useSyncExternalStore(subscribe, () => useAppStore.getState().mirror.view(key));
}
