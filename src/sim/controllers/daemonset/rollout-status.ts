/**
 * `kubectl rollout status` for DaemonSets, in kubectl's words (polymorphichelpers'
 * DaemonSetStatusViewer).
 */
import type { KObject } from "../../api/types";
import type { RolloutStatus } from "../statefulset/rollout-status";

/** The rollout status of a DaemonSet. `message` ends with a newline, as kubectl prints it. */
export function daemonSetRolloutStatus(ds: KObject): RolloutStatus {
  if (ds.spec?.updateStrategy?.type !== "RollingUpdate") return { message: "", done: true, error: "rollout status is only available for RollingUpdate strategy type" };
  const s = ds.status ?? {};
  if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
  const name = ds.metadata.name;
  const desired = s.desiredNumberScheduled ?? 0;
  if ((s.updatedNumberScheduled ?? 0) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
  }
  if ((s.numberAvailable ?? 0) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
  }
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}
