/**
 * ReplicaManager is the ReplicaSet controller of pkg/controller/replicaset, shared — as Kubernetes
 * shares it — by ReplicaSets and ReplicationControllers. A sync re-reads the object, claims its pods
 * (adopting matching orphans, releasing owned pods whose labels stopped matching), creates or deletes
 * pods to reach spec.replicas (at most 500 per sync, creations in slow-start batches, deletions in
 * Kubernetes' preference order), and writes status: replicas, fullyLabeledReplicas, readyReplicas,
 * availableReplicas, observedGeneration and the ReplicaFailure condition.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { StatusError } from "../../api/errors";
import { matches, type Selector } from "../../api/labels";
import type { KObject } from "../../api/types";
import type { WatchEvent } from "../../store/store";
import { deepEqual } from "../../util/object";
import { Controller, keyOf, splitKey } from "../controller";
import { onlyStatusChanged, sameLabels } from "./changes";
import { ControllerExpectations } from "./expectations";
import { adopt, controlledBy, controllerRefOf, ensureOwnerIndexes, newControllerRef, orphansIn, release } from "./owner-refs";
import { createPod, deletePod, isNamespaceTerminating, slowStartBatch } from "./pod-control";
import { podsToDelete } from "./pod-ranking";
import { isPodActive, isPodReady } from "./pod-state";
import { podKey, PodTracker, type OwnerCounts, type OwnerView } from "./pod-tracker";
import { BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE } from "./settings";

/** The condition a ReplicaSet (or ReplicationController) reports when it cannot create or delete pods. */
export const REPLICA_FAILURE = "ReplicaFailure";

export abstract class ReplicaManager extends Controller {
  /** The kind this manager controls: "ReplicaSet" or "ReplicationController". */
  protected abstract readonly kind: string;
  /** The object's pod selector. */
  protected abstract selectorOf(obj: KObject): Selector;

  readonly expectations = new ControllerExpectations(() => this.cluster.clock.now);
  protected tracker!: PodTracker;
  /**
   * Keys whose pods must be claimed again at the next sync: the object is new or its selector changed,
   * an owned pod's labels changed, or an orphan that may match appeared. Kubernetes lists the whole
   * namespace on every sync to find these; remembering why a claim is due keeps a sync O(1) in pods.
   */
  private readonly claimDue = new Set<string>();

  protected setup(): void {
    const { store, clock, api } = this.cluster;
    ensureOwnerIndexes(store, "Pod");
    ensureOwnerIndexes(store, this.kind);
    this.tracker = new PodTracker(this.kind, store, (ns, ref) => this.ownerView(ns, ref), (ts) => clock.parseTimestamp(ts), () => clock.now);
    api.watch(this.kind, (e) => this.onOwnerEvent(e));
    api.watch("Pod", (e) => this.onPodEvent(e));
    for (const pod of store.each("Pod")) this.tracker.observe({ type: "ADDED", kind: "Pod", object: pod, actor: this.actor, time: clock.now, resourceVersion: 0 });
    for (const obj of store.each(this.kind)) {
      const key = keyOf(obj.metadata.namespace, obj.metadata.name!);
      this.claimDue.add(key);
      this.enqueue(key);
    }
  }

  /** The pod counts of a controller object, for tests and the UI. */
  counts(uid: string): OwnerCounts {
    return this.tracker.counts(uid);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const obj = this.cluster.store.get(this.kind, namespace, name);
    if (!obj) {
      this.expectations.delete(key);
      this.claimDue.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    if (this.claimDue.delete(key)) {
      try {
        this.claimPods(obj, this.selectorOf(obj));
      } catch (e) {
        this.claimDue.add(key);
        throw e;
      }
    }
    const counts = this.tracker.counts(obj.metadata.uid!);
    let manageError: unknown;
    if (needsSync && !obj.metadata.deletionTimestamp) {
      try {
        this.manageReplicas(key, obj, counts.active);
      } catch (e) {
        manageError = e;
      }
    }
    const updated = this.updateStatus(obj, this.calculateStatus(obj, counts, manageError));
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const replicas = desiredReplicas(updated);
    // A last line of defence against missing the moment pods become available.
    if (manageError === undefined && minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      this.enqueueAfter(key, minReady * 1000);
    }
    if (manageError !== undefined) throw manageError;
  }

  // ---- watch handlers (they only enqueue) ---------------------------------------------------------

  private onOwnerEvent(e: WatchEvent): void {
    const obj = e.object;
    const key = keyOf(obj.metadata.namespace, obj.metadata.name!);
    if (e.type === "DELETED") {
      this.expectations.delete(key);
      this.enqueue(key);
      return;
    }
    const old = e.old;
    if (e.type === "MODIFIED" && old) {
      // Our own status writes change nothing a sync acts on.
      if (onlyStatusChanged(old, obj)) return;
      if (old.metadata.uid !== obj.metadata.uid || !deepEqual(old.spec?.selector, obj.spec?.selector)) this.claimDue.add(key);
      if ((old.spec?.minReadySeconds ?? 0) !== (obj.spec?.minReadySeconds ?? 0) || !deepEqual(old.spec?.template?.metadata?.labels, obj.spec?.template?.metadata?.labels)) {
        this.tracker.recount(obj.metadata.uid!);
      }
    } else {
      this.claimDue.add(key);
    }
    this.enqueue(key);
  }

  private onPodEvent(e: WatchEvent): void {
    this.tracker.observe(e);
    const pod = e.object;
    if (e.type === "ADDED") {
      if (pod.metadata.deletionTimestamp) {
        this.podGone(pod);
        return;
      }
      const ref = controllerRefOf(pod);
      if (ref) {
        const owner = this.resolveControllerRef(pod.metadata.namespace, ref);
        if (!owner) return;
        const key = keyOf(owner.metadata.namespace, owner.metadata.name!);
        this.expectations.creationObserved(key);
        this.enqueue(key);
        return;
      }
      this.wakeMatching(pod);
      return;
    }
    if (e.type === "DELETED") {
      this.podGone(pod);
      return;
    }
    const old = e.old!;
    const labelChanged = !sameLabels(old.metadata.labels, pod.metadata.labels);
    if (pod.metadata.deletionTimestamp) {
      this.podGone(pod);
      if (labelChanged) this.podGone(old);
      return;
    }
    const cur = controllerRefOf(pod);
    const prev = controllerRefOf(old);
    const refChanged = !deepEqual(cur, prev);
    if (refChanged && prev) {
      const owner = this.resolveControllerRef(old.metadata.namespace, prev);
      if (owner) this.enqueue(keyOf(owner.metadata.namespace, owner.metadata.name!));
    }
    if (cur) {
      const owner = this.resolveControllerRef(pod.metadata.namespace, cur);
      if (!owner) return;
      const key = keyOf(owner.metadata.namespace, owner.metadata.name!);
      if (labelChanged) this.claimDue.add(key);
      this.enqueue(key);
      const minReady = owner.spec?.minReadySeconds ?? 0;
      // Availability comes with time, not with an event: look again once minReadySeconds have passed
      // (plus a second against millisecond skew, as Kubernetes does).
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueueAfter(key, (minReady + 1) * 1000);
      return;
    }
    if (labelChanged || refChanged) this.wakeMatching(pod);
  }

  /** A pod is being deleted or is gone: its controller observed a deletion. */
  private podGone(pod: KObject): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const owner = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!owner) return;
    const key = keyOf(owner.metadata.namespace, owner.metadata.name!);
    this.expectations.deletionObserved(key, podKey(pod));
    this.enqueue(key);
  }

  /** An orphan appeared or changed: every controller whose selector matches it may adopt it. */
  private wakeMatching(pod: KObject): void {
    for (const obj of this.cluster.store.each(this.kind, pod.metadata.namespace)) {
      if (!matches(this.selectorOf(obj), pod.metadata.labels)) continue;
      const key = keyOf(obj.metadata.namespace, obj.metadata.name!);
      this.claimDue.add(key);
      this.enqueue(key);
    }
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): KObject | undefined {
    if (ref.kind !== this.kind) return undefined;
    const obj = this.cluster.store.get(this.kind, namespace, ref.name);
    return obj && obj.metadata.uid === ref.uid ? obj : undefined;
  }

  private ownerView(namespace: string, ref: OwnerReference): OwnerView | undefined {
    const obj = this.resolveControllerRef(namespace, ref);
    if (!obj) return undefined;
    return { minReadySeconds: obj.spec?.minReadySeconds ?? 0, templateLabels: obj.spec?.template?.metadata?.labels };
  }

  // ---- sync ------------------------------------------------------------------------------------

  /** ClaimPods: release owned pods that stopped matching, adopt matching orphans. */
  private claimPods(obj: KObject, selector: Selector): void {
    if (obj.metadata.deletionTimestamp) return;
    const { api, store } = this.cluster;
    const uid = obj.metadata.uid!;
    for (const pod of controlledBy(store, "Pod", uid)) {
      if (!isPodActive(pod) || matches(selector, pod.metadata.labels)) continue;
      try {
        release(api, pod, uid, this.actor);
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === "NotFound")) throw e;
      }
    }
    for (const pod of orphansIn(store, "Pod", obj.metadata.namespace ?? "")) {
      if (!isPodActive(pod) || !matches(selector, pod.metadata.labels)) continue;
      try {
        adopt(api, pod, obj, this.actor);
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === "NotFound")) throw e;
      }
    }
  }

  /** manageReplicas: create or delete pods so that `active` approaches spec.replicas. */
  private manageReplicas(key: string, obj: KObject, active: number): void {
    const replicas = desiredReplicas(obj);
    let diff = active - replicas;
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, diff);
      const ref = newControllerRef(obj);
      const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
        try {
          createPod(this.cluster, this, obj.spec.template, obj, ref);
        } catch (e) {
          // Every create in a terminating namespace fails; that is not this controller's failure.
          if (!isNamespaceTerminating(e)) throw e;
        }
      });
      for (let skipped = diff - successes; skipped > 0; skipped--) this.expectations.creationObserved(key);
      if (error !== undefined) throw error;
      return;
    }
    if (diff === 0) return;
    diff = Math.min(diff, BURST_REPLICAS);
    const { store, clock } = this.cluster;
    const pods = controlledBy(store, "Pod", obj.metadata.uid!).filter(isPodActive);
    const victims = podsToDelete(pods, this.relatedPods(obj), diff, clock.now, (ts) => clock.parseTimestamp(ts));
    this.expectations.expectDeletions(key, victims.map(podKey));
    let firstError: unknown;
    for (const pod of victims) {
      try {
        deletePod(this.cluster, this, pod.metadata.namespace ?? "", pod.metadata.name!, obj);
      } catch (e) {
        this.expectations.deletionObserved(key, podKey(pod));
        if (!(e instanceof StatusError && e.reason === "NotFound")) firstError ??= e;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  /** The pods of every object with the same controller as `obj` (getIndirectlyRelatedPods). */
  private relatedPods(obj: KObject): KObject[] {
    const ref = controllerRefOf(obj);
    if (!ref) return [];
    const store = this.cluster.store;
    const out: KObject[] = [];
    for (const sibling of controlledBy(store, this.kind, ref.uid)) {
      if (sibling.metadata.namespace !== obj.metadata.namespace) continue;
      for (const pod of controlledBy(store, "Pod", sibling.metadata.uid!)) out.push(pod);
    }
    return out;
  }

  private calculateStatus(obj: KObject, counts: OwnerCounts, manageError: unknown): Record<string, any> {
    const status: Record<string, any> = { ...obj.status };
    const conditions: any[] = [...(obj.status?.conditions ?? [])];
    const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
    let nextConditions = conditions;
    if (manageError !== undefined && !failure) {
      const diff = counts.active - desiredReplicas(obj);
      const reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
      nextConditions = [...conditions, { type: REPLICA_FAILURE, status: "True", lastTransitionTime: this.cluster.clock.timestamp(), reason, message: manageError instanceof Error ? manageError.message : String(manageError) }];
    } else if (manageError === undefined && failure) {
      nextConditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
    }
    status.conditions = nextConditions.length > 0 ? nextConditions : undefined;
    status.replicas = counts.active;
    status.fullyLabeledReplicas = omitZero(counts.fullyLabeled);
    status.readyReplicas = omitZero(counts.ready);
    status.availableReplicas = omitZero(counts.available);
    return status;
  }

  /** updateReplicaSetStatus: writes only when something changed, stamping observedGeneration. */
  private updateStatus(obj: KObject, next: Record<string, any>): KObject {
    const s = obj.status ?? {};
    const generation = obj.metadata.generation ?? 0;
    if (
      (s.replicas ?? 0) === next.replicas &&
      (s.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
      (s.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
      (s.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
      generation === (s.observedGeneration ?? 0) &&
      deepEqual(s.conditions ?? [], next.conditions ?? [])
    ) {
      return obj;
    }
    next.observedGeneration = omitZero(generation);
    return this.cluster.api.updateStatus({ ...obj, status: next }, { actor: this.actor });
  }
}

/** spec.replicas, defaulting to 1. */
export function desiredReplicas(obj: KObject): number {
  return typeof obj.spec?.replicas === "number" ? obj.spec.replicas : 1;
}

/** Go's omitempty: a zero count is not written. */
function omitZero(n: number): number | undefined {
  return n === 0 ? undefined : n;
}
