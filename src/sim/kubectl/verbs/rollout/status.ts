/**
 * kubectl's rollout status viewers (polymorphichelpers/rollout_status.go): what `rollout status`
 * prints for a Deployment, DaemonSet or StatefulSet at each change, and whether the rollout is done.
 * The DaemonSet and StatefulSet viewers live beside their controllers.
 */
import type { KObject } from "../../../api/types";
import { daemonSetRolloutStatus } from "../../../controllers/daemonset/rollout-status";
import { statefulSetRolloutStatus, type RolloutStatus } from "../../../controllers/statefulset/rollout-status";
import { getCondition, PROGRESSING, REASON } from "../../../controllers/workload/conditions";
import { revisionOf } from "../../../controllers/workload/revision";

export type { RolloutStatus };

/** DeploymentStatusViewer.Status. `revision` > 0 pins the rollout to that revision. */
export function deploymentRolloutStatus(d: KObject, revision: number): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0) {
    const current = revisionOf(d);
    if (Number.isNaN(current)) return { message: "", done: false, error: `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${d.metadata.annotations?.["deployment.kubernetes.io/revision"]}": invalid syntax` };
    if (revision !== current) return { message: "", done: false, error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    if (getCondition(s, PROGRESSING)?.reason === REASON.timedOut) return { message: "", done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const replicas: number | undefined = d.spec?.replicas;
    const updated = s.updatedReplicas ?? 0;
    const total = s.replicas ?? 0;
    const available = s.availableReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`, done: false };
    if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: "Waiting for deployment spec update to be observed...\n", done: false };
}

/** The status viewer of a kind, if kubectl has one. */
export function statusViewerFor(kind: string): ((obj: KObject, revision: number) => RolloutStatus) | undefined {
  switch (kind) {
    case "Deployment":
      return deploymentRolloutStatus;
    case "DaemonSet":
      return (obj) => daemonSetRolloutStatus(obj);
    case "StatefulSet":
      return (obj) => statefulSetRolloutStatus(obj);
  }
  return undefined;
}
