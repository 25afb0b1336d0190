/**
 * How claims and volumes match, shared by the PV controller and the scheduler's VolumeBinding plugin
 * (component-helpers/storage/volume): storage classes (the beta annotation first, "" meaning no
 * class), access modes, volume modes, a volume's node affinity, pre-binding in either direction, and
 * FindMatchingVolume — the smallest Available volume that fits, unless one is bound to the claim.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { parseQuantity } from "../api/quantity";
import type { KObject } from "../api/types";
import { fromLabelSelector, matches } from "../api/labels";
import type { ObjectStore } from "../store/store";
import { matchesAnyTerm } from "../scheduler/node-affinity";
import { ANN_BETA_STORAGE_CLASS, ANN_SELECTED_NODE } from "./names";

/** A PersistentVolume as the store holds it. */
export type PV = PersistentVolume & KObject;
/** A PersistentVolumeClaim as the store holds it. */
export type PVC = PersistentVolumeClaim & KObject;

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function claimClass(pvc: PersistentVolumeClaim): string {
  const ann = pvc.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pvc.spec?.storageClassName ?? "";
}

/** GetPersistentVolumeClass. */
export function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? "";
}

/** The claim's storage request in bytes. */
export function requestedBytes(pvc: PersistentVolumeClaim): number {
  return parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
}

/** The volume's capacity in bytes. */
export function capacityBytes(pv: PersistentVolume): number {
  return parseQuantity(pv.spec?.capacity?.storage) ?? 0;
}

/** IsVolumeBoundToClaim: the claimRef names the claim, and its uid (when set) is the claim's. */
export function isVolumeBoundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata?.name || (ref.namespace ?? "") !== (pvc.metadata?.namespace ?? "")) return false;
  return !ref.uid || ref.uid === pvc.metadata?.uid;
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
export function checkAccessModes(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = pv.spec?.accessModes ?? [];
  return (pvc.spec?.accessModes ?? []).every((m) => offered.includes(m));
}

/** CheckVolumeModeMismatches (both default to Filesystem). */
export function volumeModeMismatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (pvc.spec?.volumeMode ?? "Filesystem") !== (pv.spec?.volumeMode ?? "Filesystem");
}

/** CheckNodeAffinity: a volume without required node affinity is reachable from every node. */
export function volumeNodeAffinityMatches(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return matchesAnyTerm(terms, node);
}

/** The storage class of a claim, if it names one that exists. */
export function classOf(store: ObjectStore, pvc: PersistentVolumeClaim): StorageClass | undefined {
  const name = claimClass(pvc);
  if (name === "") return undefined;
  return store.get("StorageClass", undefined, name) as StorageClass | undefined;
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
export function isDelayBindingMode(store: ObjectStore, pvc: PersistentVolumeClaim): boolean {
  return classOf(store, pvc)?.volumeBindingMode === "WaitForFirstConsumer";
}

/** IsDelayBindingProvisioning: the scheduler has picked the node to provision on. */
export function isDelayBindingProvisioning(pvc: PersistentVolumeClaim): boolean {
  return pvc.metadata?.annotations?.[ANN_SELECTED_NODE] !== undefined;
}

/**
 * FindMatchingVolume. The PV controller calls it without a node (and skips unbound volumes of
 * WaitForFirstConsumer claims, which the scheduler binds); the scheduler calls it with the node it
 * considers, so node affinity and access modes count. `volumes` are tried in the order given; among
 * equally small volumes the first wins.
 */
export function findMatchingVolume(pvc: PersistentVolumeClaim, volumes: Iterable<PersistentVolume>, node: Node | undefined, excluded: ReadonlySet<string>, delayBinding: boolean): PersistentVolume | undefined {
  const requested = requestedBytes(pvc);
  const requestedClass = claimClass(pvc);
  const selector = pvc.spec?.selector ? fromLabelSelector(pvc.spec.selector) : undefined;
  let smallest: PersistentVolume | undefined;
  let smallestBytes = Infinity;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata?.name ?? "")) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) continue;
    const bytes = capacityBytes(pv);
    if (bytes < requested) continue;
    if (volumeModeMismatch(pvc, pv)) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const affinityOk = node === undefined || volumeNodeAffinityMatches(pv, node);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if (node === undefined && delayBinding) continue;
    if (pv.status?.phase !== "Available") continue;
    if (selector && !matches(selector, pv.metadata?.labels)) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!affinityOk) continue;
    if (node !== undefined && !checkAccessModes(pvc, pv)) continue;
    if (bytes < smallestBytes) {
      smallest = pv;
      smallestBytes = bytes;
    }
  }
  return smallest;
}

/**
 * The PV controller's findBestMatchForClaim: volumes grouped by their access modes, the groups that
 * offer every mode the claim asks for tried fewest-modes first, and the first match wins — so a
 * ReadWriteOnce claim prefers a larger ReadWriteOnce volume to a smaller ReadWriteOnce+ReadWriteMany one.
 */
export function findBestMatchForClaim(pvc: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const wanted = pvc.spec?.accessModes ?? [];
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of volumes) {
    const modes = [...new Set(pv.spec?.accessModes ?? [])].sort();
    if (!wanted.every((m) => modes.includes(m))) continue;
    const key = modes.join(",");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(pv);
  }
  const keys = [...groups.keys()].sort((a, b) => a.split(",").length - b.split(",").length || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const found = findMatchingVolume(pvc, groups.get(key)!, undefined, new Set(), delayBinding);
    if (found) return found;
  }
  return undefined;
}

/** checkVolumeSatisfyClaim: why a volume named by the claim's volumeName cannot serve it. */
export function volumeSatisfiesClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): string | undefined {
  if (pv.metadata?.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (capacityBytes(pv) < requestedBytes(pvc)) return "requested PV is too small";
  if (volumeClass(pv) !== claimClass(pvc)) return "storageClassName does not match";
  if (volumeModeMismatch(pvc, pv)) return "incompatible volumeMode";
  if (!checkAccessModes(pvc, pv)) return "incompatible accessMode";
  return undefined;
}

/** The claims a pod's volumes name (persistentVolumeClaim and generic ephemeral volumes). */
export function podClaimNames(pod: { metadata?: { name?: string }; spec?: { volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }[] } }): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata?.name ?? ""}-${v.name}`);
  }
  return out;
}
