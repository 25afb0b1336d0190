/**
 * Deployment conditions (deployment_util.go): their reasons and messages, and SetDeploymentCondition,
 * which keeps a condition untouched when status and reason are unchanged and keeps lastTransitionTime
 * when only the reason changes.
 */

/** A DeploymentCondition as the API holds it. */
export interface DeploymentCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** A status with conditions (DeploymentStatus). */
export interface WithConditions {
  conditions?: DeploymentCondition[];
}

export const PROGRESSING = "Progressing";
export const AVAILABLE = "Available";
export const REPLICA_FAILURE = "ReplicaFailure";

/** Reasons of the Progressing and Available conditions. */
export const REASON = {
  replicaSetUpdated: "ReplicaSetUpdated",
  failedRSCreate: "ReplicaSetCreateError",
  newReplicaSet: "NewReplicaSetCreated",
  foundNewRS: "FoundNewReplicaSet",
  newRSAvailable: "NewReplicaSetAvailable",
  timedOut: "ProgressDeadlineExceeded",
  paused: "DeploymentPaused",
  resumed: "DeploymentResumed",
  minimumReplicasAvailable: "MinimumReplicasAvailable",
  minimumReplicasUnavailable: "MinimumReplicasUnavailable",
} as const;

/** NewDeploymentCondition, stamped with `now` (an RFC 3339 timestamp). */
export function newCondition(type: string, status: DeploymentCondition["status"], reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: WithConditions | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition (mutates `status`, a working copy). */
export function setCondition(status: WithConditions, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** RemoveDeploymentCondition (mutates `status`, a working copy). */
export function removeCondition(status: WithConditions, type: string): void {
  if (!status.conditions) return;
  const rest = status.conditions.filter((c) => c.type !== type);
  status.conditions = rest.length > 0 ? rest : undefined;
}
