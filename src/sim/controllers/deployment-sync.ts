/**
 * The Deployment controller's shared steps (pkg/controller/deployment/sync.go): finding or creating
 * the new ReplicaSet `<deployment>-<pod-template-hash>` with its revision, scaling ReplicaSets (with
 * ScalingReplicaSet events, proportionally during a rollout), cleaning up old ReplicaSets beyond
 * revisionHistoryLimit, and computing status. `d` is always the controller's working copy of the
 * Deployment; ReplicaSets are stored objects, replaced by what each write returns.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { StatusError } from "../api/errors";
import type { KObject } from "../api/types";
import type { Cluster } from "../cluster";
import { deepClone, deepEqual } from "../util/object";
import { AVAILABLE, getCondition, newCondition, PROGRESSING, REASON, setCondition } from "./workload/conditions";
import {
  activeReplicaSets,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getProportion,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  specReplicas,
  statusCount,
} from "./workload/deployment-util";
import { isControlledBy, newControllerRef } from "./workload/owner-refs";
import { computeHash, POD_TEMPLATE_HASH_LABEL } from "./workload/pod-template-hash";
import { DESIRED_REPLICAS_ANNOTATION, intAnnotation, maxRevision, REVISION_ANNOTATION, replicasAnnotationsNeedUpdate, setNewReplicaSetAnnotations, setReplicasAnnotations } from "./workload/revision";

/** What the sync steps need from the controller. */
export interface DeploymentSyncContext {
  readonly cluster: Cluster;
  readonly actor: string;
  enqueueAfter(key: string, delayMs: number): void;
}

/** The new ReplicaSet (if any) and the old ones. */
export interface ReplicaSets {
  newRS: KObject | undefined;
  oldRSs: KObject[];
}

/** Records an event on the Deployment, from "deployment-controller". */
export function recordEvent(ctx: DeploymentSyncContext, d: KObject, type: "Normal" | "Warning", reason: string, message: string): void {
  ctx.cluster.events.record(d, type, reason, message, { component: ctx.actor });
}

/**
 * Writes the working copy's annotations (when they differ from the stored ones) and its status, and
 * takes the stored metadata back so later writes of the same sync do not conflict.
 */
export function writeDeployment(ctx: DeploymentSyncContext, d: KObject): void {
  const api = ctx.cluster.api;
  let stored = api.get("Deployment", d.metadata.namespace, d.metadata.name!);
  if (!deepEqual(stored.metadata.annotations ?? {}, d.metadata.annotations ?? {})) {
    stored = api.update({ ...stored, metadata: { ...stored.metadata, annotations: d.metadata.annotations } }, { actor: ctx.actor });
  }
  if (!deepEqual(stored.status, d.status)) stored = api.updateStatus({ ...stored, status: d.status }, { actor: ctx.actor });
  d.metadata = deepClone(stored.metadata);
}

/** getAllReplicaSetsAndSyncRevision. */
export function getAllReplicaSetsAndSyncRevision(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[], createIfNotExisted: boolean): ReplicaSets {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

/**
 * getNewReplicaSet: the ReplicaSet whose template is the Deployment's, its revision raised above every
 * old one; created (when asked) with a name from the template hash, sized by NewRSNewReplicas.
 */
function getNewReplicaSet(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[], oldRSs: KObject[], create: boolean): KObject | undefined {
  const { api, clock } = ctx.cluster;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  const replicas = specReplicas(d);
  const maxReplicas = replicas + maxSurge(d);
  if (existing) {
    const copy: KObject = { ...existing, metadata: { ...existing.metadata }, spec: { ...existing.spec } };
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true, replicas, maxReplicas);
    const minReadySeconds = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (copy.spec.minReadySeconds ?? 0) !== minReadySeconds) {
      copy.spec.minReadySeconds = minReadySeconds > 0 ? minReadySeconds : undefined;
      return api.update(copy, { actor: ctx.actor });
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? "");
    if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
      d.status = d.status ?? {};
      setCondition(d.status, newCondition(PROGRESSING, "True", REASON.foundNewRS, `Found new replica set "${copy.metadata.name}"`, clock.timestamp()));
      needsUpdate = true;
    }
    if (needsUpdate) writeDeployment(ctx, d);
    return existing;
  }
  if (!create) return undefined;

  const collisionCount: number | undefined = d.status?.collisionCount;
  const template = deepClone(d.spec.template);
  const hash = computeHash(template, collisionCount);
  template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = deepClone(d.spec.selector as LabelSelector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const minReadySeconds = d.spec?.minReadySeconds ?? 0;
  const newRS: KObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d)], labels: template.metadata.labels },
    spec: { replicas: 0, ...(minReadySeconds > 0 ? { minReadySeconds } : {}), selector, template },
  };
  const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, replicas, maxReplicas);

  let created: KObject;
  let alreadyExists = false;
  try {
    created = api.create(newRS, { actor: ctx.actor });
  } catch (e) {
    if (e instanceof StatusError && e.reason === "AlreadyExists") {
      alreadyExists = true;
      const rs = api.store.get("ReplicaSet", d.metadata.namespace, newRS.metadata.name!);
      if (rs && isControlledBy(rs, d) && equalIgnoreHash(d.spec.template, rs.spec?.template)) {
        created = rs;
      } else {
        // A hash collision: bump collisionCount and try again with a new name.
        d.status = { ...(d.status ?? {}), collisionCount: (collisionCount ?? 0) + 1 };
        writeDeployment(ctx, d);
        throw e;
      }
    } else if (e instanceof StatusError && e.reason === "Forbidden" && e.message.includes("because it is being terminated")) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${(e as Error).message}`;
      if (hasProgressDeadline(d)) {
        d.status = d.status ?? {};
        setCondition(d.status, newCondition(PROGRESSING, "False", REASON.failedRSCreate, msg, clock.timestamp()));
        try {
          writeDeployment(ctx, d);
        } catch {
          // The create failure is the bigger problem to report.
        }
      }
      recordEvent(ctx, d, "Warning", REASON.failedRSCreate, msg);
      throw e;
    }
  }
  if (!alreadyExists && count > 0) recordEvent(ctx, d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${created.metadata.name} to ${count}`);
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status = d.status ?? {};
    setCondition(d.status, newCondition(PROGRESSING, "True", REASON.newReplicaSet, `Created new replica set "${created.metadata.name}"`, clock.timestamp()));
    needsUpdate = true;
  }
  if (needsUpdate) writeDeployment(ctx, d);
  return created;
}

/** SetDeploymentRevision on the working copy. Returns true when it changed. */
function setDeploymentRevision(d: KObject, revision: string): boolean {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
  return true;
}

/**
 * scale: on a scaling event or while paused — the one active ReplicaSet takes the new size; a saturated
 * new ReplicaSet empties the old ones; otherwise a rolling Deployment spreads the change over its
 * active ReplicaSets in proportion to their sizes (larger first; newer first up, older first down).
 */
export function scale(ctx: DeploymentSyncContext, d: KObject, newRS: KObject | undefined, oldRSs: KObject[]): void {
  const replicas = specReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) === replicas) return;
    scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, replicas, d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(all);
  let op = "";
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    op = "up";
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    op = "down";
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name!, specReplicas(rs) + p);
      added += p;
    } else {
      sizes.set(rs.metadata.name!, specReplicas(rs));
    }
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) {
      const size = sizes.get(rs.metadata.name!)! + (toAdd - added);
      sizes.set(rs.metadata.name!, Math.max(0, size));
    }
    scaleReplicaSet(ctx, rs, sizes.get(rs.metadata.name!)!, d, op);
  });
}

/** scaleReplicaSetAndRecordEvent: scales when the size differs. */
export function scaleReplicaSetAndRecordEvent(ctx: DeploymentSyncContext, rs: KObject, newScale: number, d: KObject): { scaled: boolean; rs: KObject } {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d, specReplicas(rs) < newScale ? "up" : "down");
}

/** scaleReplicaSet: writes the size and the desired/max-replicas annotations; "Scaled up replica set X to N from M". */
function scaleReplicaSet(ctx: DeploymentSyncContext, rs: KObject, newScale: number, d: KObject, op: string): { scaled: boolean; rs: KObject } {
  const replicas = specReplicas(d);
  const maxReplicas = replicas + maxSurge(d);
  const sizeNeedsUpdate = specReplicas(rs) !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, maxReplicas)) return { scaled: false, rs };
  const oldScale = specReplicas(rs);
  const copy: KObject = { ...rs, metadata: { ...rs.metadata }, spec: { ...rs.spec, replicas: newScale } };
  setReplicasAnnotations(copy, replicas, maxReplicas);
  const updated = ctx.cluster.api.update(copy, { actor: ctx.actor });
  if (!sizeNeedsUpdate) return { scaled: false, rs: updated };
  recordEvent(ctx, d, "Normal", "ScalingReplicaSet", `Scaled ${op} replica set ${updated.metadata.name} to ${newScale} from ${oldScale}`);
  const trace = ctx.cluster.trace;
  if (trace.active) trace.emit({ time: ctx.cluster.clock.now, component: ctx.actor, action: "scale", object: { kind: "ReplicaSet", namespace: updated.metadata.namespace ?? "", name: updated.metadata.name! }, detail: { from: oldScale, to: newScale } });
  return { scaled: true, rs: updated };
}

/** cleanupDeployment: deletes the oldest empty ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(ctx: DeploymentSyncContext, oldRSs: KObject[], d: KObject): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec.revisionHistoryLimit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      ctx.cluster.api.delete("ReplicaSet", rs.metadata.namespace, rs.metadata.name!, { actor: ctx.actor });
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === "NotFound")) throw e;
    }
  }
}

/** calculateStatus: counts summed over the ReplicaSets, plus the Available condition. */
export function calculateStatus(ctx: DeploymentSyncContext, allRSs: (KObject | undefined)[], newRS: KObject | undefined, d: KObject): Record<string, any> {
  const available = statusCount(allRSs, "availableReplicas");
  const total = replicaCount(allRSs);
  const unavailable = Math.max(0, total - available);
  const status: Record<string, any> = {
    observedGeneration: omitZero(d.metadata.generation ?? 0),
    replicas: omitZero(statusCount(allRSs, "replicas")),
    updatedReplicas: omitZero(statusCount([newRS], "replicas")),
    readyReplicas: omitZero(statusCount(allRSs, "readyReplicas")),
    availableReplicas: omitZero(available),
    unavailableReplicas: omitZero(unavailable),
    collisionCount: d.status?.collisionCount,
    conditions: d.status?.conditions ? d.status.conditions.map((c: object) => ({ ...c })) : undefined,
  };
  const now = ctx.cluster.clock.timestamp();
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, "True", REASON.minimumReplicasAvailable, "Deployment has minimum availability.", now));
  } else {
    setCondition(status, newCondition(AVAILABLE, "False", REASON.minimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
  }
  return status;
}

/** syncDeploymentStatus: writes the calculated status when it differs. */
export function syncDeploymentStatus(ctx: DeploymentSyncContext, allRSs: (KObject | undefined)[], newRS: KObject | undefined, d: KObject): void {
  const status = calculateStatus(ctx, allRSs, newRS, d);
  if (deepEqual(d.status, status)) return;
  d.status = status;
  writeDeployment(ctx, d);
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    if (desired !== undefined && desired !== specReplicas(d)) return true;
  }
  return false;
}

/** sync: a scaling event or a paused Deployment — scale, clean up when paused, sync status. */
export function sync(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  scale(ctx, d, newRS, oldRSs);
  if (d.spec?.paused) cleanupDeployment(ctx, oldRSs, d);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/** syncStatusOnly: a Deployment being deleted only reports status. */
export function syncStatusOnly(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: Progressing=Unknown with DeploymentPaused / DeploymentResumed when pausing or
 * resuming, so a long pause is not mistaken for a stalled rollout.
 */
export function checkPausedConditions(ctx: DeploymentSyncContext, d: KObject): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === REASON.timedOut) return;
  const pausedCondExists = cond?.reason === REASON.paused;
  const now = ctx.cluster.clock.timestamp();
  d.status = d.status ?? {};
  if (d.spec?.paused && !pausedCondExists) {
    setCondition(d.status, newCondition(PROGRESSING, "Unknown", REASON.paused, "Deployment is paused", now));
  } else if (!d.spec?.paused && pausedCondExists) {
    setCondition(d.status, newCondition(PROGRESSING, "Unknown", REASON.resumed, "Deployment is resumed", now));
  } else {
    return;
  }
  writeDeployment(ctx, d);
}

function omitZero(n: number): number | undefined {
  return n === 0 ? undefined : n;
}
