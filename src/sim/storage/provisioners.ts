/**
 * The external provisioners the simulated cluster runs, as data: rancher.io/local-path (kind's
 * default: a directory on the node the first consumer was scheduled to, WaitForFirstConsumer only)
 * and k8s.io/minikube-hostpath (minikube's storage-provisioner: a directory under /tmp, any binding
 * mode). Each makes hostPath PersistentVolumes; the kubelet serves their data from the node's disk.
 */
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1";

export interface ProvisionerDef {
  /** The provisioner name a StorageClass names. */
  name: string;
  /** The pod that runs it, "<deployment>-<rs hash>-<suffix>", in its event source identity. */
  pod: string;
  /** Its field manager name in managedFields. */
  manager: string;
  /** Volumes are local to one node: the claim must come with a selected node, and the PV gets node affinity. */
  nodeLocal: boolean;
  /** Access modes it can provide; others fail with `accessModeError`. */
  accessModes: readonly string[];
  accessModeError: string;
  /** It refuses claims with a selector. */
  rejectsSelector: boolean;
  /** The hostPath directory of a new volume. */
  path(pvName: string, pvc: PersistentVolumeClaim): string;
  /** hostPath.type of the volumes it makes, if any. */
  hostPathType?: string;
  /** Annotations it puts on the PV besides pv.kubernetes.io/provisioned-by. */
  annotations(nodeName: string | undefined, hostname: string): Record<string, string>;
  /** It deletes the volume's data on the node when the PV is released with reclaim policy Delete. */
  deletesData: boolean;
}

/** The error lib-external-provisioner reports when no node was selected for a node-local volume. */
export const NO_NODE_SPECIFIED = "configuration error, no node was specified";

export const PROVISIONERS: readonly ProvisionerDef[] = [
  {
    name: "rancher.io/local-path",
    pod: "local-path-provisioner-7dc846544d-x9kpm",
    manager: "local-path-provisioner",
    nodeLocal: true,
    accessModes: ["ReadWriteOnce", "ReadWriteOncePod"],
    accessModeError: "NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes",
    rejectsSelector: true,
    // kind's local-path-config: nodePathMap DEFAULT_PATH_FOR_NON_LISTED_NODES → /var/local-path-provisioner.
    path: (pvName, pvc) => `/var/local-path-provisioner/${pvName}_${pvc.metadata?.namespace ?? "default"}_${pvc.metadata?.name ?? ""}`,
    hostPathType: "DirectoryOrCreate",
    annotations: (nodeName): Record<string, string> => (nodeName ? { "local.path.provisioner/selected-node": nodeName } : {}),
    deletesData: true,
  },
  {
    name: "k8s.io/minikube-hostpath",
    pod: "storage-provisioner",
    manager: "storage-provisioner",
    nodeLocal: false,
    accessModes: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"],
    accessModeError: "",
    rejectsSelector: false,
    path: (_pvName, pvc) => `/tmp/hostpath-provisioner/${pvc.metadata?.namespace ?? "default"}/${pvc.metadata?.name ?? ""}`,
    annotations: (_nodeName, hostname) => ({ hostPathProvisionerIdentity: hostname }),
    deletesData: true,
  },
];

export function provisionerDef(name: string): ProvisionerDef | undefined {
  return PROVISIONERS.find((p) => p.name === name);
}
