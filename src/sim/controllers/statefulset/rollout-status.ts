/**
 * `kubectl rollout status` for StatefulSets, in kubectl's words (polymorphichelpers'
 * StatefulSetStatusViewer).
 */
import type { KObject } from "../../api/types";

/** What `rollout status` prints for a status, whether the rollout is done, or the error it exits with. */
export interface RolloutStatus {
  message: string;
  done: boolean;
  error?: string;
}

/** The rollout status of a StatefulSet. `message` ends with a newline, as kubectl prints it. */
export function statefulSetRolloutStatus(sts: KObject): RolloutStatus {
  const spec = sts.spec ?? {};
  const status = sts.status ?? {};
  if (spec.updateStrategy?.type !== "RollingUpdate") return { message: "", done: true, error: "rollout status is only available for RollingUpdate strategy type" };
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  const replicas: number | undefined = spec.replicas;
  const ready = status.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const updated = status.updatedReplicas ?? 0;
  if (spec.updateStrategy.rollingUpdate) {
    const partition = spec.updateStrategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision}...\n`, done: true };
}
