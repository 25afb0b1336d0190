/**
 * The HorizontalPodAutoscaler (autoscaling/v2) strategy: minReplicas 1 and an 80% CPU utilization
 * target by default, the default scaling behavior when one is given, and spec validation.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, notSupported, required, type FieldError } from "../validation/field";
import { basicStrategy, resetStatus } from "./common";

const SPEC = FieldPath.root("spec");

function defaultScaleUp(rules: Record<string, any> | undefined): Record<string, any> {
  const r = { ...rules };
  if (r.stabilizationWindowSeconds === undefined) r.stabilizationWindowSeconds = 0;
  if (!r.selectPolicy) r.selectPolicy = "Max";
  if (!r.policies) r.policies = [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }];
  return r;
}

function defaultScaleDown(rules: Record<string, any> | undefined): Record<string, any> {
  const r = { ...rules };
  if (r.stabilizationWindowSeconds === undefined) r.stabilizationWindowSeconds = 300;
  if (!r.selectPolicy) r.selectPolicy = "Max";
  if (!r.policies) r.policies = [{ type: "Percent", value: 100, periodSeconds: 15 }];
  return r;
}

/** SetDefaults_HorizontalPodAutoscaler. */
export function defaultHPA(hpa: KObject): void {
  const spec = (hpa.spec ??= {});
  if (spec.minReplicas === undefined) spec.minReplicas = 1;
  if (!spec.metrics || spec.metrics.length === 0) spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
  if (spec.behavior) spec.behavior = { scaleUp: defaultScaleUp(spec.behavior.scaleUp), scaleDown: defaultScaleDown(spec.behavior.scaleDown) };
}

const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];

function validateHPA(hpa: KObject): FieldError[] {
  const spec = hpa.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minReplicas !== undefined && spec.minReplicas < 1) errs.push(invalid(SPEC.child("minReplicas"), spec.minReplicas, "must be greater than or equal to 1"));
  if ((spec.maxReplicas ?? 0) < 1) errs.push(invalid(SPEC.child("maxReplicas"), spec.maxReplicas ?? 0, "must be greater than 0"));
  if (spec.minReplicas !== undefined && (spec.maxReplicas ?? 0) < spec.minReplicas) errs.push(invalid(SPEC.child("maxReplicas"), spec.maxReplicas ?? 0, "must be greater than or equal to `minReplicas`"));
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required(SPEC.child("scaleTargetRef", "kind")));
  if (!ref.name) errs.push(required(SPEC.child("scaleTargetRef", "name")));
  (spec.metrics ?? []).forEach((m: Record<string, any>, i: number) => {
    const p = SPEC.child("metrics").index(i);
    if (!m.type) errs.push(required(p.child("type")));
    else if (!METRIC_TYPES.includes(m.type)) errs.push(notSupported(p.child("type"), m.type, METRIC_TYPES));
  });
  return errs;
}

export const hpaStrategy: KindStrategy = basicStrategy("HorizontalPodAutoscaler", {
  defaults: defaultHPA,
  validate: validateHPA,
  initialStatus: resetStatus({ desiredReplicas: 0 }),
});
