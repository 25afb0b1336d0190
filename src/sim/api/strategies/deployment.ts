/**
 * The Deployment strategy: apps/v1 defaults (1 replica, RollingUpdate 25%/25%, 10 revisions kept,
 * 600 s progress deadline), validation, and an immutable selector.
 */
import type { Deployment } from "kubernetes-types/apps/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, type FieldError } from "../validation/field";
import { goLabelSelector, nonNegative, validateDeploymentStrategy, validateTemplateForController, validateWorkloadSelector } from "../validation/workloads";
import { basicStrategy, defaultPodTemplate, resetStatus, sameJSON } from "./common";

const SPEC = FieldPath.root("spec");

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as Deployment["spec"])!;
  if (spec.replicas === undefined) spec.replicas = 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined) ru.maxUnavailable = "25%";
    if (ru.maxSurge === undefined) ru.maxSurge = "25%";
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(spec.template);
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(d: Deployment): FieldError[] {
  const spec = d.spec ?? ({} as NonNullable<Deployment["spec"]>);
  const errs = nonNegative(spec.replicas, SPEC.child("replicas"));
  errs.push(...validateWorkloadSelector(spec.selector, SPEC.child("selector"), "deployment"));
  errs.push(...validateTemplateForController(spec.template, spec.selector, SPEC.child("template"), "ReplicaSet"));
  errs.push(...validateDeploymentStrategy(spec.strategy as Record<string, any>, SPEC.child("strategy")));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  if (spec.revisionHistoryLimit !== undefined) errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child("revisionHistoryLimit")));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, SPEC.child("progressDeadlineSeconds")));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) errs.push(invalid(SPEC.child("progressDeadlineSeconds"), spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
  }
  return errs;
}

/** An immutable selector, as apps/v1 workloads have. */
export function immutableSelector(obj: KObject, old: KObject): FieldError[] {
  return sameJSON(obj.spec?.selector, old.spec?.selector) ? [] : [invalid(SPEC.child("selector"), goLabelSelector(obj.spec?.selector as LabelSelector | undefined), "field is immutable")];
}

export const deploymentStrategy: KindStrategy = basicStrategy("Deployment", {
  defaults: (obj) => defaultDeployment(obj as Deployment),
  validate: (obj) => validateDeploymentSpec(obj as Deployment),
  validateUpdate: immutableSelector,
  initialStatus: resetStatus({}),
});
