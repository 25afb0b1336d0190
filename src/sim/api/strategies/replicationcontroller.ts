/**
 * The ReplicationController strategy: selector and labels default to the template's labels, one
 * replica, a non-empty selector matching the template, restartPolicy Always.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, forbidden, goStringMap, invalid, notSupported, required, type FieldError } from "../validation/field";
import { validatePodTemplateSpec } from "../validation/pod-spec";
import { validateLabels } from "../validation/objectmeta";
import { nonNegative } from "../validation/workloads";
import { basicStrategy, defaultPodTemplate, resetStatus } from "./common";

const SPEC = FieldPath.root("spec");

function defaultRC(rc: KObject): void {
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
    if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...labels };
  }
  if (spec.replicas === undefined) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

function validateRC(rc: KObject): FieldError[] {
  const spec = rc.spec ?? {};
  const errs = nonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds"));
  const selector: Record<string, string> = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errs.push(required(SPEC.child("selector")));
  else errs.push(...validateLabels(selector, SPEC.child("selector")));
  errs.push(...nonNegative(spec.replicas, SPEC.child("replicas")));
  const t = spec.template;
  if (!t) return [...errs, required(SPEC.child("template"))];
  const labels: Record<string, string> = t.metadata?.labels ?? {};
  if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    errs.push(invalid(SPEC.child("template", "metadata", "labels"), goStringMap(t.metadata?.labels), "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(t, SPEC.child("template")));
  if (t.spec?.restartPolicy !== "Always") errs.push(notSupported(SPEC.child("template", "spec", "restartPolicy"), t.spec?.restartPolicy ?? "", ["Always"]));
  if (t.spec?.activeDeadlineSeconds !== undefined) errs.push(forbidden(SPEC.child("template", "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicationController is not Supported"));
  return errs;
}

export const replicationControllerStrategy: KindStrategy = basicStrategy("ReplicationController", {
  defaults: defaultRC,
  validate: validateRC,
  initialStatus: resetStatus({ replicas: 0 }),
});
