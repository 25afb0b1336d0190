/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names and identities
 * (`web-0`, `web-1`, ...), created in order and each Running and Ready before the next under
 * OrderedReady, all at once under Parallel; claims made from volumeClaimTemplates before their pod;
 * scale-down from the highest ordinal; RollingUpdate with a partition (highest ordinal first) or
 * OnDelete; ControllerRevisions as the revision history; and the status kubectl shows. Events come
 * from `statefulset-controller`: "create Pod web-0 in StatefulSet web successful".
 */
import type { StatefulSetStatus } from "kubernetes-types/apps/v1";
import { fromLabelSelector, matches } from "../api/labels";
import { Controller, keyOf, splitKey } from "./controller";
import { claimObjects, controlledBy, controllerRefOf, indexByController, isPodReady, type PodObject } from "./job/pod-control";
import { STATEFULSET_CONTROLLER } from "./statefulset/claims";
import { updateStatefulSet } from "./statefulset/control";
import { isMemberOf, replicasOf, type StatefulSetObject } from "./statefulset/identity";
import { listRevisions, statefulSetRevisions, truncateHistory } from "./statefulset/revisions";

export { statefulSetRolloutStatus } from "./statefulset/rollout-status";
export { STATEFULSET_CONTROLLER };

export class StatefulSetController extends Controller {
  readonly name = STATEFULSET_CONTROLLER;

  protected setup(): void {
    indexByController(this.cluster, "Pod");
    indexByController(this.cluster, "ControllerRevision");
    const api = this.cluster.api;
    api.watch("StatefulSet", (e) => this.enqueue(keyOf(e.object.metadata.namespace, e.object.metadata.name!)));
    api.watch("Pod", (e) => {
      const pod = e.object as PodObject;
      const old = e.old as PodObject | undefined;
      if (e.type === "MODIFIED" && old) {
        const oldRef = controllerRefOf(old);
        if (oldRef && oldRef.uid !== controllerRefOf(pod)?.uid) this.enqueueOwner(old);
        if (!isPodReady(old) && isPodReady(pod)) this.requeueForMinReady(pod);
      }
      this.enqueueOwner(pod);
    });
  }

  /** The set controlling the pod; for an orphan, every set in the namespace whose selector matches it. */
  private enqueueOwner(pod: PodObject): void {
    const ns = pod.metadata.namespace;
    const ref = controllerRefOf(pod);
    if (ref) {
      if (ref.kind === "StatefulSet") this.enqueue(keyOf(ns, ref.name));
      return;
    }
    for (const set of this.cluster.store.each("StatefulSet", ns)) {
      if (isMemberOf(set, pod) && matches(fromLabelSelector(set.spec?.selector), pod.metadata.labels)) this.enqueue(keyOf(ns, set.metadata.name!));
    }
  }

  /** A pod that turned ready counts as available minReadySeconds later: look again then. */
  private requeueForMinReady(pod: PodObject): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== "StatefulSet") return;
    const set = this.cluster.store.get("StatefulSet", pod.metadata.namespace, ref.name) as StatefulSetObject | undefined;
    const minReady = set?.spec?.minReadySeconds ?? 0;
    if (minReady > 0) this.enqueueAfter(keyOf(pod.metadata.namespace, ref.name), minReady * 1000 + 1);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { cluster } = this;
    const set = cluster.api.tryGet<StatefulSetObject>("StatefulSet", namespace, name);
    if (!set) return;
    const selector = fromLabelSelector(set.spec?.selector);
    const pods = claimObjects<PodObject>(cluster, "Pod", set, selector, STATEFULSET_CONTROLLER, { accept: (p) => isMemberOf(set, p) });
    const revisions = listRevisions(cluster, set);
    const { current, update, collisionCount } = statefulSetRevisions(cluster, set, revisions);
    const { status, error } = updateStatefulSet(cluster, set, current, update, collisionCount, pods);
    this.storeStatus(set, status);
    truncateHistory(cluster, set, controlledBy<PodObject>(cluster, "Pod", namespace ?? "default", set.metadata.uid!), listRevisions(cluster, set), current, update);
    if (error) throw error;
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (status.readyReplicas ?? 0) !== status.availableReplicas) this.enqueueAfter(key, minReady * 1000);
  }

  /** updateStatefulSetStatus: completes a finished rolling update, and writes only a changed status. */
  private storeStatus(set: StatefulSetObject, status: StatefulSetStatus): void {
    const replicas = replicasOf(set);
    if (set.spec?.updateStrategy?.type === "RollingUpdate" && status.updatedReplicas === replicas && status.readyReplicas === replicas && status.replicas === replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    const old: Partial<StatefulSetStatus> = set.status ?? {};
    const inconsistent =
      (status.observedGeneration ?? 0) > (old.observedGeneration ?? 0) ||
      status.replicas !== (old.replicas ?? 0) ||
      (status.currentReplicas ?? 0) !== (old.currentReplicas ?? 0) ||
      (status.readyReplicas ?? 0) !== (old.readyReplicas ?? 0) ||
      (status.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
      status.currentRevision !== old.currentRevision ||
      (status.availableReplicas ?? 0) !== (old.availableReplicas ?? 0) ||
      status.updateRevision !== old.updateRevision;
    if (!inconsistent) return;
    this.cluster.api.mutate<StatefulSetObject>("StatefulSet", set.metadata.namespace, set.metadata.name!, { actor: STATEFULSET_CONTROLLER }, (s) => {
      s.status = serializedStatus({ ...s.status, ...status });
    }, "status");
  }
}

/** The status as the API serializes it: zero counters with omitempty are left out. */
function serializedStatus(status: StatefulSetStatus): StatefulSetStatus {
  const out: Record<string, unknown> = { ...status };
  for (const k of ["observedGeneration", "readyReplicas", "currentReplicas", "updatedReplicas"] as const) if (!out[k]) delete out[k];
  for (const k of ["currentRevision", "updateRevision"] as const) if (!out[k]) delete out[k];
  out.replicas = status.replicas ?? 0;
  out.availableReplicas = status.availableReplicas ?? 0;
  return out as unknown as StatefulSetStatus;
}
