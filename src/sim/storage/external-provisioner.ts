/**
 * The external provisioners (sig-storage-lib-external-provisioner driving local-path and minikube's
 * hostpath provisioner): a claim the PV controller annotated for one of them — and, for
 * WaitForFirstConsumer classes, given a selected node — gets a `Provisioning` event, then a
 * hostPath PersistentVolume named pvc-<claim uid>, pre-bound to the claim, and `ProvisioningSucceeded`;
 * a claim it cannot serve gets `ProvisioningFailed` and is retried with back-off. Released volumes
 * it provisioned with reclaim policy Delete have their directory removed and their PV deleted.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import { Controller } from "../controllers/controller";
import { hashString } from "../random";
import { pinnedNode, removeHostPath } from "./host-data";
import { ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER } from "./names";
import { NO_NODE_SPECIFIED, PROVISIONERS, provisionerDef, type ProvisionerDef } from "./provisioners";
import { storageDelay, storageTiming } from "./timings";
import { claimClass, classOf, type PV, type PVC } from "./volume-matching";

const CLAIM = "claim:";
const VOLUME = "volume:";

/** The event source identity of a provisioner: "<name>_<pod>_<uuid>", as lib-external-provisioner forms it. */
export function provisionerIdentity(def: ProvisionerDef, seed: string): string {
  let hex = "";
  for (let i = 0; hex.length < 32; i++) hex += hashString(`${seed}:${def.name}:${i}`).toString(16).padStart(8, "0");
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `${def.name}_${def.pod}_${uuid}`;
}

export class ExternalProvisioners extends Controller {
  readonly name = "external-provisioner";
  private identities = new Map<string, string>();
  /** Claims and volumes with an operation under way (by uid). */
  private readonly inFlight = new Set<string>();
  /** Claim uid → the back-off before its next attempt, and when that attempt is due. */
  private readonly backoff = new Map<string, { delay: number; dueAt: number }>();

  protected setup(): void {
    const seed = String(this.cluster.options.seed ?? 1);
    for (const def of PROVISIONERS) this.identities.set(def.name, provisionerIdentity(def, seed));
    this.cluster.api.watch("PersistentVolumeClaim", (e) => {
      if (e.type === "DELETED") this.backoff.delete(e.object.metadata.uid ?? "");
      else this.enqueue(`${CLAIM}${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    this.cluster.api.watch("PersistentVolume", (e) => {
      if (e.type !== "DELETED") this.enqueue(VOLUME + e.object.metadata.name);
    });
  }

  /** The identity events from `provisioner` carry. */
  identity(provisioner: string): string {
    return this.identities.get(provisioner) ?? provisioner;
  }

  reconcile(key: string): void {
    if (key.startsWith(CLAIM)) {
      const rest = key.slice(CLAIM.length);
      const i = rest.indexOf("/");
      const pvc = this.cluster.store.get("PersistentVolumeClaim", rest.slice(0, i), rest.slice(i + 1)) as PVC | undefined;
      if (pvc) this.syncClaim(pvc, key);
    } else {
      const pv = this.cluster.store.get("PersistentVolume", undefined, key.slice(VOLUME.length)) as PV | undefined;
      if (pv) this.syncVolume(pv);
    }
  }

  /** shouldProvision, then provisionClaimOperation. */
  private syncClaim(pvc: PVC, key: string): void {
    if (pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return;
    const ann = pvc.metadata.annotations ?? {};
    const def = provisionerDef(ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER] ?? "");
    if (!def) return;
    const cls = classOf(this.cluster.store, pvc);
    if (!cls || cls.provisioner !== def.name) return;
    const selectedNode = ann[ANN_SELECTED_NODE];
    if (cls.volumeBindingMode === "WaitForFirstConsumer" && selectedNode === undefined) return;
    const uid = pvc.metadata.uid!;
    const pvName = `pvc-${uid}`;
    if (this.cluster.store.get("PersistentVolume", undefined, pvName) || this.inFlight.has(uid)) return;
    const retry = this.backoff.get(uid);
    if (retry && retry.dueAt > this.cluster.clock.now) {
      this.enqueueAfter(key, retry.dueAt - this.cluster.clock.now);
      return;
    }
    const source = { component: this.identity(def.name) };
    const claimKey = `${pvc.metadata.namespace}/${pvc.metadata.name}`;
    this.cluster.events.record(pvc as KObject, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${claimKey}"`, source);
    const node = selectedNode !== undefined ? (this.cluster.store.get("Node", undefined, selectedNode) as Node | undefined) : undefined;
    const problem = this.validate(def, pvc, selectedNode, node);
    if (problem) {
      this.cluster.events.record(pvc as KObject, "Warning", "ProvisioningFailed", `failed to provision volume with StorageClass "${claimClass(pvc)}": ${problem}`, source);
      const delay = retry ? Math.min(retry.delay * 2, storageTiming(this.cluster, "provisionRetryMax")) : storageTiming(this.cluster, "provisionRetryInitial");
      this.backoff.set(uid, { delay, dueAt: this.cluster.clock.now + delay });
      this.enqueueAfter(key, delay);
      return;
    }
    this.inFlight.add(uid);
    // The helper pod creating the directory on the node takes a moment.
    this.cluster.clock.after(storageDelay(this.cluster, "provisionVolume"), () => {
      this.inFlight.delete(uid);
      const current = this.cluster.store.get("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name!) as PVC | undefined;
      if (!current || current.metadata.uid !== uid || current.spec?.volumeName) return;
      this.backoff.delete(uid);
      this.cluster.api.create(this.volumeFor(def, current, pvName, node), { actor: def.manager });
      this.cluster.events.record(current as KObject, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${pvName}`, source);
      const trace = this.cluster.trace;
      if (trace.active) trace.emit({ time: this.cluster.clock.now, component: def.manager, node: node?.metadata?.name, action: "provision", object: { kind: "PersistentVolume", namespace: "", name: pvName }, detail: { claim: `${current.metadata.namespace}/${current.metadata.name}` } });
    }, `${def.name} provision ${pvName}`);
  }

  private validate(def: ProvisionerDef, pvc: PVC, selectedNode: string | undefined, node: Node | undefined): string | undefined {
    const sel = pvc.spec?.selector;
    if (def.rejectsSelector && sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0)) return "claim.Spec.Selector is not supported";
    for (const mode of pvc.spec?.accessModes ?? []) if (!def.accessModes.includes(mode)) return def.accessModeError;
    if (def.nodeLocal && selectedNode === undefined) return NO_NODE_SPECIFIED;
    if (selectedNode !== undefined && !node) return `failed to get node ${selectedNode}: nodes "${selectedNode}" not found`;
    return undefined;
  }

  /** The PV lib-external-provisioner creates from the provisioner's volume. */
  private volumeFor(def: ProvisionerDef, pvc: PVC, pvName: string, node: Node | undefined): KObject {
    const cls = classOf(this.cluster.store, pvc);
    const hostname = node?.metadata?.labels?.["kubernetes.io/hostname"] ?? node?.metadata?.name ?? "";
    const controlPlane = [...this.cluster.store.each("Node")].find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined)?.metadata.name ?? "";
    const spec: Record<string, unknown> = {
      accessModes: pvc.spec?.accessModes,
      capacity: { storage: pvc.spec?.resources?.requests?.storage },
      claimRef: { kind: "PersistentVolumeClaim", namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: "v1", resourceVersion: pvc.metadata.resourceVersion },
      hostPath: { path: def.path(pvName, pvc), ...(def.hostPathType ? { type: def.hostPathType } : {}) },
      persistentVolumeReclaimPolicy: cls?.reclaimPolicy ?? "Delete",
      storageClassName: claimClass(pvc),
      volumeMode: "Filesystem",
    };
    if (def.nodeLocal && hostname) {
      spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [hostname] }] }] } };
    }
    if (cls?.mountOptions) spec.mountOptions = cls.mountOptions;
    return {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: pvName, annotations: { ...def.annotations(node?.metadata?.name, controlPlane), [ANN_DYNAMICALLY_PROVISIONED]: def.name } },
      spec,
    };
  }

  /** shouldDelete, then deleteVolumeOperation: the directory goes with the volume. */
  private syncVolume(pv: PV): void {
    const def = provisionerDef(pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] ?? "");
    if (!def || pv.status?.phase !== "Released" || pv.spec?.persistentVolumeReclaimPolicy !== "Delete" || pv.metadata.deletionTimestamp) return;
    const uid = pv.metadata.uid!;
    if (this.inFlight.has(uid)) return;
    this.inFlight.add(uid);
    this.cluster.clock.after(storageDelay(this.cluster, "deleteVolume"), () => {
      this.inFlight.delete(uid);
      const current = this.cluster.store.get("PersistentVolume", undefined, pv.metadata.name!) as PV | undefined;
      if (!current || current.metadata.uid !== uid || current.status?.phase !== "Released") return;
      const path = current.spec?.hostPath?.path;
      if (def.deletesData && path) removeHostPath(this.cluster, path, def.nodeLocal ? pinnedNode(current) : undefined);
      this.cluster.api.delete("PersistentVolume", undefined, current.metadata.name!, { actor: def.manager });
      const trace = this.cluster.trace;
      if (trace.active) trace.emit({ time: this.cluster.clock.now, component: def.manager, node: pinnedNode(current), action: "delete", object: { kind: "PersistentVolume", namespace: "", name: current.metadata.name ?? "" } });
    }, `${def.name} delete ${pv.metadata.name}`);
  }
}
