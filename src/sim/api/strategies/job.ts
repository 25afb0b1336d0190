/**
 * The Job strategy: batch/v1 defaults (completions and parallelism 1, backoffLimit 6, NonIndexed,
 * not suspended, TerminatingOrFailed replacement), the selector and labels the API server generates
 * from the Job's uid, validation, and the fields that may not change.
 */
import type { Job, JobSpec } from "kubernetes-types/batch/v1";
import { GoValue } from "../errors";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, goStringMap, invalid, notSupported, required, type FieldError } from "../validation/field";
import { validatePodTemplateSpec } from "../validation/pod-spec";
import { validateLabelSelector } from "../validation/selectors";
import { goLabelSelector, nonNegative } from "../validation/workloads";
import { fromLabelSelector, matches } from "../labels";
import { basicStrategy, defaultPodTemplate, resetStatus, sameJSON } from "./common";

const SPEC = FieldPath.root("spec");

/** SetDefaults_Job. */
export function defaultJob(job: Job): void {
  const spec = (job.spec ??= {} as JobSpec);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined) spec.parallelism = 1;
  if (spec.backoffLimit === undefined) spec.backoffLimit = spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  const labels = spec.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) job.metadata = { ...job.metadata, labels: { ...labels } };
  if (!spec.completionMode) spec.completionMode = "NonIndexed";
  if (spec.suspend === undefined) spec.suspend = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const c of rule.onPodConditions ?? []) if (!c.status) c.status = "True";
  if (!spec.podReplacementPolicy) spec.podReplacementPolicy = spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  defaultPodTemplate(spec.template);
}

/** validateJobSpec (shared with CronJob templates). */
export function validateJobSpecCommon(spec: JobSpec | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? ({} as JobSpec);
  const errs: FieldError[] = [];
  for (const key of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] as const) {
    if (s[key] !== undefined) errs.push(...nonNegative(s[key], path.child(key)));
  }
  if (s.completionMode !== undefined && s.completionMode !== "NonIndexed" && s.completionMode !== "Indexed") errs.push(notSupported(path.child("completionMode"), s.completionMode, ["NonIndexed", "Indexed"]));
  if (s.completionMode === "Indexed" && s.completions === undefined) errs.push(required(path.child("completions"), "when completion mode is Indexed"));
  errs.push(...validatePodTemplateSpec(s.template, path.child("template")));
  const policy = s.template?.spec?.restartPolicy ?? "";
  if (policy !== "OnFailure" && policy !== "Never") errs.push(notSupported(path.child("template", "spec", "restartPolicy"), policy, ["OnFailure", "Never"]));
  return errs;
}

function validateJob(job: Job): FieldError[] {
  const spec = job.spec ?? ({} as JobSpec);
  const errs = validateJobSpecCommon(spec, SPEC);
  // Without manualSelector the selector is generated from the Job's uid when it is stored.
  if (spec.manualSelector) {
    if (!spec.selector) errs.push(required(SPEC.child("selector")));
    else {
      errs.push(...validateLabelSelector(spec.selector, SPEC.child("selector")));
      if (!matches(fromLabelSelector(spec.selector), spec.template?.metadata?.labels)) {
        errs.push(invalid(SPEC.child("template", "metadata", "labels"), goStringMap(spec.template?.metadata?.labels), "`selector` does not match template `labels`"));
      }
    }
  }
  return errs;
}

function validateJobUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!sameJSON(obj.spec?.completions, old.spec?.completions)) errs.push(invalid(SPEC.child("completions"), obj.spec?.completions ?? new GoValue("null"), "field is immutable"));
  if (!sameJSON(obj.spec?.selector, old.spec?.selector)) errs.push(invalid(SPEC.child("selector"), goLabelSelector(obj.spec?.selector), "field is immutable"));
  if (!sameJSON(obj.spec?.template, old.spec?.template)) errs.push(invalid(SPEC.child("template"), new GoValue("core.PodTemplateSpec{...}"), "field is immutable"));
  return errs;
}

/** PrepareForCreate's generateSelector: the uid-based selector and pod labels. */
function generateSelector(obj: KObject): void {
  const job = obj as Job & KObject;
  const spec = job.spec!;
  if (spec.manualSelector) return;
  const uid = job.metadata.uid!;
  const generated = { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": job.metadata.name!, "controller-uid": uid, "job-name": job.metadata.name! };
  spec.template = { ...spec.template, metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, ...generated } } };
  spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  // SetDefaults_Job copies the template's labels to a Job without any; it runs again on every read
  // of the stored Job, so the generated labels end up on the Job itself.
  if (Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...spec.template.metadata!.labels };
}

export const jobStrategy: KindStrategy = basicStrategy("Job", {
  defaults: (obj) => defaultJob(obj as Job),
  validate: (obj) => validateJob(obj as Job),
  validateUpdate: validateJobUpdate,
  initialStatus: (obj) => {
    generateSelector(obj);
    resetStatus({})(obj);
  },
});
