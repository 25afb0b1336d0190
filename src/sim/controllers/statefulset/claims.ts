/**
 * A StatefulSet's PersistentVolumeClaims, after stateful_pod_control.go and stateful_set_utils.go:
 * the claims are created from volumeClaimTemplates before their pod (event "create Claim
 * www-web-0 Pod web-0 in StatefulSet web success"), and their ownerReferences follow
 * persistentVolumeClaimRetentionPolicy so the garbage collector removes them when the set is deleted
 * (whenDeleted: Delete) or the pod is scaled away (whenScaled: Delete):
 *
 *   Retain / Retain: no owner reference      Retain / Delete (whenScaled / whenDeleted): the set
 *   Delete / Retain: the condemned pod        Delete / Delete: the set, or the condemned pod
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { Cluster } from "../../cluster";
import type { KObject } from "../../api/types";
import { StatusError } from "../../api/errors";
import type { PodObject } from "../job/pod-control";
import { newControllerRef } from "../job/pod-control";
import { claimsFor, inOrdinalRange, ordinalOf, type ClaimObject, type StatefulSetObject } from "./identity";

export const STATEFULSET_CONTROLLER = "statefulset-controller";

interface RetentionPolicy {
  whenDeleted: string;
  whenScaled: string;
}

function retention(set: StatefulSetObject): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted || "Retain", whenScaled: p?.whenScaled || "Retain" };
}

function matchesRef(ref: OwnerReference, obj: KObject, apiVersion: string, kind: string): boolean {
  return ref.apiVersion === apiVersion && ref.kind === kind && ref.name === obj.metadata.name;
}

const SET_KIND = { apiVersion: "apps/v1", kind: "StatefulSet" };
const POD_KIND = { apiVersion: "v1", kind: "Pod" };

function hasOwnerRef(target: KObject, owner: KObject): boolean {
  const uid = owner.metadata.uid;
  return !!uid && (target.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

function hasStaleOwnerRef(target: KObject, obj: KObject, gvk: { apiVersion: string; kind: string }): boolean {
  for (const r of target.metadata.ownerReferences ?? []) if (matchesRef(r, obj, gvk.apiVersion, gvk.kind)) return r.uid !== obj.metadata.uid;
  return false;
}

function hasUnexpectedController(claim: ClaimObject, set: StatefulSetObject, pod: PodObject): boolean {
  const p = retention(set);
  if (p.whenScaled === "Retain" && p.whenDeleted === "Retain") return false;
  for (const r of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(r, set, SET_KIND.apiVersion, SET_KIND.kind)) {
      if (r.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(r, pod, POD_KIND.apiVersion, POD_KIND.kind)) {
      if (r.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (r.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: ClaimObject, set: StatefulSetObject, pod: PodObject): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller);
}

/** isClaimOwnerUpToDate: the claim's ownerReferences agree with the retention policy. */
export function isClaimOwnerUpToDate(claim: ClaimObject, set: StatefulSetObject, pod: PodObject): boolean {
  if (hasStaleOwnerRef(claim, set, SET_KIND) || hasStaleOwnerRef(claim, pod, POD_KIND)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const p = retention(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === "Delete" && p.whenDeleted === "Delete") return scaledDown !== hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  if (p.whenScaled === "Delete") return !hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  if (p.whenDeleted === "Delete") return hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod);
  return !hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod);
}

/** updateClaimOwnerRefForSetAndPod: the ownerReferences the policy asks for. */
function ownerRefsFor(claim: ClaimObject, set: StatefulSetObject, pod: PodObject): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !matchesRef(r, set, SET_KIND.apiVersion, SET_KIND.kind) && !matchesRef(r, pod, POD_KIND.apiVersion, POD_KIND.kind));
  if (unexpected) return refs;
  const add = (owner: KObject) => {
    if (owner.metadata.uid && !refs.some((r) => r.uid === owner.metadata.uid)) refs = [...refs, newControllerRef(owner)];
  };
  const p = retention(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === "Delete" && scaledDown) add(pod);
  if (p.whenDeleted === "Delete" && (p.whenScaled !== "Delete" || !scaledDown)) add(set);
  return refs;
}

/** ClaimsMatchRetentionPolicy: every existing claim of the pod has the owners the policy asks for. */
export function claimsMatchRetentionPolicy(cluster: Cluster, set: StatefulSetObject, pod: PodObject): boolean {
  for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
    const existing = cluster.api.tryGet<ClaimObject>("PersistentVolumeClaim", set.metadata.namespace, claim.metadata.name!);
    if (existing && !isClaimOwnerUpToDate(existing, set, pod)) return false;
  }
  return true;
}

/** UpdatePodClaimForRetentionPolicy: rewrites the ownerReferences of the pod's claims that disagree with the policy. */
export function updateClaimsForRetentionPolicy(cluster: Cluster, set: StatefulSetObject, pod: PodObject): void {
  for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
    const existing = cluster.api.tryGet<ClaimObject>("PersistentVolumeClaim", set.metadata.namespace, claim.metadata.name!);
    if (!existing) continue;
    if (hasUnexpectedController(existing, set, pod)) {
      const msg = `PersistentVolumeClaim ${existing.metadata.name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`;
      cluster.events.record(set, "Warning", "ConflictingController", msg, { component: STATEFULSET_CONTROLLER });
    }
    if (isClaimOwnerUpToDate(existing, set, pod)) continue;
    const refs = ownerRefsFor(existing, set, pod);
    cluster.api.mutate<ClaimObject>("PersistentVolumeClaim", existing.metadata.namespace, existing.metadata.name!, { actor: STATEFULSET_CONTROLLER }, (c) => {
      if (refs.length > 0) c.metadata.ownerReferences = refs;
      else delete c.metadata.ownerReferences;
    });
  }
}

/** PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod of the same name blocks the new pod. */
export function podClaimIsStale(cluster: Cluster, set: StatefulSetObject, pod: PodObject): boolean {
  if (retention(set).whenScaled === "Retain") return false;
  for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
    const existing = cluster.api.tryGet<ClaimObject>("PersistentVolumeClaim", set.metadata.namespace, claim.metadata.name!);
    if (existing && hasStaleOwnerRef(existing, pod, POD_KIND)) return true;
  }
  return false;
}

/** recordClaimEvent. */
function claimEvent(cluster: Cluster, set: StatefulSetObject, pod: PodObject, claim: string, error?: string): void {
  const source = { component: STATEFULSET_CONTROLLER };
  if (error === undefined) cluster.events.record(set, "Normal", "SuccessfulCreate", `create Claim ${claim} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, source);
  else cluster.events.record(set, "Warning", "FailedCreate", `create Claim ${claim} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error}`, source);
}

/**
 * createPersistentVolumeClaims: creates the pod's missing claims. Returns the errors joined as
 * Kubernetes aggregates them, or undefined when every claim exists and is not being deleted.
 */
export function createPersistentVolumeClaims(cluster: Cluster, set: StatefulSetObject, pod: PodObject): string | undefined {
  const errs: string[] = [];
  for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
    const name = claim.metadata.name!;
    const existing = cluster.api.tryGet<ClaimObject>("PersistentVolumeClaim", set.metadata.namespace, name);
    if (existing) {
      if (existing.metadata.deletionTimestamp) errs.push(`pvc ${name} is being deleted`);
      continue;
    }
    try {
      cluster.api.create(claim, { actor: STATEFULSET_CONTROLLER });
      claimEvent(cluster, set, pod, name);
    } catch (e) {
      const message = (e as Error).message;
      errs.push(`failed to create PVC ${name}: ${message}`);
      if (!(e instanceof StatusError && e.reason === "AlreadyExists")) claimEvent(cluster, set, pod, name, message);
    }
  }
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}
