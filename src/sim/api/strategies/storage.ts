/**
 * Storage strategies: PersistentVolume (Retain, Filesystem, phase Pending), PersistentVolumeClaim
 * (Filesystem, phase Pending; a spec that may not change except its storage request once bound) and
 * StorageClass (Delete, Immediate; provisioner and parameters fixed).
 */
import { GoValue } from "../errors";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "../validation/field";
import { goDiff } from "../validation/go-diff";
import { nameIsDNSSubdomain } from "../validation/names";
import { cmpQuantity, formatQuantity, mustParse, zeroQuantity } from "../validation/quantity";
import { validateLabelSelector } from "../validation/selectors";
import { basicStrategy, resetStatus, sameJSON } from "./common";

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const VOLUME_MODES = ["Block", "Filesystem"];

function validateAccessModes(modes: string[] | undefined, path: FieldPath): FieldError[] {
  if (!modes || modes.length === 0) return [required(path, "at least 1 access mode is required")];
  const errs = modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupported(path, m, ACCESS_MODES));
  if (modes.includes("ReadWriteOncePod") && modes.length > 1) errs.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  return errs;
}

/** ValidatePersistentVolumeClaimSpec. */
export function validateClaimSpec(spec: Record<string, any> | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? {};
  const errs = validateAccessModes(s.accessModes, path.child("accessModes"));
  if (s.selector) errs.push(...validateLabelSelector(s.selector, path.child("selector")));
  const storage = s.resources?.requests?.storage;
  const storagePath = path.child("resources").key("storage");
  if (storage === undefined) errs.push(required(storagePath));
  else if (cmpQuantity(mustParse(storage), zeroQuantity()) <= 0) errs.push(invalid(storagePath, formatQuantity(mustParse(storage)), "must be greater than zero"));
  if (s.storageClassName) errs.push(...invalidEach(path.child("storageClassName"), s.storageClassName, nameIsDNSSubdomain(s.storageClassName, false)));
  if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported(path.child("volumeMode"), s.volumeMode, VOLUME_MODES));
  return errs;
}

function validateClaimUpdate(pvc: KObject, old: KObject): FieldError[] {
  const next = structuredJSON(pvc.spec ?? {});
  const prev = structuredJSON(old.spec ?? {});
  if (!prev.volumeName) prev.volumeName = next.volumeName;
  // validateStorageClassUpgradeFromNil: an unset class may be set once (the retroactive default class).
  if (prev.storageClassName === undefined && old.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] === undefined) prev.storageClassName = next.storageClassName;
  if (pvc.status?.phase === "Bound" && next.resources?.requests) next.resources.requests.storage = prev.resources?.requests?.storage;
  if (sameJSON(next, prev)) return [];
  return [forbidden(FieldPath.root("spec"), `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${goDiff(prev, next, "PersistentVolumeClaimSpec")}`)];
}

function structuredJSON(v: Record<string, any>): Record<string, any> {
  return JSON.parse(JSON.stringify(v)) as Record<string, any>;
}

export const persistentVolumeClaimStrategy: KindStrategy = basicStrategy("PersistentVolumeClaim", {
  defaults(obj) {
    obj.spec = obj.spec ?? {};
    if (!obj.spec.volumeMode) obj.spec.volumeMode = "Filesystem";
  },
  validate: (obj) => validateClaimSpec(obj.spec, FieldPath.root("spec")),
  validateUpdate: validateClaimUpdate,
  initialStatus: resetStatus({ phase: "Pending" }),
});

const PV_SOURCES = ["gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local", "storageos", "csi"];

function validatePersistentVolume(pv: KObject): FieldError[] {
  const spec = pv.spec ?? {};
  const path = FieldPath.root("spec");
  const errs = validateAccessModes(spec.accessModes, path.child("accessModes"));
  const capacity = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errs.push(required(path.child("capacity")));
  else if (capacity.storage === undefined || Object.keys(capacity).length > 1) errs.push(notSupported(path.child("capacity"), new GoValue(Object.keys(capacity).join(",")), ["storage"]));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !["Delete", "Recycle", "Retain"].includes(policy)) errs.push(notSupported(path.child("persistentVolumeReclaimPolicy"), policy, ["Delete", "Recycle", "Retain"]));
  const sources = PV_SOURCES.filter((s) => spec[s] !== undefined);
  if (sources.length === 0) errs.push(required(path, "must specify a volume type"));
  for (const extra of sources.slice(1)) errs.push(forbidden(path.child(extra), "may not specify more than 1 volume type"));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required(path.child("hostPath", "path")));
  if (spec.storageClassName) errs.push(...invalidEach(path.child("storageClassName"), spec.storageClassName, nameIsDNSSubdomain(spec.storageClassName, false)));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported(path.child("volumeMode"), spec.volumeMode, VOLUME_MODES));
  return errs;
}

export const persistentVolumeStrategy: KindStrategy = basicStrategy("PersistentVolume", {
  defaults(obj) {
    obj.spec = obj.spec ?? {};
    if (!obj.spec.persistentVolumeReclaimPolicy) obj.spec.persistentVolumeReclaimPolicy = "Retain";
    if (!obj.spec.volumeMode) obj.spec.volumeMode = "Filesystem";
  },
  validate: validatePersistentVolume,
  validateUpdate: (obj, old) => (obj.spec?.volumeMode === old.spec?.volumeMode ? [] : [invalid(FieldPath.root("spec", "volumeMode"), obj.spec?.volumeMode ?? "", "field is immutable")]),
  initialStatus: resetStatus({ phase: "Pending" }),
});

function validateStorageClass(sc: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required(FieldPath.root("provisioner")));
  if (sc.reclaimPolicy && !["Delete", "Retain"].includes(sc.reclaimPolicy)) errs.push(notSupported(FieldPath.root("reclaimPolicy"), sc.reclaimPolicy, ["Delete", "Retain"]));
  if (sc.volumeBindingMode && !["Immediate", "WaitForFirstConsumer"].includes(sc.volumeBindingMode)) {
    errs.push(notSupported(FieldPath.root("volumeBindingMode"), sc.volumeBindingMode, ["Immediate", "WaitForFirstConsumer"]));
  }
  return errs;
}

function validateStorageClassUpdate(sc: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!sameJSON(sc.parameters, old.parameters)) errs.push(forbidden(FieldPath.root("parameters"), "updates to parameters are forbidden."));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden(FieldPath.root("provisioner"), "updates to provisioner are forbidden."));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden(FieldPath.root("reclaimPolicy"), "updates to reclaimPolicy are forbidden."));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(invalid(FieldPath.root("volumeBindingMode"), sc.volumeBindingMode ?? "", "field is immutable"));
  return errs;
}

export const storageClassStrategy: KindStrategy = basicStrategy("StorageClass", {
  defaults(obj) {
    if (!obj.reclaimPolicy) obj.reclaimPolicy = "Delete";
    if (!obj.volumeBindingMode) obj.volumeBindingMode = "Immediate";
  },
  validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate,
});
