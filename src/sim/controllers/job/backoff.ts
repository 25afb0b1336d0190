/**
 * The Job controller's pod failure back-off, after backoff_utils.go: the failures since the last
 * success and the time of the last one decide how long re-creation waits — 10 s after the first,
 * doubling with each further failure, capped (DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff,
 * as timings). A success resets the count.
 */
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";

/** What the controller remembers per Job. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Virtual ms of the last counted failure. */
  lastFailureTime?: number;
}

type Parse = (ts: string) => number;

/** latestFinishTime: the latest finishedAt, or null when a container has not finished. */
function latestFinish(statuses: ContainerStatus[] | undefined, prev: number | undefined, parse: Parse, check?: (name: string) => boolean): number | undefined | null {
  let finish = prev;
  for (const s of statuses ?? []) {
    if (check && !check(s.name)) continue;
    const at = s.state?.terminated?.finishedAt;
    if (!at) return null;
    const t = parse(at);
    if (finish === undefined || finish < t) finish = t;
  }
  return finish;
}

/**
 * getFinishedTime: when a pod finished — its containers' latest finishedAt (sidecars included), else
 * when Ready turned False, else its deletion time less the grace period, else its creation.
 */
export function finishedTime(pod: Pod, parse: Parse): number {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  const app = latestFinish(pod.status?.containerStatuses, undefined, parse);
  if (app !== null) {
    const all = latestFinish(pod.status?.initContainerStatuses, app, parse, (n) => sidecars.has(n));
    if (all !== null && all !== undefined) return all;
  }
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
  if (ready?.status === "False" && ready.lastTransitionTime) return parse(ready.lastTransitionTime);
  if (pod.metadata?.deletionTimestamp) return parse(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parse(pod.metadata?.creationTimestamp ?? "1970-01-01T00:00:00Z");
}

/** newBackoffRecord: the record after the pods that finished since the last sync. */
export function nextBackoffRecord(prev: BackoffRecord | undefined, newSucceeded: Pod[], newFailed: Pod[], parse: Parse): BackoffRecord {
  const record: BackoffRecord = { failuresAfterLastSuccess: prev?.failuresAfterLastSuccess ?? 0, lastFailureTime: prev?.lastFailureTime };
  const succeeded = newSucceeded.map((p) => finishedTime(p, parse)).sort((a, b) => a - b);
  const failed = newFailed.map((p) => finishedTime(p, parse)).sort((a, b) => a - b);
  if (succeeded.length === 0) {
    if (failed.length === 0) return record;
    return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failed.length, lastFailureTime: failed[failed.length - 1] };
  }
  const out: BackoffRecord = { failuresAfterLastSuccess: 0 };
  const lastSuccess = succeeded[succeeded.length - 1];
  for (let i = failed.length - 1; i >= 0; i--) {
    if (failed[i] <= lastSuccess) break;
    out.lastFailureTime ??= failed[i];
    out.failuresAfterLastSuccess++;
  }
  return out;
}

/** getRemainingTimeForFailuresCount: how long creation must still wait, in ms (0: now). */
export function remainingBackoff(failures: number, lastFailureTime: number | undefined, now: number, baseMs: number, maxMs: number): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let backoff = baseMs;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= maxMs) {
      backoff = maxMs;
      break;
    }
  }
  const elapsed = now - lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
