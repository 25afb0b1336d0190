/**
 * The DaemonSet strategy: apps/v1 defaults (RollingUpdate with maxUnavailable 1 and maxSurge 0, 10
 * revisions), validation, and an immutable selector.
 */
import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { KindStrategy } from "../server";
import { FieldPath, invalid, notSupported, required, type FieldError } from "../validation/field";
import { nonNegative, validateIntOrPercent, validateTemplateForController, validateWorkloadSelector } from "../validation/workloads";
import { basicStrategy, defaultPodTemplate, resetStatus } from "./common";
import { immutableSelector } from "./deployment";

const SPEC = FieldPath.root("spec");

function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as DaemonSet["spec"])!;
  const us = (spec.updateStrategy ??= {});
  if (!us.type) us.type = "RollingUpdate";
  if (us.type === "RollingUpdate") {
    const ru = (us.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
}

function validateDaemonSetSpec(ds: DaemonSet): FieldError[] {
  const spec = ds.spec ?? ({} as NonNullable<DaemonSet["spec"]>);
  const errs = validateWorkloadSelector(spec.selector, SPEC.child("selector"), "daemonset");
  errs.push(...validateTemplateForController(spec.template, spec.selector, SPEC.child("template"), "DaemonSet"));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  const us = spec.updateStrategy ?? {};
  if (us.type === "RollingUpdate") {
    if (!us.rollingUpdate) errs.push(required(SPEC.child("updateStrategy", "rollingUpdate")));
    else {
      const p = SPEC.child("updateStrategy", "rollingUpdate");
      errs.push(...validateIntOrPercent(us.rollingUpdate.maxUnavailable, p.child("maxUnavailable")), ...validateIntOrPercent(us.rollingUpdate.maxSurge, p.child("maxSurge")));
      const zero = (v: unknown) => v === undefined || v === 0 || v === "0%";
      if (zero(us.rollingUpdate.maxUnavailable) && zero(us.rollingUpdate.maxSurge)) errs.push(invalid(p.child("maxUnavailable"), us.rollingUpdate.maxUnavailable ?? 0, "may not be 0 when `maxSurge` is 0"));
    }
  } else if (us.type !== "OnDelete") {
    errs.push(notSupported(SPEC.child("updateStrategy", "type"), us.type ?? "", ["OnDelete", "RollingUpdate"]));
  }
  if (spec.revisionHistoryLimit !== undefined) errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child("revisionHistoryLimit")));
  return errs;
}

export const daemonSetStrategy: KindStrategy = basicStrategy("DaemonSet", {
  defaults: (obj) => defaultDaemonSet(obj as DaemonSet),
  validate: (obj) => validateDaemonSetSpec(obj as DaemonSet),
  validateUpdate: immutableSelector,
  initialStatus: resetStatus({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
});
