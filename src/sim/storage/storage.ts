/**
 * StorageComponent brings up the cluster's storage machinery: the StorageObjectInUseProtection
 * admission plugin, the PV controller, the PVC and PV protection controllers, the external
 * provisioners (local-path, minikube-hostpath), and kind's default StorageClass `standard` — which,
 * like kind's other add-ons, a bare cluster (`addons: false`) does without.
 */
import type { Cluster, Component } from "../cluster";
import { storageObjectInUseProtection } from "./admission";
import { createDefaultStorageClass } from "./default-storage-class";
import { ExternalProvisioners } from "./external-provisioner";
import { PersistentVolumeController } from "./pv-controller";
import { PVProtectionController } from "./pv-protection";
import { PVCProtectionController } from "./pvc-protection";

export const STORAGE = "storage";

export interface StorageOptions {
  /** Create kind's default StorageClass `standard` (default: unless the cluster is bare, `addons: false`). */
  defaultStorageClass?: boolean;
}

export class StorageComponent implements Component {
  readonly name = STORAGE;
  readonly pvController = new PersistentVolumeController();
  readonly pvcProtection = new PVCProtectionController();
  readonly pvProtection = new PVProtectionController();
  readonly provisioners = new ExternalProvisioners();

  constructor(private readonly options: StorageOptions = {}) {}

  start(cluster: Cluster): void {
    cluster.api.registerAdmission(storageObjectInUseProtection);
    for (const c of [this.pvController, this.pvcProtection, this.pvProtection, this.provisioners]) c.start(cluster);
    if (this.options.defaultStorageClass ?? cluster.options.addons !== false) createDefaultStorageClass(cluster);
  }
}
