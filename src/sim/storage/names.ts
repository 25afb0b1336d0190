/**
 * The storage vocabulary Kubernetes writes on PersistentVolumes and claims: binding and
 * provisioning annotations (component-helpers/storage/volume), the protection finalizers, and the
 * names the PV controller reports under.
 */

/** On claims: the controller has finished binding (the claim's phase may now only be Bound or Lost). */
export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
/** On volumes and claims: the binding was made by the controller, not pre-bound by the user. */
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
/** On dynamically provisioned volumes: the provisioner that created it. */
export const ANN_DYNAMICALLY_PROVISIONED = "pv.kubernetes.io/provisioned-by";
/** On claims: the provisioner expected to provision a volume (GA and beta keys, both set). */
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
/** On claims of WaitForFirstConsumer classes: the node the scheduler chose for the first consumer. */
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
/** The beta storage class annotation, still honoured where spec.storageClassName is unset. */
export const ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
/** The default-class annotations (GA and beta). */
export const ANN_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
export const ANN_BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

/** Finalizers the StorageObjectInUseProtection admission plugin puts on every claim and volume. */
export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";
export const PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";

/** The provisioner name of classes that never provision (local volumes). */
export const NOT_SUPPORTED_PROVISIONER = "kubernetes.io/no-provisioner";

/** The PV controller's event source and writer names. */
export const PV_CONTROLLER = "persistentvolume-controller";
export const PVC_PROTECTION_CONTROLLER = "pvc-protection-controller";
export const PV_PROTECTION_CONTROLLER = "pv-protection-controller";

/** The ObjectReference a volume's claimRef holds. */
export interface ClaimRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}
