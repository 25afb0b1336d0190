/**
 * The ReplicaSet strategy: one replica by default, a selector matching the template, restartPolicy
 * Always, and an immutable selector.
 */
import type { ReplicaSet } from "kubernetes-types/apps/v1";
import type { KindStrategy } from "../server";
import { FieldPath, type FieldError } from "../validation/field";
import { nonNegative, validateTemplateForController, validateWorkloadSelector } from "../validation/workloads";
import { basicStrategy, defaultPodTemplate, resetStatus } from "./common";
import { immutableSelector } from "./deployment";

const SPEC = FieldPath.root("spec");

function validateReplicaSetSpec(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec ?? ({} as NonNullable<ReplicaSet["spec"]>);
  const errs = nonNegative(spec.replicas, SPEC.child("replicas"));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  errs.push(...validateWorkloadSelector(spec.selector, SPEC.child("selector"), "deployment"));
  errs.push(...validateTemplateForController(spec.template, spec.selector, SPEC.child("template"), "ReplicaSet"));
  return errs;
}

export const replicaSetStrategy: KindStrategy = basicStrategy("ReplicaSet", {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (spec.replicas === undefined) spec.replicas = 1;
    defaultPodTemplate(spec.template);
  },
  validate: (obj) => validateReplicaSetSpec(obj as ReplicaSet),
  validateUpdate: immutableSelector,
  initialStatus: resetStatus({ replicas: 0 }),
});
