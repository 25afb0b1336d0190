/**
 * manageJob, after job_controller.go: how many pods a Job should run (parallelism, bounded by the
 * completions still needed), deleting the surplus (for Indexed Jobs, duplicate and out-of-range
 * indexes first) and creating the missing ones in slow-start batches — each with the tracking
 * finalizer, Indexed pods with their index, hostname and JOB_COMPLETION_INDEX — unless the pod
 * failure back-off says to wait. A suspended Job keeps no pods.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { deepClone } from "../../util/object";
import { finishedTime, remainingBackoff } from "./backoff";
import { JOB_TRACKING_FINALIZER, type JobObject } from "./conditions";
import { hasBackoffLimitPerIndex, hasTrackingFinalizer, isIndexedJob, onlyReplaceFailedPods, type JobEnv, type SyncJobCtx } from "./context";
import {
  addCompletionIndexEnv,
  COMPLETION_INDEX_ANNOTATION,
  completionIndex,
  firstPendingIndexes,
  generateNameWithIndex,
  indexAbsoluteFailureCount,
  indexesOf,
  INDEX_FAILURE_COUNT_ANNOTATION,
  INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  newIndexFailureCounts,
  UNKNOWN_INDEX,
} from "./indexes";
import { matchPodFailurePolicy } from "./pod-failure-policy";
import { compareActivePods, isNotFound, isPodReady, isPodTerminating, newControllerRef, type PodObject } from "./pod-control";

/** MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** Deletes pods, first removing their tracking finalizer (deleteJobPods). Returns how many went, and how many of those were ready. */
export function deleteJobPods(env: JobEnv, job: JobObject, pods: PodObject[], keepFinalizer = false): { deleted: number; deletedReady: number; error?: unknown } {
  let deleted = 0;
  let deletedReady = 0;
  let error: unknown;
  const ns = job.metadata.namespace!;
  for (const pod of pods) {
    try {
      if (!keepFinalizer && hasTrackingFinalizer(pod)) {
        env.cluster.api.mutate("Pod", ns, pod.metadata.name!, { actor: env.podControl.actor }, (p) => {
          p.metadata.finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
          if (p.metadata.finalizers.length === 0) delete p.metadata.finalizers;
        });
      }
      env.podControl.delete(ns, pod.metadata.name!, job);
      deleted++;
    } catch (e) {
      if (isNotFound(e)) deleted++;
      else error ??= e;
    }
    if (isPodReady(pod)) deletedReady++;
  }
  return { deleted, deletedReady, error };
}

/** activePodsForRemoval: duplicate and invalid indexes first, then the pods least far along. */
export function activePodsForRemoval(job: JobObject, pods: PodObject[], rmAtLeast: number): PodObject[] {
  const rm: PodObject[] = [];
  let left: PodObject[];
  if (isIndexedJob(job)) {
    left = [];
    const completions = job.spec?.completions ?? 0;
    const byIndex = new Map<number, PodObject[]>();
    for (const p of pods) {
      const ix = completionIndex(p);
      if (ix === UNKNOWN_INDEX || ix >= completions) {
        rm.push(p);
        continue;
      }
      const list = byIndex.get(ix);
      if (list) list.push(p);
      else byIndex.set(ix, [p]);
    }
    for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
      const same = byIndex.get(ix)!.sort(compareActivePods);
      rm.push(...same.slice(0, -1));
      left.push(same[same.length - 1]);
    }
  } else {
    left = [...pods];
  }
  if (rm.length < rmAtLeast) {
    left.sort(compareActivePods);
    rm.push(...left.slice(0, rmAtLeast - rm.length));
  }
  return rm;
}

/** The indexes to create pods for, and for backoffLimitPerIndex the wait before any can be. */
function indexesToCreate(env: JobEnv, ctx: SyncJobCtx, count: number): { indexes: number[]; wait: number } {
  const job = ctx.job;
  const completions = job.spec?.completions ?? 0;
  let nonPending = ctx.succeededIndexes.withOrderedIndexes(indexesOf(ctx.activePods));
  if (onlyReplaceFailedPods(job)) nonPending = nonPending.withOrderedIndexes(indexesOf(ctx.pods.filter(isPodTerminating)));
  if (ctx.failedIndexes) nonPending = nonPending.merge(ctx.failedIndexes);
  const indexes = firstPendingIndexes(nonPending, count, completions);
  if (!hasBackoffLimitPerIndex(job)) return { indexes, wait: 0 };
  const now = env.cluster.clock.now;
  const parse = (ts: string) => env.cluster.clock.parseTimestamp(ts);
  const ready: number[] = [];
  let minWait: number | undefined;
  for (const ix of indexes) {
    const last = ctx.podsWithDelayedDeletionPerIndex.get(ix);
    const wait = last ? remainingBackoff(indexAbsoluteFailureCount(last) + 1, finishedTime(last, parse), now, env.cluster.timing("jobPodFailureBackOff"), env.cluster.timing("jobPodFailureBackOffMax")) : 0;
    if (wait === 0) ready.push(ix);
    else if (minWait === undefined || wait < minWait) minWait = wait;
  }
  return ready.length > 0 ? { indexes: ready, wait: 0 } : { indexes: [], wait: minWait ?? 0 };
}

/** manageJob: returns the number of active pods after its deletions and creations. */
export function manageJob(env: JobEnv, ctx: SyncJobCtx): { active: number; error?: unknown } {
  const job = ctx.job;
  let active = ctx.activePods.length;
  const parallelism = job.spec?.parallelism ?? 1;
  if (job.spec?.suspend) {
    const r = deleteJobPods(env, job, activePodsForRemoval(job, ctx.activePods, active));
    ctx.terminating += r.deleted;
    ctx.ready -= r.deletedReady;
    return { active: active - r.deleted, error: r.error };
  }
  const completions = job.spec?.completions;
  let wantActive: number;
  if (completions === undefined || completions === null) wantActive = ctx.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));

  const toDelete = activePodsForRemoval(job, ctx.activePods, Math.max(0, active - wantActive)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (toDelete.length > 0) {
    const r = deleteJobPods(env, job, toDelete);
    ctx.terminating += r.deleted;
    ctx.ready -= r.deletedReady;
    return { active: active - r.deleted, error: r.error };
  }

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };
  const batchPeriod = env.cluster.timing("jobSyncBatchPeriod");
  if (!hasBackoffLimitPerIndex(job)) {
    const wait = remainingBackoff(ctx.newBackoffRecord.failuresAfterLastSuccess, ctx.newBackoffRecord.lastFailureTime, env.cluster.clock.now, env.cluster.timing("jobPodFailureBackOff"), env.cluster.timing("jobPodFailureBackOffMax"));
    if (wait > 0) {
      env.enqueueAfter(ctx.key, Math.max(wait, batchPeriod));
      // As Kubernetes does: a sync that only waits out the back-off reports no active pods.
      return { active: 0 };
    }
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (isIndexedJob(job)) {
    const r = indexesToCreate(env, ctx, diff);
    if (r.wait > 0) {
      env.enqueueAfter(ctx.key, Math.max(r.wait, batchPeriod));
      return { active: 0 };
    }
    indexes = r.indexes;
    diff = indexes.length;
  }

  const template = deepClone(job.spec!.template);
  if (isIndexedJob(job)) addCompletionIndexEnv(template);
  template.metadata = { ...template.metadata, finalizers: [...(template.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER] };
  const ref = newControllerRef(job);
  active += diff;
  let error: unknown;
  let batch = Math.min(diff, 1);
  let remaining = diff;
  while (remaining > 0) {
    let failedInBatch = 0;
    for (let i = 0; i < batch; i++) {
      const ix = indexes.length > 0 ? indexes.shift()! : UNKNOWN_INDEX;
      try {
        createPod(env, ctx, template, ref, ix);
      } catch (e) {
        error ??= e;
        failedInBatch++;
        active--;
      }
    }
    remaining -= batch;
    if (failedInBatch > 0 && remaining > 0) {
      // Slow start: once a batch fails, the rest waits for the next sync.
      active -= remaining;
      break;
    }
    batch = Math.min(2 * batch, remaining);
  }
  return { active, error };
}

function createPod(env: JobEnv, ctx: SyncJobCtx, base: PodTemplateSpec, ref: OwnerReference, ix: number): void {
  const job = ctx.job;
  let template = base;
  let generateName: string | undefined;
  if (ix !== UNKNOWN_INDEX) {
    template = deepClone(base);
    const annotations: Record<string, string> = { ...template.metadata?.annotations, [COMPLETION_INDEX_ANNOTATION]: String(ix) };
    if (hasBackoffLimitPerIndex(job)) {
      const replaced = ctx.podsWithDelayedDeletionPerIndex.get(ix);
      const counted = replaced ? matchPodFailurePolicy(job.spec?.podFailurePolicy, replaced).countFailed : true;
      const counts = newIndexFailureCounts(replaced, counted);
      annotations[INDEX_FAILURE_COUNT_ANNOTATION] = String(counts.failures);
      if (counts.ignored > 0) annotations[INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(counts.ignored);
    }
    template.metadata = { ...template.metadata, annotations, labels: { ...template.metadata?.labels, [COMPLETION_INDEX_ANNOTATION]: String(ix) } };
    template.spec = { ...template.spec!, hostname: `${job.metadata.name}-${ix}` };
    generateName = generateNameWithIndex(job.metadata.name!, ix);
  }
  env.podControl.create(job.metadata.namespace!, template, job, ref, generateName);
}
