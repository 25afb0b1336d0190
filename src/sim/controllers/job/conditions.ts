/**
 * Job conditions and their words, after job_controller.go and the batch/v1 API: the interim
 * SuccessCriteriaMet / FailureTarget conditions v1.31 writes first, the terminal Complete / Failed
 * ones written once no pod is still terminating, Suspended, and the reasons and messages the
 * controller uses for them and for its events.
 */
import type { Job, JobCondition } from "kubernetes-types/batch/v1";
import type { KObject } from "../../api/types";

export type JobObject = Job & KObject;

export const JOB_CONTROLLER = "job-controller";
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";

/** The reasons and messages of the conditions the controller writes. */
export const JOB_REASONS = {
  completionsReached: { reason: "CompletionsReached", message: "Reached expected number of succeeded pods" },
  backoffLimitExceeded: { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" },
  deadlineExceeded: { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" },
  maxFailedIndexesExceeded: { reason: "MaxFailedIndexesExceeded", message: "Job has exceeded the specified maximal number of failed indexes" },
  failedIndexes: { reason: "FailedIndexes", message: "Job has failed indexes" },
  podFailurePolicy: { reason: "PodFailurePolicy" },
  suspended: { reason: "JobSuspended", message: "Job suspended" },
  resumed: { reason: "JobResumed", message: "Job resumed" },
} as const;

/** newCondition: probe and transition time both now. */
export function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

export function findCondition(conditions: JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * ensureJobConditionStatus: sets a condition's status, reason and message, appending it unless it
 * would be appended as False. Returns the list and whether it changed.
 */
export function ensureCondition(list: JobCondition[], type: string, status: string, reason: string, message: string, now: string): { list: JobCondition[]; changed: boolean } {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && (c.reason ?? "") === reason && (c.message ?? "") === message) return { list, changed: false };
    const out = [...list];
    out[i] = newCondition(type, status, reason, message, now);
    return { list: out, changed: true };
  }
  if (status === "False") return { list, changed: false };
  return { list: [...list, newCondition(type, status, reason, message, now)], changed: true };
}

/** IsJobFinished: a Complete or Failed condition is True. */
export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

/** The finished condition type ("Complete" or "Failed") and when it was set, if the job is finished. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return (job.status?.conditions ?? []).find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

export function isJobSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}
