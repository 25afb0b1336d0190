/**
 * What the PV controller does with a released volume (reclaimVolume): Retain keeps it Released with
 * its data; Delete leaves volumes of external provisioners to them and runs the in-tree deleter for
 * the rest — only hostPath has one, and it only deletes under /tmp, so any other volume goes Failed
 * with VolumeFailedDelete; Recycle (deprecated) scrubs hostPath and nfs volumes and makes them
 * Available again. Also the phase and unbinding writes the controller shares.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import type { Cluster } from "../cluster";
import { removeHostPath } from "./host-data";
import { ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, PV_CONTROLLER } from "./names";
import { storageDelay } from "./timings";
import type { PV } from "./volume-matching";

/** updateVolumePhase: phase and message, with lastPhaseTransitionTime when the phase changes. */
export function updateVolumePhase(cluster: Cluster, actor: string, volume: PV, phase: string, message: string): PV {
  const status = volume.status ?? {};
  if (status.phase === phase && (status.message ?? "") === message) return volume;
  const next: Record<string, unknown> = { ...status, phase };
  if (message) next.message = message;
  else delete next.message;
  if (status.phase !== phase) next.lastPhaseTransitionTime = cluster.clock.timestamp();
  return cluster.api.updateStatus<PV>({ ...volume, status: next } as KObject, { actor });
}

/** updateVolumePhaseWithEvent: the event only when the phase actually changes. */
export function updateVolumePhaseWithEvent(cluster: Cluster, actor: string, volume: PV, phase: string, type: "Normal" | "Warning", reason: string, message: string): PV {
  if (volume.status?.phase === phase) return volume;
  const updated = updateVolumePhase(cluster, actor, volume, phase, message);
  cluster.events.record(updated as KObject, type, reason, message, { component: PV_CONTROLLER });
  return updated;
}

/**
 * unbindVolume: a controller binding is undone entirely; a user's pre-binding keeps the claim's
 * name and loses only the uid. The volume is Available again.
 */
export function unbindVolume(cluster: Cluster, actor: string, volume: PV): PV {
  const updated = cluster.api.mutate<PV>("PersistentVolume", undefined, volume.metadata.name!, { actor }, (v) => {
    if (v.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined) {
      delete v.spec!.claimRef;
      const annotations = { ...v.metadata.annotations };
      delete annotations[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(annotations).length === 0) delete v.metadata.annotations;
      else v.metadata.annotations = annotations;
    } else if (v.spec?.claimRef) {
      const { uid: _uid, ...rest } = v.spec.claimRef;
      v.spec.claimRef = rest;
    }
  });
  return updateVolumePhase(cluster, actor, updated, "Available", "");
}

/** The in-tree host_path deleter refuses every path but /tmp/.+ (it deletes on the controller's own host). */
const HOST_PATH_DELETABLE = /\/tmp\/.+/;

/** Reclaims released volumes, one operation per volume at a time (the controller's goroutine map). */
export class Reclaimer {
  private readonly running = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly actor: string,
  ) {}

  /** reclaimVolume. */
  reclaim(volume: PV): void {
    switch (volume.spec?.persistentVolumeReclaimPolicy) {
      case "Retain":
        return;
      case "Recycle":
        this.recycle(volume);
        return;
      case "Delete":
        this.delete(volume);
        return;
      default:
        updateVolumePhaseWithEvent(this.cluster, this.actor, volume, "Failed", "Warning", "VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy");
    }
  }

  /** deleteVolumeOperation: external provisioners delete their own volumes; in-tree, only hostPath can. */
  private delete(volume: PV): void {
    const provisionedBy = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (provisionedBy && !provisionedBy.startsWith("kubernetes.io/")) return;
    if (volume.metadata.deletionTimestamp) return;
    const path = volume.spec?.hostPath?.path;
    if (path === undefined) {
      updateVolumePhaseWithEvent(this.cluster, this.actor, volume, "Failed", "Warning", "VolumeFailedDelete", `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`);
      return;
    }
    if (!HOST_PATH_DELETABLE.test(path)) {
      updateVolumePhaseWithEvent(this.cluster, this.actor, volume, "Failed", "Warning", "VolumeFailedDelete", `host_path deleter only supports /tmp/.+ but received provided ${path}`);
      return;
    }
    removeHostPath(this.cluster, path, controlPlaneNode(this.cluster));
    this.cluster.api.delete("PersistentVolume", undefined, volume.metadata.name!, { actor: this.actor });
  }

  /** recycleVolumeOperation: the recycler pod runs `rm -rf` on the volume, then it is Available again. */
  private recycle(volume: PV): void {
    const path = volume.spec?.hostPath?.path;
    if (path === undefined && !volume.spec?.nfs) {
      updateVolumePhaseWithEvent(this.cluster, this.actor, volume, "Failed", "Warning", "VolumeFailedRecycle", "No recycler plugin found for the volume!");
      return;
    }
    const op = `recycle-${volume.metadata.name}[${volume.metadata.uid}]`;
    if (this.running.has(op)) return;
    this.running.add(op);
    this.cluster.clock.after(storageDelay(this.cluster, "recycleVolume"), () => {
      this.running.delete(op);
      const current = this.cluster.store.get("PersistentVolume", undefined, volume.metadata.name!) as PV | undefined;
      if (!current || current.metadata.uid !== volume.metadata.uid || current.status?.phase !== "Released") return;
      if (path !== undefined) removeHostPath(this.cluster, path);
      this.cluster.events.record(current as KObject, "Normal", "VolumeRecycled", "Volume recycled", { component: PV_CONTROLLER });
      unbindVolume(this.cluster, this.actor, current);
    }, `${PV_CONTROLLER} ${op}`);
  }
}

/** The node kube-controller-manager runs on. */
function controlPlaneNode(cluster: Cluster): string | undefined {
  for (const n of cluster.store.each("Node")) {
    if ((n as Node).metadata?.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) return n.metadata.name;
  }
  return undefined;
}
