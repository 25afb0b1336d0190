/**
 * The default StorageClass a kind cluster ships: `standard`, provisioned by rancher.io/local-path,
 * reclaim policy Delete, bound when the first consumer is scheduled, and marked default. kind
 * applies it with kubectl at cluster creation, so it carries kubectl's last-applied annotation.
 */
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { ANN_DEFAULT_CLASS } from "./names";

/** The manifest kind applies. */
export const STANDARD_STORAGE_CLASS = {
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { annotations: { [ANN_DEFAULT_CLASS]: "true" }, name: "standard" },
  provisioner: "rancher.io/local-path",
  reclaimPolicy: "Delete",
  volumeBindingMode: "WaitForFirstConsumer",
} as const;

/** Creates `standard` as `kubectl apply` would, unless a class of that name exists. */
export function createDefaultStorageClass(cluster: Cluster): void {
  if (cluster.store.get("StorageClass", undefined, STANDARD_STORAGE_CLASS.metadata.name)) return;
  const manifest = JSON.parse(JSON.stringify(STANDARD_STORAGE_CLASS)) as KObject;
  manifest.metadata.annotations = { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(STANDARD_STORAGE_CLASS) + "\n", ...manifest.metadata.annotations };
  cluster.api.create(manifest, { actor: "kubectl" });
}
