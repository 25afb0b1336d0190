/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): every
 * new PersistentVolumeClaim gets the kubernetes.io/pvc-protection finalizer and every new
 * PersistentVolume kubernetes.io/pv-protection, so neither disappears while in use; the protection
 * controllers remove them once it is safe.
 */
import type { AdmissionPlugin } from "../api/server";
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from "./names";

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: "StorageObjectInUseProtection",
  mutate(op, obj) {
    if (op !== "CREATE") return;
    const finalizer = obj.kind === "PersistentVolumeClaim" ? PVC_PROTECTION_FINALIZER : obj.kind === "PersistentVolume" ? PV_PROTECTION_FINALIZER : undefined;
    if (!finalizer) return;
    const finalizers = obj.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) obj.metadata.finalizers = [...finalizers, finalizer];
  },
};
