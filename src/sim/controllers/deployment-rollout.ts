/**
 * The two rollout strategies of a Deployment. RollingUpdate (rolling.go): grow the new ReplicaSet up
 * to spec.replicas + maxSurge pods in all, shrink old ones — unhealthy pods first — while at least
 * spec.replicas - maxUnavailable stay available. Recreate (recreate.go): scale every old ReplicaSet to
 * zero, wait until no old pod is left, then create and scale up the new one.
 */
import type { KObject } from "../api/types";
import { controlledBy } from "./workload/owner-refs";
import { activeReplicaSets, byCreation, deploymentComplete, maxUnavailable, newRSNewReplicas, replicaCount, specReplicas, statusCount } from "./workload/deployment-util";
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent, type DeploymentSyncContext } from "./deployment-sync";
import { syncRolloutStatus } from "./deployment-progress";

/** rolloutRolling. */
export function rolloutRolling(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(ctx, allRSs, newRS!, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (reconcileOldReplicaSets(ctx, allRSs, activeReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** Scales the new ReplicaSet towards spec.replicas within maxSurge. Returns true when it scaled. */
export function reconcileNewReplicaSet(ctx: DeploymentSyncContext, allRSs: (KObject | undefined)[], newRS: KObject, d: KObject): boolean {
  const replicas = specReplicas(d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return scaleReplicaSetAndRecordEvent(ctx, newRS, replicas, d).scaled;
  return scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/**
 * Scales old ReplicaSets down as far as availability allows: first their unavailable pods, then
 * available ones down to spec.replicas - maxUnavailable. Returns true when it scaled.
 */
export function reconcileOldReplicaSets(ctx: DeploymentSyncContext, allRSs: (KObject | undefined)[], oldRSs: KObject[], newRS: KObject, d: KObject): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(allRSs);
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { oldRSs: cleaned, count: cleanedUp } = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...cleaned, newRS], cleaned, d);
  return cleanedUp + scaledDown > 0;
}

/** Scales old ReplicaSets down by their unavailable pods, oldest first, at most `maxCleanup` in all. */
function cleanupUnhealthyReplicas(ctx: DeploymentSyncContext, oldRSs: KObject[], d: KObject, maxCleanup: number): { oldRSs: KObject[]; count: number } {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i];
    const replicas = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    sorted[i] = scaleReplicaSetAndRecordEvent(ctx, rs, replicas - count, d).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/** Scales old ReplicaSets down, oldest first, while more than the minimum stay available. */
function scaleDownOldReplicaSetsForRollingUpdate(ctx: DeploymentSyncContext, allRSs: KObject[], oldRSs: KObject[], d: KObject): number {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const available = statusCount(allRSs, "availableReplicas");
  if (available <= minAvailable) return 0;
  const sorted = [...oldRSs].sort(byCreation);
  const target = available - minAvailable;
  let total = 0;
  for (const rs of sorted) {
    if (total >= target) break;
    const replicas = specReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, target - total);
    scaleReplicaSetAndRecordEvent(ctx, rs, replicas - count, d);
    total += count;
  }
  return total;
}

/** rolloutRecreate. */
export function rolloutRecreate(ctx: DeploymentSyncContext, d: KObject, rsList: KObject[]): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let allRSs: (KObject | undefined)[] = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (scaleReplicaSetAndRecordEvent(ctx, rs, 0, d).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (oldPodsRunning(ctx, newRS, oldRSs)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(ctx, newRS!, specReplicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods is not yet finished and gone. */
function oldPodsRunning(ctx: DeploymentSyncContext, newRS: KObject | undefined, oldRSs: KObject[]): boolean {
  if (statusCount(oldRSs, "replicas") > 0) return true;
  const store = ctx.cluster.store;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const pod of controlledBy(store, "Pod", rs.metadata.uid!)) {
      const phase = pod.status?.phase;
      if (phase !== "Failed" && phase !== "Succeeded") return true;
    }
  }
  return false;
}
