/**
 * Taints and tolerations, matched as core/v1's Toleration.ToleratesTaint and the v1helper functions
 * the scheduler and the taint-eviction controller share.
 */
import type { Taint, Toleration } from "kubernetes-types/core/v1";

/** True when the toleration tolerates the taint: same effect (or any), same key (or any), value by operator. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator) {
    case undefined:
    case "":
    case "Equal":
      return (t.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/** True when any toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `filter` that no toleration tolerates (v1helper.FindMatchingUntoleratedTaint). */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/**
 * For each taint, the first toleration tolerating it. `allTolerated` is false as soon as one taint
 * has none (v1helper.GetMatchingTolerations).
 */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations?.find((x) => toleratesTaint(x, taint));
    if (!t) return { allTolerated: false, used: [] };
    used.push(t);
  }
  return { allTolerated: true, used };
}

/** Taints in the form the scheduler's messages print them: "{key: value}". */
export function formatTaintForReason(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ""}}`;
}
