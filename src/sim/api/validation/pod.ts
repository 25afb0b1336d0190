/**
 * Pod validation on create and update (ValidatePodCreate, ValidatePodUpdate): the pod-only checks on
 * top of PodSpec validation, and the rule that a running pod's spec is immutable except for images,
 * activeDeadlineSeconds, added tolerations and removed scheduling gates — with Kubernetes' message
 * and the go-cmp diff it appends.
 */
import type { Container, Pod, PodSpec, Toleration } from "kubernetes-types/core/v1";
import { deepClone, deepEqual } from "../../util/object";
import { FieldPath, forbidden, invalid, required, type FieldError } from "./field";
import { podSpecDiff } from "./go-diff";
import { inclusiveRangeError, nameIsDNSSubdomain } from "./names";
import { validateObjectMeta, validateObjectMetaUpdate } from "./objectmeta";
import { validatePodSpec } from "./pod-spec";
import { validateTolerations } from "./scheduling";

const SPEC = FieldPath.root("spec");

/** The fields a pod update may change, as the error lists them. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/** validatePodMetadataAndSpec. */
function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const errs = validateObjectMeta(pod.metadata ?? {}, true, nameIsDNSSubdomain);
  const annotations = pod.metadata?.annotations ?? {};
  if (annotations["kubernetes.io/config.mirror"] !== undefined && !pod.spec?.nodeName) {
    errs.push(invalid(FieldPath.root("metadata", "annotations").key("kubernetes.io/config.mirror"), annotations["kubernetes.io/config.mirror"], "must set spec.nodeName if mirror pod annotation is set"));
  }
  errs.push(...validatePodSpec(pod.spec, SPEC, { resourceIsPod: true }));
  if (!pod.spec?.serviceAccountName) {
    (pod.spec?.volumes ?? []).forEach((v, vi) =>
      (v.projected?.sources ?? []).forEach((s, si) => {
        if (s.serviceAccountToken) errs.push(forbidden(SPEC.child("volumes").index(vi).child("projected", "sources").index(si).child("serviceAccountToken"), "must not be specified when serviceAccountName is not set"));
      }),
    );
  }
  for (const [key, list] of [["containers", pod.spec?.containers], ["initContainers", pod.spec?.initContainers]] as const) {
    (list ?? []).forEach((c, i) => {
      if (c.image && c.image !== c.image.trim()) errs.push(invalid(SPEC.child(key).index(i).child("image"), c.image, "must not have leading or trailing whitespace"));
    });
  }
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(forbidden(SPEC.child("ephemeralContainers"), "cannot be set on create"));
  if (pod.spec?.nodeName && (pod.spec.schedulingGates ?? []).length > 0) errs.push(forbidden(SPEC.child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
  return errs;
}

function validateContainerUpdates(next: readonly Container[] | undefined, prev: readonly Container[] | undefined, path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if ((next ?? []).length !== (prev ?? []).length) return { errs: [forbidden(path, "pod updates may not add or remove containers")], stop: true };
  const errs: FieldError[] = [];
  (next ?? []).forEach((c, i) => {
    if (!c.image) errs.push(required(path.index(i).child("image")));
  });
  return { errs, stop: false };
}

/** ValidatePodUpdate. */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata ?? {}, old.metadata ?? {});
  errs.push(...validatePodMetadataAndSpec(pod));
  const spec = pod.spec ?? ({ containers: [] } as PodSpec);
  const oldSpec = old.spec ?? ({ containers: [] } as PodSpec);
  for (const key of ["containers", "initContainers"] as const) {
    const r = validateContainerUpdates(spec[key], oldSpec[key], SPEC.child(key));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined) {
    if (ads < 0 || ads > 2147483647) return [...errs, invalid(SPEC.child("activeDeadlineSeconds"), ads, inclusiveRangeError(0, 2147483647))];
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds < ads) {
      return [...errs, invalid(SPEC.child("activeDeadlineSeconds"), ads, "must be less than or equal to previous value")];
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined) {
    errs.push(invalid(SPEC.child("activeDeadlineSeconds"), null, "must not update from a positive integer to nil value"));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, SPEC.child("tolerations")));
  errs.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates, SPEC.child("schedulingGates")));
  if (deepEqual(spec, oldSpec)) return errs;

  const munged = mungedPodSpec(spec, oldSpec);
  if (!deepEqual(munged, oldSpec)) {
    errs.push(forbidden(SPEC, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

/** The new spec with every field a pod update may change set back to the old value. */
function mungedPodSpec(spec: PodSpec, old: PodSpec): PodSpec {
  const munged = deepClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.containers[i].image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: old.initContainers![i].image }));
  else delete munged.initContainers;
  if (old.activeDeadlineSeconds !== undefined) munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  else delete munged.activeDeadlineSeconds;
  setOrDelete(munged, "schedulingGates", old.schedulingGates);
  setOrDelete(munged, "tolerations", old.tolerations);
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  if ((old.schedulingGates ?? []).length > 0) {
    // A gated pod may gain node selector terms; the additions are validated elsewhere.
    setOrDelete(munged, "nodeSelector", old.nodeSelector);
  }
  return munged;
}

function setOrDelete<K extends keyof PodSpec>(spec: PodSpec, key: K, value: PodSpec[K]): void {
  if (value === undefined) delete spec[key];
  else spec[key] = value;
}

/** validateOnlyAddedTolerations: existing tolerations may only change their tolerationSeconds. */
function validateOnlyAddedTolerations(next: readonly Toleration[] | undefined, prev: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  for (const old of prev ?? []) {
    const found = (next ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return validateTolerations(next, path);
}

/** validateOnlyDeletedSchedulingGates: gates can be removed, never added. */
function validateOnlyDeletedSchedulingGates(next: readonly { name: string }[] | undefined, prev: readonly { name: string }[] | undefined, path: FieldPath): FieldError[] {
  const old = new Set((prev ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (next ?? []).forEach((g, i) => {
    if (!old.has(g.name)) errs.push(forbidden(path.index(i).child("name"), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  });
  return errs;
}
