/**
 * The StatefulSet strategy: apps/v1 defaults (OrderedReady, RollingUpdate with partition 0, Retain
 * claims, 10 revisions), validation, and the rule that only replicas, ordinals, template,
 * updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
 */
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from "../validation/field";
import { nonNegative, validateIntOrPercent, validateTemplateForController, validateWorkloadSelector } from "../validation/workloads";
import { basicStrategy, defaultPodTemplate, resetStatus, sameJSON } from "./common";

const SPEC = FieldPath.root("spec");

function defaultStatefulSet(sts: StatefulSet): void {
  const spec = (sts.spec ??= {} as StatefulSet["spec"])!;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = "OrderedReady";
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = "RollingUpdate";
    us.rollingUpdate ??= {};
  }
  if (us.type === "RollingUpdate" && us.rollingUpdate && us.rollingUpdate.partition === undefined) us.rollingUpdate.partition = 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= "Retain";
  retention.whenScaled ||= "Retain";
  if (spec.replicas === undefined) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.apiVersion ??= "v1";
    claim.kind ??= "PersistentVolumeClaim";
    claim.metadata = { creationTimestamp: null as unknown as string, ...claim.metadata };
    claim.spec ??= {};
    if (!claim.spec.volumeMode) claim.spec.volumeMode = "Filesystem";
    (claim as { status?: object }).status = { phase: "Pending", ...claim.status };
  }
}

function validateStatefulSetSpec(sts: StatefulSet): FieldError[] {
  const spec = sts.spec ?? ({} as NonNullable<StatefulSet["spec"]>);
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required(SPEC.child("podManagementPolicy")));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel") errs.push(invalid(SPEC.child("podManagementPolicy"), pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy ?? {};
  if (!us.type) errs.push(required(SPEC.child("updateStrategy")));
  else if (us.type === "OnDelete") {
    if (us.rollingUpdate) errs.push(invalid(SPEC.child("updateStrategy", "rollingUpdate"), JSON.stringify(us.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === "RollingUpdate") {
    const ru = us.rollingUpdate;
    if (ru) {
      errs.push(...nonNegative(ru.partition, SPEC.child("updateStrategy", "rollingUpdate", "partition")));
      errs.push(...validateIntOrPercent(ru.maxUnavailable, SPEC.child("updateStrategy", "rollingUpdate", "maxUnavailable")));
    }
  } else errs.push(invalid(SPEC.child("updateStrategy"), JSON.stringify(us), "must be 'RollingUpdate' or 'OnDelete'"));
  for (const key of ["whenDeleted", "whenScaled"] as const) {
    const v = spec.persistentVolumeClaimRetentionPolicy?.[key];
    if (v !== undefined && v !== "Retain" && v !== "Delete") errs.push(notSupported(SPEC.child("persistentVolumeClaimRetentionPolicy", key), v, ["Retain", "Delete"]));
  }
  errs.push(...nonNegative(spec.replicas, SPEC.child("replicas")));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  errs.push(...validateWorkloadSelector(spec.selector, SPEC.child("selector"), "statefulset"));
  // Pods mount their claims from volumeClaimTemplates: validate the template with those volumes in it.
  const claimVolumes = (spec.volumeClaimTemplates ?? []).map((c) => ({ name: c.metadata?.name ?? "", persistentVolumeClaim: { claimName: c.metadata?.name ?? "" } }));
  const template = spec.template && claimVolumes.length > 0 ? { ...spec.template, spec: { ...spec.template.spec!, volumes: [...(spec.template.spec?.volumes ?? []), ...claimVolumes] } } : spec.template;
  errs.push(...validateTemplateForController(template, spec.selector, SPEC.child("template"), "StatefulSet"));
  return errs;
}

const MUTABLE = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

function validateStatefulSetUpdate(obj: KObject, old: KObject): FieldError[] {
  const strip = (spec: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => !MUTABLE.includes(k)));
  if (sameJSON(strip(obj.spec), strip(old.spec))) return [];
  return [forbidden(SPEC, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
}

export const statefulSetStrategy: KindStrategy = basicStrategy("StatefulSet", {
  defaults: (obj) => defaultStatefulSet(obj as StatefulSet),
  validate: (obj) => validateStatefulSetSpec(obj as StatefulSet),
  validateUpdate: validateStatefulSetUpdate,
  initialStatus: resetStatus({ replicas: 0, availableReplicas: 0 }),
});
