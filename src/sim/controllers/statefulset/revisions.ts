/**
 * A StatefulSet's revisions, after stateful_set_control.go and stateful_set_utils.go: each revision
 * is a ControllerRevision holding a patch that replaces spec.template; the current revision is the
 * one status.currentRevision names, the update revision the one matching the set's template now
 * (created, or an older equal one renumbered for a roll back); history beyond revisionHistoryLimit
 * that no pod uses is deleted, oldest first.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster";
import { deepClone } from "../../util/object";
import { claimObjects, type PodObject } from "../job/pod-control";
import { fromLabelSelector } from "../../api/labels";
import { createControllerRevision, equalRevision, findEqualRevisions, newControllerRevision, nextRevision, sortRevisions, updateRevisionNumber, type RevisionObject } from "./history";
import { podRevision, type StatefulSetObject } from "./identity";
import { STATEFULSET_CONTROLLER } from "./claims";

/** getPatch: the data a revision stores, a strategic merge patch replacing the template. */
export function revisionData(set: StatefulSetObject): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(deepClone(set.spec!.template) as Record<string, unknown>), $patch: "replace" } } };
}

/** ApplyRevision: the set as it was at `revision` (its template restored). */
export function applyRevision(set: StatefulSetObject, revision: RevisionObject): StatefulSetObject {
  const clone = deepClone(set);
  const template = deepClone((revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {});
  delete template.$patch;
  clone.spec = { ...clone.spec!, template: template as PodTemplateSpec };
  return clone;
}

/** ListRevisions + AdoptOrphanRevisions: the set's revisions, sorted. */
export function listRevisions(cluster: Cluster, set: StatefulSetObject): RevisionObject[] {
  const revisions = claimObjects<RevisionObject>(cluster, "ControllerRevision", set, fromLabelSelector(set.spec?.selector), STATEFULSET_CONTROLLER);
  return sortRevisions([...revisions]);
}

/** getStatefulSetRevisions: the current and update revisions (creating the latter if needed). */
export function statefulSetRevisions(cluster: Cluster, set: StatefulSetObject, revisions: RevisionObject[]): { current: RevisionObject; update: RevisionObject; collisionCount: number } {
  let collisionCount = set.status?.collisionCount ?? 0;
  const candidate = newControllerRevision(set, set.spec?.template?.metadata?.labels, revisionData(set), nextRevision(revisions), collisionCount);
  const equal = findEqualRevisions(revisions, candidate);
  let update: RevisionObject;
  if (equal.length > 0 && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1];
  } else if (equal.length > 0) {
    update = updateRevisionNumber(cluster, equal[equal.length - 1], candidate.revision, STATEFULSET_CONTROLLER);
  } else {
    const created = createControllerRevision(cluster, set, set.spec?.template?.metadata?.labels, candidate.data, candidate.revision, collisionCount, STATEFULSET_CONTROLLER, set.metadata.annotations);
    update = created.revision;
    collisionCount = created.collisionCount;
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/**
 * truncateHistory: deletes revisions that are neither current, nor the update revision, nor used by
 * a pod, oldest first, until revisionHistoryLimit remain.
 */
export function truncateHistory(cluster: Cluster, set: StatefulSetObject, pods: PodObject[], revisions: RevisionObject[], current: RevisionObject | undefined, update: RevisionObject | undefined): void {
  const live = new Set<string>();
  if (current) live.add(current.metadata.name!);
  if (update) live.add(update.metadata.name!);
  for (const p of pods) live.add(podRevision(p));
  const history = revisions.filter((r) => !live.has(r.metadata.name!));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return;
  for (const r of history.slice(0, history.length - limit)) {
    try {
      cluster.api.delete("ControllerRevision", r.metadata.namespace, r.metadata.name!, { actor: STATEFULSET_CONTROLLER });
    } catch {
      // Already gone.
    }
  }
}
