/**
 * The state one Job sync works with (job_controller.go's syncJobCtx) and the controller facilities it
 * uses, shared by the sync, manage and status-tracking steps.
 */
import type { JobCondition } from "kubernetes-types/batch/v1";
import type { Cluster } from "../../cluster";
import type { BackoffRecord } from "./backoff";
import type { JobObject } from "./conditions";
import { JOB_TRACKING_FINALIZER } from "./conditions";
import type { OrderedIntervals } from "./indexes";
import { matchPodFailurePolicy } from "./pod-failure-policy";
import type { PodControl, PodObject } from "./pod-control";

/** What the controller lends a sync: the cluster, its pod control, its back-off records and its queue. */
export interface JobEnv {
  cluster: Cluster;
  podControl: PodControl;
  backoffs: Map<string, BackoffRecord>;
  enqueueAfter(key: string, ms: number): void;
}

/** One sync's view of a Job (syncJobCtx). `job` is a private copy whose status the sync edits. */
export interface SyncJobCtx {
  key: string;
  job: JobObject;
  pods: PodObject[];
  activePods: PodObject[];
  finishedCondition?: JobCondition;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  failedIndexes?: OrderedIntervals;
  newBackoffRecord: BackoffRecord;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  podsWithDelayedDeletionPerIndex: Map<number, PodObject>;
  terminating: number;
  ready: number;
}

export function hasTrackingFinalizer(pod: PodObject): boolean {
  return (pod.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

export function isIndexedJob(job: JobObject): boolean {
  return job.spec?.completionMode === "Indexed";
}

export function hasBackoffLimitPerIndex(job: JobObject): boolean {
  return job.spec?.backoffLimitPerIndex !== undefined && job.spec?.backoffLimitPerIndex !== null;
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed, or any podFailurePolicy. */
export function onlyReplaceFailedPods(job: JobObject): boolean {
  return job.spec?.podReplacementPolicy === "Failed" || !!job.spec?.podFailurePolicy;
}

/** isPodFailed: Failed, or — unless only failed pods are replaced — being deleted before succeeding. */
export function isPodFailed(pod: PodObject, job: JobObject): boolean {
  if (pod.status?.phase === "Failed") return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== "Succeeded";
}

/** isIndexFailed: the pod's failure fails its index (a FailIndex rule, or backoffLimitPerIndex reached). */
export function isIndexFailed(job: JobObject, pod: PodObject, indexFailureCount: number): boolean {
  let counted = false;
  if (isPodFailed(pod, job)) {
    if (job.spec?.podFailurePolicy) {
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
      if (m.action === "FailIndex") return true;
      counted = m.countFailed;
    } else {
      counted = true;
    }
  }
  return counted && indexFailureCount >= (job.spec?.backoffLimitPerIndex ?? 0);
}
