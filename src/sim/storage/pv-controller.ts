/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume, the "PV binder"): it binds
 * claims to volumes — the smallest Available volume that fits the claim's size, access modes, class
 * and selector, or the one either side names — leaving WaitForFirstConsumer claims to the scheduler,
 * hands claims with a class to their provisioner, and walks volumes through Available, Bound,
 * Released and Failed, reclaiming released ones by their policy (see pv-reclaim.ts). Claims go
 * Pending → Bound, or Lost when their volume goes. Everything is synced again every 15 s.
 */
import type { KObject } from "../api/types";
import { Controller } from "../controllers/controller";
import type { WatchEvent } from "../store/store";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DEFAULT_CLASS,
  ANN_BETA_DEFAULT_CLASS,
  ANN_STORAGE_PROVISIONER,
  PV_CONTROLLER,
} from "./names";
import { Reclaimer, unbindVolume, updateVolumePhase } from "./pv-reclaim";
import { storageTiming } from "./timings";
import {
  claimClass,
  classOf,
  findBestMatchForClaim,
  isDelayBindingMode,
  isDelayBindingProvisioning,
  isVolumeBoundToClaim,
  podClaimNames,
  volumeSatisfiesClaim,
  volumeModeMismatch,
  type PV,
  type PVC,
} from "./volume-matching";

const CLAIM = "claim:";
const VOLUME = "volume:";
/** Pods by the claims they use ("namespace/claim"). */
export const POD_CLAIM_INDEX = "podlab.storage/claims";

/** The message of the ExternalProvisioning event (provisionClaimOperationExternal). */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

export class PersistentVolumeController extends Controller {
  readonly name = PV_CONTROLLER;
  private resync: { cancel(): void } | undefined;
  private reclaimer!: Reclaimer;

  protected setup(): void {
    const { api, store } = this.cluster;
    this.reclaimer = new Reclaimer(this.cluster, this.actor);
    store.addIndex("Pod", POD_CLAIM_INDEX, (pod) => podClaimNames(pod).map((c) => `${pod.metadata.namespace ?? "default"}/${c}`));
    api.watch("PersistentVolumeClaim", (e) => this.onClaim(e));
    api.watch("PersistentVolume", (e) => this.onVolume(e));
    for (const pv of store.each("PersistentVolume")) this.enqueue(VOLUME + pv.metadata.name);
    for (const pvc of store.each("PersistentVolumeClaim")) this.enqueue(CLAIM + key(pvc));
  }

  private onClaim(e: WatchEvent): void {
    const pvc = e.object as PVC;
    if (e.type === "DELETED") {
      // deleteClaim: the volume it was bound to may now be released.
      if (pvc.spec?.volumeName) this.enqueue(VOLUME + pvc.spec.volumeName);
      return;
    }
    this.enqueue(CLAIM + key(pvc));
  }

  private onVolume(e: WatchEvent): void {
    const pv = e.object as PV;
    if (e.type === "DELETED") {
      // deleteVolume: a claim bound to it is now Lost.
      const ref = pv.spec?.claimRef;
      if (ref?.name) this.enqueue(`${CLAIM}${ref.namespace ?? "default"}/${ref.name}`);
      return;
    }
    this.enqueue(VOLUME + pv.metadata.name);
  }

  reconcile(k: string): void {
    if (k.startsWith(CLAIM)) {
      const [ns, name] = splitClaimKey(k.slice(CLAIM.length));
      const pvc = this.cluster.store.get("PersistentVolumeClaim", ns, name) as PVC | undefined;
      if (pvc) this.syncClaim(pvc);
    } else if (k.startsWith(VOLUME)) {
      const pv = this.cluster.store.get("PersistentVolume", undefined, k.slice(VOLUME.length)) as PV | undefined;
      if (pv) this.syncVolume(pv);
    }
    this.armResync();
  }

  /** The periodic resync: claims and volumes not yet settled are synced again (15 s). */
  private armResync(): void {
    if (this.resync) return;
    const { store, clock } = this.cluster;
    const unsettled = () => {
      for (const pvc of store.each("PersistentVolumeClaim")) if (pvc.status?.phase !== "Bound") return true;
      for (const pv of store.each("PersistentVolume")) if (pv.status?.phase !== "Bound") return true;
      return false;
    };
    if (!unsettled()) return;
    this.resync = clock.after(storageTiming(this.cluster, "pvSyncPeriod"), () => {
      this.resync = undefined;
      for (const pvc of store.each("PersistentVolumeClaim")) if (pvc.status?.phase !== "Bound") this.enqueue(CLAIM + key(pvc));
      for (const pv of store.each("PersistentVolume")) if (pv.status?.phase !== "Bound") this.enqueue(VOLUME + pv.metadata.name);
      this.armResync();
    }, `${PV_CONTROLLER} resync`);
  }

  // ---- claims -------------------------------------------------------------------------------

  /** syncClaim. */
  syncClaim(pvc: PVC): void {
    if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) this.syncUnboundClaim(pvc);
    else this.syncBoundClaim(pvc);
  }

  private syncUnboundClaim(pvc: PVC): void {
    const { store } = this.cluster;
    const volumes = [...store.each("PersistentVolume")].sort(byName) as PV[];
    if (!pvc.spec?.volumeName) {
      const delay = isDelayBindingMode(store, pvc);
      const volume = findBestMatchForClaim(pvc, volumes, delay);
      if (volume) {
        this.bind(volume as PV, pvc);
        return;
      }
      if (this.assignDefaultStorageClass(pvc)) return;
      if (delay && !isDelayBindingProvisioning(pvc)) {
        this.emitEventForUnboundDelayBindingClaim(pvc);
      } else if (claimClass(pvc) !== "") {
        this.provisionClaim(pvc);
        return;
      } else {
        this.event(pvc, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
      }
      this.updateClaimStatus(pvc, "Pending", undefined);
      return;
    }
    // The user asked for a specific volume.
    const volume = store.get("PersistentVolume", undefined, pvc.spec.volumeName) as PV | undefined;
    if (!volume) {
      this.updateClaimStatus(pvc, "Pending", undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const mismatch = volumeSatisfiesClaim(volume, pvc);
      if (mismatch) {
        this.event(pvc, "Warning", "VolumeMismatch", `Cannot bind to requested volume "${volume.metadata.name}": ${mismatch}`);
        this.updateClaimStatus(pvc, "Pending", undefined);
        return;
      }
      this.bind(volume, pvc);
      return;
    }
    if (isVolumeBoundToClaim(volume, pvc)) {
      this.bind(volume, pvc);
      return;
    }
    // Claimed by someone else: a user's pre-binding waits; the controller's own would be a bug.
    if (pvc.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) {
      this.updateClaimStatus(pvc, "Pending", undefined);
      return;
    }
    const ref = volume.spec.claimRef;
    throw new Error(`invalid binding of claim "${key(pvc)}" to volume "${volume.metadata.name}": volume already claimed by "${ref.namespace}/${ref.name}"`);
  }

  private syncBoundClaim(pvc: PVC): void {
    if (!pvc.spec?.volumeName) {
      this.updateClaimStatus(pvc, "Lost", undefined, ["Warning", "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!"]);
      return;
    }
    const volume = this.cluster.store.get("PersistentVolume", undefined, pvc.spec.volumeName) as PV | undefined;
    if (!volume) {
      this.updateClaimStatus(pvc, "Lost", undefined, ["Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!"]);
      return;
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === pvc.metadata.uid) {
      this.bind(volume, pvc);
      return;
    }
    this.updateClaimStatus(pvc, "Lost", undefined, ["Warning", "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly"]);
  }

  /**
   * assignDefaultStorageClass (retroactive default class): a claim created while no default class
   * existed, with storageClassName unset, gets the default one now.
   */
  private assignDefaultStorageClass(pvc: PVC): boolean {
    if (pvc.spec?.storageClassName !== undefined && pvc.spec.storageClassName !== null) return false;
    if (pvc.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] !== undefined) return false;
    let chosen: KObject | undefined;
    for (const sc of this.cluster.store.each("StorageClass")) {
      const a = sc.metadata.annotations ?? {};
      if (a[ANN_DEFAULT_CLASS] !== "true" && a[ANN_BETA_DEFAULT_CLASS] !== "true") continue;
      if (!chosen || (sc.metadata.creationTimestamp ?? "") > (chosen.metadata.creationTimestamp ?? "")) chosen = sc;
    }
    if (!chosen) return false;
    const name = chosen.metadata.name!;
    this.cluster.api.mutate<PVC>("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name!, { actor: this.actor }, (c) => {
      c.spec = { ...c.spec, storageClassName: name };
    });
    return true;
  }

  /** WaitForFirstConsumer, or WaitForPodScheduled when pods that use the claim are not scheduled yet. */
  private emitEventForUnboundDelayBindingClaim(pvc: PVC): void {
    const pods = this.cluster.store
      .byIndex("Pod", POD_CLAIM_INDEX, key(pvc))
      .filter((p) => !p.spec?.nodeName)
      .map((p) => p.metadata.name!)
      .sort();
    if (pods.length === 0) {
      this.event(pvc, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
      return;
    }
    this.event(pvc, "Normal", "WaitForPodScheduled", pods.length > 1 ? `waiting for pods ${pods.join(",")} to be scheduled` : `waiting for pod ${pods[0]} to be scheduled`);
  }

  /**
   * provisionClaim: no in-tree plugin provisions in this cluster, so a class either names an
   * external provisioner — the claim is annotated for it and the controller waits — or fails.
   */
  private provisionClaim(pvc: PVC): void {
    const cls = classOf(this.cluster.store, pvc);
    if (!cls) {
      this.event(pvc, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${claimClass(pvc)}" not found`);
      return;
    }
    const provisioner = cls.provisioner;
    if (provisioner.startsWith("kubernetes.io/")) {
      this.event(pvc, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${provisioner}`);
      return;
    }
    const ann = pvc.metadata.annotations ?? {};
    let current: PVC = pvc;
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      current = this.cluster.api.mutate<PVC>("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name!, { actor: this.actor }, (c) => {
        c.metadata.annotations = { ...c.metadata.annotations, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
      });
    }
    this.event(current, "Normal", "ExternalProvisioning", externalProvisioningMessage(provisioner));
  }

  /** bind: the volume's claimRef, its phase, the claim's volumeName and annotations, the claim's status. */
  private bind(volume: PV, pvc: PVC): void {
    const api = this.cluster.api;
    const opts = { actor: this.actor };
    let pv = volume;
    const boundToClaim = isVolumeBoundToClaim(pv, pvc);
    const ref = pv.spec?.claimRef;
    if (!ref || ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace || ref.uid !== pvc.metadata.uid || (!boundToClaim && pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined)) {
      pv = api.mutate<PV>("PersistentVolume", undefined, pv.metadata.name!, opts, (v) => {
        v.spec = {
          ...v.spec,
          claimRef: { kind: "PersistentVolumeClaim", namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: "v1", resourceVersion: pvc.metadata.resourceVersion },
        };
        if (!boundToClaim) v.metadata.annotations = { ...v.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: "yes" };
      });
    }
    pv = updateVolumePhase(this.cluster, this.actor, pv, "Bound", "");
    let claim = pvc;
    const needsName = claim.spec?.volumeName !== pv.metadata.name;
    if (needsName || claim.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) {
      claim = api.mutate<PVC>("PersistentVolumeClaim", claim.metadata.namespace, claim.metadata.name!, opts, (c) => {
        const annotations = { ...c.metadata.annotations };
        if (needsName) {
          c.spec = { ...c.spec, volumeName: pv.metadata.name };
          if (annotations[ANN_BOUND_BY_CONTROLLER] === undefined) annotations[ANN_BOUND_BY_CONTROLLER] = "yes";
        }
        if (annotations[ANN_BIND_COMPLETED] === undefined) annotations[ANN_BIND_COMPLETED] = "yes";
        c.metadata.annotations = annotations;
      });
    }
    this.updateClaimStatus(claim, "Bound", pv);
    const trace = this.cluster.trace;
    if (trace.active) trace.emit({ time: this.cluster.clock.now, component: PV_CONTROLLER, action: "bind", object: { kind: "PersistentVolumeClaim", namespace: claim.metadata.namespace ?? "default", name: claim.metadata.name ?? "" }, detail: { volume: pv.metadata.name } });
  }

  /** updateClaimStatus(WithEvent): the phase, and the access modes and capacity of the volume it is bound to. */
  private updateClaimStatus(pvc: PVC, phase: string, volume: PV | undefined, event?: ["Normal" | "Warning", string, string]): void {
    const status = { ...pvc.status };
    let dirty = false;
    if (status.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (volume === undefined) {
      if (status.accessModes !== undefined) {
        delete status.accessModes;
        dirty = true;
      }
      if (status.capacity !== undefined) {
        delete status.capacity;
        dirty = true;
      }
    } else {
      if (JSON.stringify(status.accessModes) !== JSON.stringify(volume.spec?.accessModes)) {
        status.accessModes = volume.spec?.accessModes;
        dirty = true;
      }
      if (status.capacity?.storage !== volume.spec?.capacity?.storage) {
        status.capacity = volume.spec?.capacity;
        dirty = true;
      }
    }
    if (!dirty) return;
    const updated = this.cluster.api.updateStatus<PVC>({ ...pvc, status } as KObject, { actor: this.actor });
    if (event) this.event(updated, event[0], event[1], event[2]);
  }

  // ---- volumes ------------------------------------------------------------------------------

  /** syncVolume. */
  syncVolume(volume: PV): void {
    const ref = volume.spec?.claimRef;
    if (!ref) {
      updateVolumePhase(this.cluster, this.actor, volume, "Available", "");
      return;
    }
    if (!ref.uid) {
      // Pre-bound by the user to a claim that has not bound yet: the claim's sync binds it.
      updateVolumePhase(this.cluster, this.actor, volume, "Available", "");
      return;
    }
    let claim = this.cluster.store.get("PersistentVolumeClaim", ref.namespace ?? "default", ref.name ?? "") as PVC | undefined;
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      // The claim is gone: release the volume and apply its reclaim policy.
      let v = volume;
      if (v.status?.phase !== "Released" && v.status?.phase !== "Failed") v = updateVolumePhase(this.cluster, this.actor, v, "Released", "");
      this.reclaimer.reclaim(v);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, volume)) {
        this.event(volume, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
        this.event(claim, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // Bound on the volume's side only (a provisioned volume, a scheduler pre-binding): the claim's sync finishes it.
      this.enqueue(CLAIM + key(claim));
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      updateVolumePhase(this.cluster, this.actor, volume, "Bound", "");
      return;
    }
    // The claim went to another volume.
    if (volume.metadata.annotations?.["pv.kubernetes.io/provisioned-by"] !== undefined && volume.spec?.persistentVolumeReclaimPolicy === "Delete") {
      let v = volume;
      if (v.status?.phase !== "Released" && v.status?.phase !== "Failed") v = updateVolumePhase(this.cluster, this.actor, v, "Released", "");
      this.reclaimer.reclaim(v);
      return;
    }
    unbindVolume(this.cluster, this.actor, volume);
  }

  private event(obj: { kind?: string; metadata: KObject["metadata"] }, type: "Normal" | "Warning", reason: string, message: string): void {
    this.cluster.events.record(obj as KObject, type, reason, message, { component: PV_CONTROLLER });
  }
}

function key(obj: { metadata: { namespace?: string; name?: string } }): string {
  return `${obj.metadata.namespace ?? "default"}/${obj.metadata.name}`;
}

function splitClaimKey(k: string): [string, string] {
  const i = k.indexOf("/");
  return [k.slice(0, i), k.slice(i + 1)];
}

function byName(a: KObject, b: KObject): number {
  const x = a.metadata.name ?? "";
  const y = b.metadata.name ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}
