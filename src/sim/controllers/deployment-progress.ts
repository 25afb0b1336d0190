/**
 * Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition —
 * NewReplicaSetAvailable once the rollout is complete, ReplicaSetUpdated while pods come up or go,
 * ProgressDeadlineExceeded when nothing moved for progressDeadlineSeconds — the ReplicaFailure
 * condition carried over from the ReplicaSets, and the requeue that notices a stalled rollout when
 * its deadline passes.
 */
import type { KObject } from "../api/types";
import { keyOf } from "./controller";
import { calculateStatus, writeDeployment, type DeploymentSyncContext } from "./deployment-sync";
import { getCondition, newCondition, PROGRESSING, REASON, REPLICA_FAILURE, removeCondition, setCondition, type DeploymentCondition } from "./workload/conditions";
import { deploymentComplete, deploymentProgressing, hasProgressDeadline, type StatusCounts } from "./workload/deployment-util";
import { deepEqual } from "../util/object";

/** syncRolloutStatus: status with the Progressing and ReplicaFailure conditions brought up to date. */
export function syncRolloutStatus(ctx: DeploymentSyncContext, allRSs: (KObject | undefined)[], newRS: KObject | undefined, d: KObject): void {
  const { clock } = ctx.cluster;
  const status = calculateStatus(ctx, allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const now = clock.timestamp();
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition(PROGRESSING, "True", REASON.newRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition(PROGRESSING, "True", REASON.replicaSetUpdated, `${subject} is progressing.`, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, condition);
    } else if (timedOut(ctx, d, status)) {
      setCondition(status, newCondition(PROGRESSING, "False", REASON.timedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, REPLICA_FAILURE);
  if (deepEqual(d.status, status)) {
    requeueStuckDeployment(ctx, d, status);
    return;
  }
  d.status = status;
  writeDeployment(ctx, d);
}

/** DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds ago. */
export function timedOut(ctx: DeploymentSyncContext, d: KObject, status: { conditions?: DeploymentCondition[] }): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(status, PROGRESSING);
  if (!c) return false;
  if (c.reason === REASON.newRSAvailable) return false;
  if (c.reason === REASON.timedOut) return true;
  if (!c.lastUpdateTime) return false;
  const { clock } = ctx.cluster;
  return clock.parseTimestamp(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 < clock.now;
}

/** The ReplicaFailure condition of the new ReplicaSet, else of any old one, as a Deployment condition. */
function replicaFailure(allRSs: (KObject | undefined)[], newRS: KObject | undefined): DeploymentCondition | undefined {
  const fromRS = (rs: KObject | undefined) => {
    const c = (rs?.status?.conditions ?? []).find((x: { type: string }) => x.type === REPLICA_FAILURE);
    return c ? { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message } : undefined;
  };
  return fromRS(newRS) ?? allRSs.map(fromRS).find((c) => c !== undefined);
}

/**
 * requeueStuckDeployment: a rollout with no sign of progress is looked at again when its deadline
 * passes (lastUpdateTime + progressDeadlineSeconds, plus a second against skew).
 */
function requeueStuckDeployment(ctx: DeploymentSyncContext, d: KObject, status: StatusCounts): void {
  const current = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return;
  if (!current.lastUpdateTime) return;
  const { clock } = ctx.cluster;
  const after = clock.parseTimestamp(current.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - clock.now;
  const key = keyOf(d.metadata.namespace, d.metadata.name!);
  ctx.enqueueAfter(key, after < 1000 ? Math.max(1, after + 1) : after + 1000);
}
