/**
 * Job status tracking with finalizers, after job_controller.go's trackJobStatusAndRemoveFinalizers:
 * a finished pod's uid first goes into status.uncountedTerminatedPods, then its
 * `batch.kubernetes.io/job-tracking` finalizer is removed, then it moves into the succeeded/failed
 * counters (Indexed Jobs count completedIndexes instead). The interim SuccessCriteriaMet or
 * FailureTarget condition is written first; the terminal Complete or Failed condition, with its event,
 * only once nothing is uncounted and no pod is still terminating.
 */
import type { JobStatus } from "kubernetes-types/batch/v1";
import { deepClone } from "../../util/object";
import { ensureCondition, findCondition, JOB_CONTROLLER, JOB_TRACKING_FINALIZER, newCondition, type JobObject } from "./conditions";
import { hasBackoffLimitPerIndex, hasTrackingFinalizer, isIndexedJob, isPodFailed, type JobEnv, type SyncJobCtx } from "./context";
import { completionIndex, UNKNOWN_INDEX } from "./indexes";
import { matchPodFailurePolicy } from "./pod-failure-policy";
import { isNotFound, type PodObject } from "./pod-control";

/** MaxUncountedPods: how many finished pods one sync takes into uncountedTerminatedPods. */
const MAX_UNCOUNTED_PODS = 500;

interface Uncounted {
  succeeded: string[];
  failed: string[];
}

function uncountedOf(status: JobStatus): Uncounted {
  const u = status.uncountedTerminatedPods ?? {};
  return { succeeded: [...(u.succeeded ?? [])], failed: [...(u.failed ?? [])] };
}

function setUncounted(status: JobStatus, u: Uncounted): void {
  status.uncountedTerminatedPods = { ...(u.succeeded.length ? { succeeded: u.succeeded } : {}), ...(u.failed.length ? { failed: u.failed } : {}) };
}

/** cleanUncountedPodsWithoutFinalizers: uids whose finalizer is gone move into the counters. */
function cleanUncounted(status: JobStatus, withFinalizer: Set<string>): boolean {
  const u = uncountedOf(status);
  const succeeded = u.succeeded.filter((uid) => withFinalizer.has(uid));
  const failed = u.failed.filter((uid) => withFinalizer.has(uid));
  if (succeeded.length === u.succeeded.length && failed.length === u.failed.length) return false;
  status.succeeded = (status.succeeded ?? 0) + u.succeeded.length - succeeded.length;
  status.failed = (status.failed ?? 0) + u.failed.length - failed.length;
  setUncounted(status, { succeeded, failed });
  return true;
}

/** The status as the API serializes it: zero counters with omitempty left out, ready and terminating kept. */
export function serializedStatus(status: JobStatus): JobStatus {
  const out: Record<string, unknown> = { ...status };
  for (const k of ["active", "succeeded", "failed"] as const) if (!out[k]) delete out[k];
  if (!out.completedIndexes) delete out.completedIndexes;
  if (Array.isArray(out.conditions) && out.conditions.length === 0) delete out.conditions;
  return out as JobStatus;
}

/** Writes the job's status; the sync carries on with a private copy of what was stored. */
export function writeStatus(env: JobEnv, job: JobObject): JobObject {
  const stored = env.cluster.api.updateStatus<JobObject>({ ...job, metadata: { ...job.metadata, resourceVersion: undefined }, status: serializedStatus(job.status ?? {}) }, { actor: JOB_CONTROLLER });
  return deepClone(stored);
}

function canRemoveFinalizer(ctx: SyncJobCtx, pod: PodObject, considerFailed: boolean): boolean {
  if (ctx.job.metadata.deletionTimestamp || ctx.finishedCondition || pod.status?.phase === "Succeeded") return true;
  if (!considerFailed) return false;
  if (hasBackoffLimitPerIndex(ctx.job)) {
    const delayed = ctx.podsWithDelayedDeletionPerIndex.get(completionIndex(pod));
    if (delayed && delayed.metadata.uid === pod.metadata.uid) return false;
  }
  return true;
}

function removeFinalizer(env: JobEnv, pod: PodObject): boolean {
  try {
    env.cluster.api.mutate("Pod", pod.metadata.namespace, pod.metadata.name!, { actor: JOB_CONTROLLER }, (p) => {
      p.metadata.finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      if (p.metadata.finalizers.length === 0) delete p.metadata.finalizers;
    });
    return true;
  } catch (e) {
    return isNotFound(e);
  }
}

/** trackJobStatusAndRemoveFinalizers. */
export function trackJobStatus(env: JobEnv, ctx: SyncJobCtx, needsFlushIn: boolean): void {
  let needsFlush = needsFlushIn;
  const job = ctx.job;
  const status = (job.status ??= {});
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  const pods = indexed ? [...ctx.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : ctx.pods;
  const withFinalizer = new Set(pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid!));
  if (cleanUncounted(status, withFinalizer)) needsFlush = true;

  const uncounted = uncountedOf(status);
  const toRemove: PodObject[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMax = false;
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid!;
    const considerFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, considerFailed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === "Succeeded" && !ctx.uncountedFailed.has(uid)) {
      if (indexed) {
        const ix = completionIndex(pod);
        if (ix !== UNKNOWN_INDEX && ix < completions && !ctx.prevSucceededIndexes.has(ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncountedSucceeded.has(uid)) {
        needsFlush = true;
        uncounted.succeeded.push(uid);
      }
    } else if (considerFailed || (ctx.finishedCondition && ctx.finishedCondition.type !== "SuccessCriteriaMet")) {
      // Once the Job is finishing, every pod that has not succeeded counts as failed.
      const ix = completionIndex(pod);
      if (!ctx.uncountedFailed.has(uid) && (!indexed || (ix !== UNKNOWN_INDEX && ix < completions))) {
        if (matchPodFailurePolicy(job.spec?.podFailurePolicy, pod).countFailed) {
          needsFlush = true;
          uncounted.failed.push(uid);
        }
      }
    }
    if (newSucceededIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED_PODS) {
      reachedMax = true;
      break;
    }
  }
  setUncounted(status, uncounted);
  if (indexed) {
    ctx.succeededIndexes = ctx.succeededIndexes.withOrderedIndexes([...new Set(newSucceededIndexes)].sort((a, b) => a - b));
    const text = ctx.succeededIndexes.toString();
    if (text !== (status.completedIndexes ?? "")) needsFlush = true;
    status.succeeded = ctx.succeededIndexes.total();
    status.completedIndexes = text;
    const failedText = ctx.failedIndexes?.toString();
    if (failedText !== status.failedIndexes) {
      status.failedIndexes = failedText;
      needsFlush = true;
    }
  }
  const now = env.cluster.clock.timestamp();
  if (ctx.finishedCondition?.type === "FailureTarget") {
    status.conditions = [...(status.conditions ?? []), ctx.finishedCondition];
    needsFlush = true;
    ctx.finishedCondition = newCondition("Failed", "True", ctx.finishedCondition.reason ?? "", ctx.finishedCondition.message ?? "", now);
  }
  if (ctx.finishedCondition?.type === "SuccessCriteriaMet") {
    if (!findCondition(status.conditions, "SuccessCriteriaMet")) {
      status.conditions = [...(status.conditions ?? []), ctx.finishedCondition];
      needsFlush = true;
    }
    ctx.finishedCondition = newCondition("Complete", "True", ctx.finishedCondition.reason ?? "", ctx.finishedCondition.message ?? "", now);
  }

  // flushUncountedAndRemoveFinalizers: record the uids, then drop the finalizers, then count.
  if (needsFlush) {
    ctx.job = writeStatus(env, ctx.job);
    env.backoffs.set(ctx.key, ctx.newBackoffRecord);
    needsFlush = false;
  }
  let removeFailed = false;
  for (const pod of toRemove) {
    if (removeFinalizer(env, pod)) withFinalizer.delete(pod.metadata.uid!);
    else removeFailed = true;
  }
  const st = (ctx.job.status ??= {});
  if (cleanUncounted(st, withFinalizer)) needsFlush = true;
  if (removeFailed && needsFlush) {
    ctx.job = writeStatus(env, ctx.job);
    return;
  }
  const finished = !reachedMax && enactJobFinished(env, ctx);
  if (finished) needsFlush = true;
  if (needsFlush) {
    ctx.job = writeStatus(env, ctx.job);
    if (finished) recordJobFinished(env, ctx.job, ctx.finishedCondition!);
  }
}

/** enactJobFinished: the terminal condition, once nothing is uncounted and no pod is terminating. */
function enactJobFinished(env: JobEnv, ctx: SyncJobCtx): boolean {
  const cond = ctx.finishedCondition;
  if (!cond) return false;
  const status = (ctx.job.status ??= {});
  const u = uncountedOf(status);
  if (u.succeeded.length + u.failed.length > 0) return false;
  if (ctx.terminating > 0) return false;
  status.conditions = ensureCondition(status.conditions ?? [], cond.type, cond.status, cond.reason ?? "", cond.message ?? "", env.cluster.clock.timestamp()).list;
  if (cond.type === "Complete") status.completionTime = cond.lastTransitionTime;
  return true;
}

/** recordJobFinished: "Completed" (and TooManySucceededPods), or the failure's reason as a Warning. */
function recordJobFinished(env: JobEnv, job: JobObject, cond: { type: string; reason?: string; message?: string }): void {
  const source = { component: JOB_CONTROLLER };
  if (cond.type === "Complete") {
    const completions = job.spec?.completions;
    if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
      env.cluster.events.record(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached", source);
    }
    env.cluster.events.record(job, "Normal", "Completed", "Job completed", source);
  } else {
    env.cluster.events.record(job, "Warning", cond.reason ?? "", cond.message ?? "", source);
  }
}
