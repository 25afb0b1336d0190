/**
 * The CronJob strategy: batch/v1 defaults (Allow concurrency, not suspended, keep 3 successful and 1
 * failed job), a schedule robfig/cron accepts, and a job template with a generated selector.
 */
import type { CronJob, CronJobSpec } from "kubernetes-types/batch/v1";
import type { KindStrategy } from "../server";
import { FieldPath, invalid, notSupported, required, type FieldError } from "../validation/field";
import { cronScheduleError, nonNegative } from "../validation/workloads";
import { goLabelSelector } from "../validation/workloads";
import { basicStrategy, defaultPodTemplate, resetStatus } from "./common";
import { validateJobSpecCommon } from "./job";

const SPEC = FieldPath.root("spec");

function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as CronJobSpec);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = "Allow";
  if (spec.suspend === undefined) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined) spec.failedJobsHistoryLimit = 1;
  const jt = (spec.jobTemplate ??= {});
  jt.metadata = { creationTimestamp: null as unknown as string, ...jt.metadata };
  defaultPodTemplate(jt.spec?.template);
}

function validateCronJob(cj: CronJob): FieldError[] {
  const spec = cj.spec ?? ({} as CronJobSpec);
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required(SPEC.child("schedule")));
  else {
    const err = cronScheduleError(spec.schedule);
    if (err) errs.push(invalid(SPEC.child("schedule"), spec.schedule, err));
  }
  if (spec.startingDeadlineSeconds !== undefined) errs.push(...nonNegative(spec.startingDeadlineSeconds, SPEC.child("startingDeadlineSeconds")));
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required(SPEC.child("concurrencyPolicy")));
  else if (!["Allow", "Forbid", "Replace"].includes(cp)) errs.push(notSupported(SPEC.child("concurrencyPolicy"), cp, ["Allow", "Forbid", "Replace"]));
  const jt = SPEC.child("jobTemplate");
  errs.push(...validateJobSpecCommon(spec.jobTemplate?.spec, jt.child("spec")));
  if (spec.jobTemplate?.spec?.selector) errs.push(invalid(jt.child("spec", "selector"), goLabelSelector(spec.jobTemplate.spec.selector), "`selector` will be auto-generated"));
  if (spec.jobTemplate?.spec?.manualSelector) errs.push(notSupported(jt.child("spec", "manualSelector"), true, ["nil", "false"]));
  for (const key of ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] as const) {
    if (spec[key] !== undefined) errs.push(...nonNegative(spec[key], SPEC.child(key)));
  }
  return errs;
}

export const cronJobStrategy: KindStrategy = basicStrategy("CronJob", {
  defaults: (obj) => defaultCronJob(obj as CronJob),
  validate: (obj) => validateCronJob(obj as CronJob),
  initialStatus: resetStatus({}),
});
