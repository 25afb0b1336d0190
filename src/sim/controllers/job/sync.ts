/**
 * syncJob, after job_controller.go: count the Job's pods (new successes and failures, podFailurePolicy
 * applied), decide whether it has finished — success criteria met, a FailJob rule, backoffLimit
 * (or restarts under OnFailure), activeDeadlineSeconds, failed indexes — and otherwise run manageJob;
 * then track the status and remove finalizers. A finishing Job has its active pods deleted.
 */
import type { JobCondition, SuccessPolicy } from "kubernetes-types/batch/v1";
import { fromLabelSelector } from "../../api/labels";
import { deepClone } from "../../util/object";
import { nextBackoffRecord } from "./backoff";
import { ensureCondition, findCondition, isJobFinished, isJobSuspended, JOB_CONTROLLER, JOB_REASONS, JOB_TRACKING_FINALIZER, newCondition, type JobObject } from "./conditions";
import { hasBackoffLimitPerIndex, hasTrackingFinalizer, isIndexedJob, isIndexFailed, isPodFailed, type JobEnv, type SyncJobCtx } from "./context";
import { completionIndex, indexAbsoluteFailureCount, indexesOf, indexFailureCount, OrderedIntervals, UNKNOWN_INDEX } from "./indexes";
import { activePodsForRemoval, deleteJobPods, manageJob } from "./manage";
import { matchPodFailurePolicy } from "./pod-failure-policy";
import { claimObjects, isPodActive, isPodReady, isPodTerminating, type PodObject } from "./pod-control";
import { finishedTime } from "./backoff";
import { trackJobStatus } from "./tracking";

/** getPodsForJob: claimed pods; adopted ones get the tracking finalizer. */
function podsForJob(env: JobEnv, job: JobObject): PodObject[] {
  return claimObjects<PodObject>(env.cluster, "Pod", job, fromLabelSelector(job.spec?.selector), JOB_CONTROLLER, { adoptFinalizer: JOB_TRACKING_FINALIZER });
}

/** pastBackoffLimitOnFailure: under restartPolicy OnFailure, the restarts of running and pending pods reach backoffLimit. */
function pastBackoffLimitOnFailure(job: JobObject, pods: PodObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== "Running" && p.status?.phase !== "Pending") continue;
    for (const s of p.status?.initContainerStatuses ?? []) restarts += s.restartCount ?? 0;
    for (const s of p.status?.containerStatuses ?? []) restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** matchSuccessPolicy: the first rule whose indexes (or count of them) have succeeded. */
function matchSuccessPolicy(policy: SuccessPolicy | undefined, completions: number, succeeded: OrderedIntervals): string | undefined {
  if (!policy || succeeded.total() === 0) return undefined;
  rules: for (const [index, rule] of policy.rules.entries()) {
    if (rule.succeededIndexes !== undefined && rule.succeededIndexes !== null) {
      const required = OrderedIntervals.parse(rule.succeededIndexes, completions);
      if (required.total() === 0) continue;
      let matched = 0;
      for (const iv of required.intervals) {
        for (let ix = iv.first; ix <= iv.last; ix++) {
          if (succeeded.has(ix)) matched++;
          else if (rule.succeededCount === undefined || rule.succeededCount === null) continue rules;
        }
      }
      if (rule.succeededCount === undefined || rule.succeededCount === null || rule.succeededCount <= matched) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && rule.succeededCount !== null && rule.succeededCount <= succeeded.total()) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}

/** getPodsWithDelayedDeletionPerIndex: per index, the last failed pod kept until its replacement exists. */
function podsWithDelayedDeletion(ctx: SyncJobCtx, parse: (ts: string) => number): Map<number, PodObject> {
  const active = new Set(indexesOf(ctx.activePods));
  const out = new Map<number, PodObject>();
  const completions = ctx.job.spec?.completions ?? 0;
  for (const p of ctx.pods) {
    if (!hasTrackingFinalizer(p) || !isPodFailed(p, ctx.job)) continue;
    const ix = completionIndex(p);
    if (ix === UNKNOWN_INDEX || ix >= completions) continue;
    if (ctx.succeededIndexes.has(ix) || ctx.failedIndexes?.has(ix) || active.has(ix)) continue;
    const last = out.get(ix);
    if (!last || (indexAbsoluteFailureCount(last) <= indexAbsoluteFailureCount(p) && finishedTime(p, parse) >= finishedTime(last, parse))) out.set(ix, p);
  }
  return out;
}

/** The finishing condition: the interim type (FailureTarget) v1.31 writes before the terminal one. */
function failureCondition(reason: string, message: string, now: string): JobCondition {
  return newCondition("FailureTarget", "True", reason, message, now);
}

/** syncJob. */
export function syncJob(env: JobEnv, key: string, stored: JobObject | undefined): void {
  const { cluster } = env;
  if (!stored) {
    env.backoffs.delete(key);
    return;
  }
  if (isJobFinished(stored)) {
    env.backoffs.delete(key);
    return;
  }
  const mode = stored.spec?.completionMode;
  if (mode !== undefined && mode !== "NonIndexed" && mode !== "Indexed") {
    cluster.events.record(stored, "Warning", "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown", { component: JOB_CONTROLLER });
    return;
  }
  const job = deepClone(stored);
  const status = (job.status ??= {});
  status.uncountedTerminatedPods ??= {};
  const now = cluster.clock.now;
  const nowTs = cluster.clock.timestamp();
  const parse = (ts: string) => cluster.clock.parseTimestamp(ts);

  const pods = podsForJob(env, job);
  const activePods = pods.filter(isPodActive);
  const uncountedSucceeded = new Set(status.uncountedTerminatedPods.succeeded ?? []);
  const uncountedFailed = new Set(status.uncountedTerminatedPods.failed ?? []);
  const completions = job.spec?.completions ?? 0;
  const valid = (p: PodObject, uncounted: Set<string>) => hasTrackingFinalizer(p) && !uncounted.has(p.metadata.uid!) && (!isIndexedJob(job) || (completionIndex(p) !== UNKNOWN_INDEX && completionIndex(p) < completions));
  const newSucceeded = pods.filter((p) => valid(p, uncountedSucceeded) && p.status?.phase === "Succeeded");
  const newFailed = pods.filter((p) => valid(p, uncountedFailed) && isPodFailed(p, job));
  const ctx: SyncJobCtx = {
    key,
    job,
    pods,
    activePods,
    ready: activePods.filter(isPodReady).length,
    terminating: pods.filter(isPodTerminating).length,
    succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size,
    failed: (status.failed ?? 0) + newFailed.filter((p) => matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed).length + uncountedFailed.size,
    prevSucceededIndexes: new OrderedIntervals(),
    succeededIndexes: new OrderedIntervals(),
    newBackoffRecord: nextBackoffRecord(env.backoffs.get(key), newSucceeded, newFailed, parse),
    uncountedSucceeded,
    uncountedFailed,
    podsWithDelayedDeletionPerIndex: new Map(),
  };
  let active = activePods.length;
  if (!status.startTime && !isJobSuspended(job)) status.startTime = nowTs;

  const successMet = findCondition(status.conditions, "SuccessCriteriaMet");
  ctx.finishedCondition = successMet?.status === "True" ? successMet : undefined;
  if (!ctx.finishedCondition) {
    const target = findCondition(status.conditions, "FailureTarget");
    if (target?.status === "True") {
      ctx.finishedCondition = newCondition("Failed", "True", target.reason ?? "", target.message ?? "", nowTs);
    } else if (job.spec?.podFailurePolicy) {
      for (const p of pods) {
        if (!isPodFailed(p, job)) continue;
        const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
        if (m.failJobMessage) {
          ctx.finishedCondition = failureCondition(JOB_REASONS.podFailurePolicy.reason, m.failJobMessage, nowTs);
          break;
        }
      }
    }
  }
  if (!ctx.finishedCondition) {
    const ads = job.spec?.activeDeadlineSeconds;
    const startTime = status.startTime ? parse(status.startTime) : undefined;
    if (ctx.failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      ctx.finishedCondition = failureCondition(JOB_REASONS.backoffLimitExceeded.reason, JOB_REASONS.backoffLimitExceeded.message, nowTs);
    } else if (ads !== undefined && ads !== null && startTime !== undefined && !isJobSuspended(job) && now - startTime >= ads * 1000) {
      ctx.finishedCondition = failureCondition(JOB_REASONS.deadlineExceeded.reason, JOB_REASONS.deadlineExceeded.message, nowTs);
    } else if (ads !== undefined && ads !== null && startTime !== undefined && !isJobSuspended(job)) {
      env.enqueueAfter(key, ads * 1000 - (now - startTime));
    }
  }

  if (isIndexedJob(job)) {
    ctx.prevSucceededIndexes = OrderedIntervals.parse(status.completedIndexes, completions);
    const newly = pods.filter((p) => p.status?.phase === "Succeeded" && hasTrackingFinalizer(p) && completionIndex(p) !== UNKNOWN_INDEX && completionIndex(p) < completions).map(completionIndex);
    ctx.succeededIndexes = ctx.prevSucceededIndexes.withOrderedIndexes([...new Set(newly)].sort((a, b) => a - b));
    ctx.succeeded = ctx.succeededIndexes.total();
    if (hasBackoffLimitPerIndex(job)) {
      const prevFailed = status.failedIndexes ? OrderedIntervals.parse(status.failedIndexes, completions) : new OrderedIntervals();
      const failedNow = pods.filter((p) => completionIndex(p) !== UNKNOWN_INDEX && completionIndex(p) < completions && hasTrackingFinalizer(p) && isIndexFailed(job, p, indexFailureCount(p))).map(completionIndex);
      ctx.failedIndexes = prevFailed.withOrderedIndexes([...new Set(failedNow)].sort((a, b) => a - b));
      if (!ctx.finishedCondition) {
        const maxFailed = job.spec?.maxFailedIndexes;
        if (maxFailed !== undefined && maxFailed !== null && ctx.failedIndexes.total() > maxFailed) {
          ctx.finishedCondition = failureCondition(JOB_REASONS.maxFailedIndexesExceeded.reason, JOB_REASONS.maxFailedIndexesExceeded.message, nowTs);
        } else if (ctx.failedIndexes.total() > 0 && ctx.failedIndexes.total() + ctx.succeededIndexes.total() >= completions) {
          ctx.finishedCondition = failureCondition(JOB_REASONS.failedIndexes.reason, JOB_REASONS.failedIndexes.message, nowTs);
        }
      }
      ctx.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletion(ctx, parse);
    }
    if (!ctx.finishedCondition) {
      const msg = matchSuccessPolicy(job.spec?.successPolicy, completions, ctx.succeededIndexes);
      if (msg) ctx.finishedCondition = newCondition("SuccessCriteriaMet", "True", "SuccessPolicy", msg, nowTs);
    }
  }

  let suspendChanged = false;
  let manageError: unknown;
  if (ctx.finishedCondition) {
    // A finishing Job's active pods are deleted; their finalizers stay until they are counted.
    const r = deleteJobPods(env, job, activePodsForRemoval(job, activePods, activePods.length), true);
    active -= r.deleted;
    ctx.terminating += r.deleted;
    ctx.ready -= r.deletedReady;
    manageError = r.error;
  } else {
    let manageCalled = false;
    if (!job.metadata.deletionTimestamp) {
      const r = manageJob(env, ctx);
      active = r.active;
      manageError = r.error;
      manageCalled = true;
    }
    const c = job.spec?.completions;
    const complete = c === undefined || c === null ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= c && active === 0;
    if (complete) {
      ctx.finishedCondition = newCondition("SuccessCriteriaMet", "True", JOB_REASONS.completionsReached.reason, JOB_REASONS.completionsReached.message, nowTs);
    } else if (manageCalled) {
      const source = { component: JOB_CONTROLLER };
      if (isJobSuspended(job)) {
        const r = ensureCondition(status.conditions ?? [], "Suspended", "True", JOB_REASONS.suspended.reason, JOB_REASONS.suspended.message, nowTs);
        status.conditions = r.list;
        if (r.changed) {
          suspendChanged = true;
          cluster.events.record(stored, "Normal", "Suspended", "Job suspended", source);
        }
      } else {
        const r = ensureCondition(status.conditions ?? [], "Suspended", "False", JOB_REASONS.resumed.reason, JOB_REASONS.resumed.message, nowTs);
        status.conditions = r.list;
        if (r.changed) {
          suspendChanged = true;
          cluster.events.record(stored, "Normal", "Resumed", "Job resumed", source);
          // Resuming restarts the activeDeadlineSeconds clock, as creating it suspended does.
          status.startTime = nowTs;
        }
      }
    }
  }

  const needsUpdate = suspendChanged || active !== (stored.status?.active ?? 0) || ctx.ready !== stored.status?.ready || ctx.terminating !== stored.status?.terminating || status.startTime !== stored.status?.startTime;
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackJobStatus(env, ctx, needsUpdate);
  if (manageError) throw manageError;
}
