/**
 * Ghosts are pods just removed from the cluster, kept on the graph for a moment so they fade out
 * where they stood instead of vanishing. They live outside the mirror: the cluster no longer has
 * them, the picture does, briefly.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { PodRuntimeView } from "../../worker/protocol";
import { motionOn } from "../store/ui-slice";
import { useAppStore } from "../store/store";

/** How long a removed pod stays on screen while it fades out (ms of wall time). */
export const LEAVE_MS = 650;

export interface Ghost {
  pod: Pod;
  view?: PodRuntimeView;
  /** Wall-clock ms when it goes. */
  until: number;
}

const ghosts = new Map<string, Ghost>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Keeps a removed pod on screen for LEAVE_MS, unless motion is off. */
export function rememberLeaving(pod: Pod, view?: PodRuntimeView): void {
  if (!motionOn(useAppStore.getState())) return;
  const key = `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
  ghosts.set(key, { pod, view, until: performance.now() + LEAVE_MS });
  if (timer === undefined) timer = setTimeout(sweep, LEAVE_MS + 20);
}

/** The pods fading out now, by "namespace/name". */
export function leavingPods(): ReadonlyMap<string, Ghost> {
  return ghosts;
}

function sweep(): void {
  timer = undefined;
  const now = performance.now();
  let removed = false;
  for (const [key, g] of ghosts) {
    if (g.until <= now) {
      ghosts.delete(key);
      removed = true;
    }
  }
  if (removed) useAppStore.setState((s) => ({ structure: s.structure + 1, links: s.links + 1 }));
  if (ghosts.size > 0) timer = setTimeout(sweep, LEAVE_MS / 2);
}
