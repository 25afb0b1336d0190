/**
 * Where PersistentVolume data lives until storage backends exist: hostPath and local PVs are a
 * directory of the node that mounts them; every other PV is one shared filesystem for the cluster.
 */
import type { PersistentVolume } from "kubernetes-types/core/v1";
import type { VolumeFs } from "../runtime/cri";
import type { VolumeFactory } from "./context";
import type { HostFs } from "./volumes/host-fs";
import type { PersistentVolumeData } from "./volumes/volume-manager";

export class ClusterVolumeData implements PersistentVolumeData {
  private shared = new Map<string, VolumeFs>();

  constructor(private readonly factory: () => VolumeFactory) {}

  volume(pv: PersistentVolume, host: HostFs): { fs: VolumeFs; subPath?: string } {
    const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
    if (path) {
      if (!host.kind(path)) host.mkdirAll(path);
      return host.dir(path);
    }
    const name = pv.metadata?.name ?? "";
    let fs = this.shared.get(name);
    if (!fs) {
      fs = this.factory().create({ name, type: "persistentVolumeClaim" });
      this.shared.set(name, fs);
    }
    return { fs };
  }
}
