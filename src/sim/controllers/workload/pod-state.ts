/**
 * What the workload controllers read from a pod: whether it is active (not finished, not being
 * deleted), ready, and available (ready for at least minReadySeconds) — podutil.IsPodReady,
 * IsPodAvailable and controller.IsPodActive.
 */
import type { Pod, PodCondition } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";

/** Not Succeeded or Failed and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

/** The pod's Ready condition, if any. */
export function readyCondition(pod: KObject): PodCondition | undefined {
  const conditions = (pod as Pod & KObject).status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === "Ready") return c;
  return undefined;
}

/** The Ready condition is True. */
export function isPodReady(pod: KObject): boolean {
  return readyCondition(pod)?.status === "True";
}

/**
 * Ready, and (with minReadySeconds) ready since more than minReadySeconds before `nowMs`; `parse`
 * turns the condition's RFC 3339 lastTransitionTime into virtual ms.
 */
export function isPodAvailable(pod: KObject, minReadySeconds: number, nowMs: number, parse: (ts: string) => number): boolean {
  const c = readyCondition(pod);
  if (c?.status !== "True") return false;
  if (minReadySeconds <= 0) return true;
  if (!c.lastTransitionTime) return false;
  return parse(c.lastTransitionTime) + minReadySeconds * 1000 < nowMs;
}
