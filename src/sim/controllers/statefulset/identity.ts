/**
 * StatefulSet pod identity, after stateful_set_utils.go: ordinals parsed from names (`web-0`), the
 * stable hostname and subdomain, the `statefulset.kubernetes.io/pod-name` and
 * `apps.kubernetes.io/pod-index` labels, the revision label, the claims made from
 * volumeClaimTemplates (`<claim>-<set>-<ordinal>`) and the pod volumes that mount them.
 */
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, Volume } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { isPodAvailable, isPodReady, newControllerRef, podFromTemplate, type PodObject } from "../job/pod-control";

export type StatefulSetObject = StatefulSet & KObject;
export type ClaimObject = PersistentVolumeClaim & KObject;

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";

const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: "web-2" → ["web", 2]; ordinal −1 when the name has none. */
export function parentAndOrdinal(name: string): { parent: string; ordinal: number } {
  const m = STATEFUL_POD.exec(name);
  if (!m) return { parent: "", ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(n) && n <= 2147483647 ? n : -1 };
}

export function ordinalOf(pod: KObject): number {
  return parentAndOrdinal(pod.metadata.name ?? "").ordinal;
}

/** isMemberOf: the pod's name says it belongs to the set. */
export function isMemberOf(set: KObject, pod: KObject): boolean {
  return parentAndOrdinal(pod.metadata.name ?? "").parent === set.metadata.name;
}

export function startOrdinal(set: StatefulSetObject): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function replicasOf(set: StatefulSetObject): number {
  return set.spec?.replicas ?? 1;
}

export function endOrdinal(set: StatefulSetObject): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

export function inOrdinalRange(pod: KObject, set: StatefulSetObject): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export function podName(set: KObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function claimName(set: KObject, templateName: string, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

/** identityMatches: name, namespace and pod-name label agree with the ordinal. */
export function identityMatches(set: StatefulSetObject, pod: PodObject): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name ?? "");
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name;
}

/** storageMatches: every claim template is mounted from this ordinal's claim. */
export function storageMatches(set: StatefulSetObject, pod: PodObject): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const v = volumes.get(t.metadata?.name ?? "");
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(set, t.metadata?.name ?? "", ordinal)) return false;
  }
  return true;
}

/** getPersistentVolumeClaims: the claims a pod of this ordinal uses, keyed by template name. */
export function claimsFor(set: StatefulSetObject, ordinal: number): Map<string, ClaimObject> {
  const out = new Map<string, ClaimObject>();
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const templateName = t.metadata?.name ?? "";
    const meta = deepClone(t.metadata ?? {});
    delete (meta as Record<string, unknown>).creationTimestamp;
    const claim: ClaimObject = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { ...meta, name: claimName(set, templateName, ordinal), namespace: set.metadata.namespace, labels: { ...meta.labels, ...selectorLabels } },
      spec: deepClone(t.spec ?? {}),
    };
    out.set(templateName, claim);
  }
  return out;
}

/** updateStorage: the claim volumes first (template order), then the pod's other volumes. */
export function updateStorage(set: StatefulSetObject, pod: PodObject): void {
  const claims = claimsFor(set, ordinalOf(pod));
  const volumes: Volume[] = [];
  for (const [name, claim] of claims) volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata.name! } });
  for (const v of pod.spec?.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  if (volumes.length > 0) pod.spec = { ...pod.spec!, volumes };
}

/** updateIdentity: name, namespace, and the pod-name and pod-index labels. */
export function updateIdentity(set: StatefulSetObject, pod: PodObject): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...pod.metadata.labels, [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
}

/** newStatefulSetPod: the pod for `ordinal` at the set's (restored) template, with hostname and subdomain. */
export function newStatefulSetPod(set: StatefulSetObject, ordinal: number): PodObject {
  const pod = podFromTemplate(set.spec!.template, set.metadata.name!, newControllerRef(set));
  delete pod.metadata.generateName;
  pod.metadata.name = podName(set, ordinal);
  updateIdentity(set, pod);
  // Hostname and subdomain are set only when the pod is first made: they are immutable afterwards.
  pod.spec = { ...pod.spec!, hostname: pod.metadata.name, ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) };
  updateStorage(set, pod);
  return pod;
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition get the current revision, the others the
 * update revision.
 */
export function newVersionedStatefulSetPod(currentSet: StatefulSetObject, updateSet: StatefulSetObject, currentRevision: string, updateRevision: string, ordinal: number): PodObject {
  const us = currentSet.spec?.updateStrategy;
  const start = startOrdinal(currentSet);
  const atCurrent =
    (us?.type === "RollingUpdate" && !us.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (!!us?.rollingUpdate && ordinal < start + (us.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(atCurrent ? currentSet : updateSet, ordinal);
  pod.metadata.labels = { ...pod.metadata.labels, [REVISION_LABEL]: atCurrent ? currentRevision : updateRevision };
  return pod;
}

export function podRevision(pod: KObject): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? "";
}

/** A pod the API server has given a phase: it exists. */
export function isCreated(pod: PodObject): boolean {
  return !!pod.status?.phase;
}

export function isRunningAndReady(pod: PodObject): boolean {
  return pod.status?.phase === "Running" && isPodReady(pod);
}

export function isRunningAndAvailable(pod: PodObject, minReadySeconds: number, nowMs: number, parse: (ts: string) => number): boolean {
  return isPodAvailable(pod, minReadySeconds, nowMs, parse);
}

export function isTerminating(pod: PodObject): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** isHealthy: running, ready and not being deleted. */
export function isHealthy(pod: PodObject): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** isUnavailable: not healthy, or not ready for minReadySeconds yet. */
export function isUnavailable(pod: PodObject, minReadySeconds: number, nowMs: number, parse: (ts: string) => number): boolean {
  return !isHealthy(pod) || !isRunningAndAvailable(pod, minReadySeconds, nowMs, parse);
}
