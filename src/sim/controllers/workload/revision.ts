/**
 * The revision bookkeeping of Deployments (pkg/controller/deployment/util): the
 * deployment.kubernetes.io/revision annotation on ReplicaSets and their Deployment, revision-history
 * when an old revision comes back, desired-replicas and max-replicas, and which annotations a
 * Deployment passes on to its ReplicaSets. kubectl's rollout history and undo read the same.
 */
import type { KObject } from "../../api/types";
import { MAX_REV_HISTORY_LENGTH_IN_CHARS } from "./settings";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
/** The extensions/v1beta1 rollback request, still skipped when copying annotations. */
export const DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";

/** Annotations a Deployment does not copy to its ReplicaSets (and a rollback does not restore). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO,
]);

/** The object's revision: 0 without the annotation, NaN when it is not a number. */
export function revisionOf(obj: KObject): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** The highest revision among `rsList` (unparsable revisions are skipped). */
export function maxRevision(rsList: readonly KObject[]): number {
  let max = 0;
  for (const rs of rsList) {
    const v = revisionOf(rs);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations (except the skipped ones) onto
 * `rs` (a working copy), raises its revision to `newRevision` when lower — remembering the old one in
 * revision-history, as when a rollback brings an old ReplicaSet back — and, for a ReplicaSet about to
 * be created, sets desired-replicas and max-replicas. Returns true when anything changed.
 */
export function setNewReplicaSetAnnotations(d: KObject, rs: KObject, newRevision: string, exists: boolean, desired: number, maxReplicas: number): boolean {
  const annotations: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const oldRevision = annotations[REVISION_ANNOTATION];
  const had = oldRevision !== undefined;
  let oldInt = 0;
  if (had && oldRevision !== "") {
    if (!/^[+-]?\d+$/.test(oldRevision)) {
      rs.metadata = { ...rs.metadata, annotations };
      return false;
    }
    oldInt = Number(oldRevision);
  }
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (had && oldInt < newInt) {
    const history = annotations[REVISION_HISTORY_ANNOTATION] ?? "";
    const old = history.split(",");
    if (old[0].length === 0) {
      annotations[REVISION_HISTORY_ANNOTATION] = oldRevision!;
    } else {
      let total = history.length + oldRevision!.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < old.length) {
        total -= old[start].length + 1;
        start++;
      }
      if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldRevision!].join(",");
    }
  }
  rs.metadata = { ...rs.metadata, annotations };
  if (!exists && setReplicasAnnotations(rs, desired, maxReplicas)) changed = true;
  return changed;
}

/** Sets desired-replicas and max-replicas on `rs` (a working copy). Returns true when they changed. */
export function setReplicasAnnotations(rs: KObject, desired: number, maxReplicas: number): boolean {
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(maxReplicas);
    changed = true;
  }
  rs.metadata = { ...rs.metadata, annotations };
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: KObject, desired: number, maxReplicas: number): boolean {
  const a = rs.metadata.annotations;
  if (!a) return true;
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas);
}

/** An integer annotation of a ReplicaSet (desired-replicas, max-replicas), if present and valid. */
export function intAnnotation(rs: KObject, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}
