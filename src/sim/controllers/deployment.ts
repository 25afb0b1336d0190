/**
 * The Deployment controller (pkg/controller/deployment): owns ReplicaSets named
 * `<deployment>-<pod-template-hash>` and rolls pods from old templates to the new one with the
 * RollingUpdate or Recreate strategy. A sync claims the Deployment's ReplicaSets (adopting matching
 * orphans, releasing those that stopped matching), then — in Kubernetes' order — reports status only
 * while the Deployment is being deleted, marks pause/resume, scales when paused or on a scaling event,
 * and otherwise rolls out. Its events ("Scaled up replica set web-7d9c5b7f4 to 3") come from
 * "deployment-controller".
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { fromLabelSelector, matches } from "../api/labels";
import type { KObject } from "../api/types";
import type { WatchEvent } from "../store/store";
import { deepClone, deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { checkPausedConditions, isScalingEvent, recordEvent, sync, syncStatusOnly, writeDeployment, type DeploymentSyncContext } from "./deployment-sync";
import { rolloutRecreate, rolloutRolling } from "./deployment-rollout";
import { sameLabels } from "./workload/changes";
import { adopt, controlledBy, controllerRefOf, ensureOwnerIndexes, orphansIn, release } from "./workload/owner-refs";

export const DEPLOYMENT_CONTROLLER = "deployment-controller";

export class DeploymentController extends Controller {
  readonly name = DEPLOYMENT_CONTROLLER;
  private ctx!: DeploymentSyncContext;

  protected setup(): void {
    const { api, store } = this.cluster;
    this.ctx = { cluster: this.cluster, actor: this.actor, enqueueAfter: (key, ms) => this.enqueueAfter(key, ms) };
    ensureOwnerIndexes(store, "ReplicaSet");
    ensureOwnerIndexes(store, "Pod");
    api.watch("Deployment", (e) => this.onDeploymentEvent(e));
    api.watch("ReplicaSet", (e) => this.onReplicaSetEvent(e));
    api.watch("Pod", (e) => this.onPodEvent(e));
    for (const d of store.each("Deployment")) this.enqueue(keyOf(d.metadata.namespace, d.metadata.name!));
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.cluster.store.get("Deployment", namespace, name);
    if (!stored) return;
    const d = deepClone(stored);
    const selector = d.spec?.selector as LabelSelector | undefined;
    if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
      recordEvent(this.ctx, d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        writeDeployment(this.ctx, d);
      }
      return;
    }
    const rsList = this.replicaSetsFor(d);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(this.ctx, d, rsList);
    checkPausedConditions(this.ctx, d);
    if (d.spec?.paused) return sync(this.ctx, d, rsList);
    if (isScalingEvent(this.ctx, d, rsList)) return sync(this.ctx, d, rsList);
    if (d.spec?.strategy?.type === "Recreate") return rolloutRecreate(this.ctx, d, rsList);
    return rolloutRolling(this.ctx, d, rsList);
  }

  /**
   * getReplicaSetsForDeployment: the Deployment's ReplicaSets after ClaimReplicaSets — owned ones that
   * still match its selector, plus orphans it adopts (unless it is being deleted).
   */
  private replicaSetsFor(d: KObject): KObject[] {
    const { api, store } = this.cluster;
    const selector = fromLabelSelector(d.spec.selector as LabelSelector);
    const deleting = !!d.metadata.deletionTimestamp;
    const claimed: KObject[] = [];
    for (const rs of controlledBy(store, "ReplicaSet", d.metadata.uid!)) {
      if (rs.metadata.namespace !== d.metadata.namespace) continue;
      if (matches(selector, rs.metadata.labels)) {
        claimed.push(rs);
      } else if (!deleting) {
        release(api, rs, d.metadata.uid!, this.actor);
      }
    }
    if (!deleting) {
      for (const rs of orphansIn(store, "ReplicaSet", d.metadata.namespace ?? "")) {
        if (rs.metadata.deletionTimestamp || !matches(selector, rs.metadata.labels)) continue;
        claimed.push(adopt(api, rs, d, this.actor));
      }
    }
    return claimed;
  }

  // ---- watch handlers (they only enqueue) ---------------------------------------------------------

  private onDeploymentEvent(e: WatchEvent): void {
    // WARNING: the controller's own status writes must wake it too: the sync after a rollout's last
    // status write is the one that sees the rollout complete and cleans up old ReplicaSets.
    this.enqueue(keyOf(e.object.metadata.namespace, e.object.metadata.name!));
  }

  private onReplicaSetEvent(e: WatchEvent): void {
    const rs = e.object;
    const ref = controllerRefOf(rs);
    if (e.type !== "MODIFIED") {
      if (ref) this.enqueueOwner(rs.metadata.namespace, ref);
      else if (e.type === "ADDED") this.enqueueMatching(rs);
      return;
    }
    const old = e.old!;
    const oldRef = controllerRefOf(old);
    const refChanged = !deepEqual(ref, oldRef);
    if (refChanged && oldRef) this.enqueueOwner(old.metadata.namespace, oldRef);
    if (ref) {
      this.enqueueOwner(rs.metadata.namespace, ref);
      return;
    }
    if (refChanged || !sameLabels(old.metadata.labels, rs.metadata.labels)) this.enqueueMatching(rs);
  }

  /** A Recreate Deployment waits for its old pods to be gone; their deletion wakes it. */
  private onPodEvent(e: WatchEvent): void {
    if (e.type !== "DELETED") return;
    const rsRef = controllerRefOf(e.object);
    if (!rsRef || rsRef.kind !== "ReplicaSet") return;
    const rs = this.cluster.store.get("ReplicaSet", e.object.metadata.namespace, rsRef.name);
    if (!rs || rs.metadata.uid !== rsRef.uid) return;
    const dRef = controllerRefOf(rs);
    if (!dRef || dRef.kind !== "Deployment") return;
    const d = this.cluster.store.get("Deployment", rs.metadata.namespace, dRef.name);
    if (d && d.metadata.uid === dRef.uid && d.spec?.strategy?.type === "Recreate") this.enqueue(keyOf(d.metadata.namespace, d.metadata.name!));
  }

  private enqueueOwner(namespace: string | undefined, ref: { kind: string; name: string; uid: string }): void {
    if (ref.kind !== "Deployment") return;
    const d = this.cluster.store.get("Deployment", namespace, ref.name);
    if (d && d.metadata.uid === ref.uid) this.enqueue(keyOf(namespace, ref.name));
  }

  /** An orphan ReplicaSet: every Deployment whose selector matches may adopt it. */
  private enqueueMatching(rs: KObject): void {
    for (const d of this.cluster.store.each("Deployment", rs.metadata.namespace)) {
      if (matches(fromLabelSelector(d.spec?.selector as LabelSelector | undefined), rs.metadata.labels)) this.enqueue(keyOf(d.metadata.namespace, d.metadata.name!));
    }
  }
}
