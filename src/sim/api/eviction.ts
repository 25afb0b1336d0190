/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a delete that honours
 * PodDisruptionBudgets. A terminal, pending or already-terminating pod is deleted at once; otherwise
 * the one PDB selecting the pod must allow a disruption — its disruptionsAllowed is decremented and
 * the pod recorded in status.disruptedPods before the pod is marked (DisruptionTarget
 * `EvictionByEvictionAPI`) and deleted. A budget at zero answers 429 TooManyRequests: "Cannot evict
 * pod as it would violate the pod's disruption budget." A pod that is not Ready may go without
 * spending the budget when the budget is met (or always, with unhealthyPodEvictionPolicy AlwaysAllow).
 */
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { StatusError } from "./errors";
import { fromLabelSelector, isEverything, matches } from "./labels";
import type { ApiServer, DeleteOptions, DeleteResult } from "./server";
import type { KObject } from "./types";

/** The message of a refused eviction. */
export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** How many evictions a PDB may have pending before new ones are refused (MaxDisruptedPodSize). */
const MAX_DISRUPTED_POD_SIZE = 2000;

/** A 429 as the eviction subresource returns it, with the DisruptionBudget cause. */
export class EvictionRefused extends StatusError {
  /** The DisruptionBudget cause: "The disruption budget web needs 2 healthy pods and has 2 currently". */
  readonly budgetCause: string;

  constructor(budgetCause: string) {
    super(429, "TooManyRequests", EVICTION_REFUSED);
    this.budgetCause = budgetCause;
  }
}

/** podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** The PDBs in the pod's namespace whose selector matches it (an empty selector matches nothing). */
export function pdbsForPod(api: ApiServer, pod: Pod): (PodDisruptionBudget & KObject)[] {
  const out: (PodDisruptionBudget & KObject)[] = [];
  for (const pdb of api.list<PodDisruptionBudget & KObject>("PodDisruptionBudget", pod.metadata?.namespace ?? "default")) {
    let sel;
    try {
      sel = fromLabelSelector(pdb.spec?.selector);
    } catch {
      continue;
    }
    if (!pdb.spec?.selector || isEverything(sel) || !matches(sel, pod.metadata?.labels)) continue;
    out.push(pdb);
  }
  return out;
}

/**
 * Evicts a pod: POST pods/NAME/eviction. Returns what the delete did; throws a StatusError — an
 * EvictionRefused (429) when a budget says no.
 */
export function evictPod(api: ApiServer, namespace: string, name: string, opts: DeleteOptions): DeleteResult {
  const pod = api.get("Pod", namespace, name) as Pod & KObject;
  const phase = pod.status?.phase;
  // A terminal or pending pod, or one already going, disrupts nothing more: delete it.
  if (phase === "Succeeded" || phase === "Failed" || phase === "Pending" || pod.metadata.deletionTimestamp) {
    return api.delete("Pod", namespace, name, opts);
  }
  const pdbs = pdbsForPod(api, pod);
  if (pdbs.length > 1) throw new StatusError(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
  if (pdbs.length === 1) {
    const pdb = pdbs[0];
    const status: NonNullable<PodDisruptionBudget["status"]> = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
    const unhealthyGoes = !isPodReady(pod) && (pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow" || ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0));
    if (!unhealthyGoes) checkAndDecrement(api, pdb, name, opts);
  }
  return markAndDelete(api, pod, opts);
}

/** checkAndDecrement: refuse when the budget is spent, else take one disruption from it. */
function checkAndDecrement(api: ApiServer, pdb: PodDisruptionBudget & KObject, podName: string, opts: DeleteOptions): void {
  const status: NonNullable<PodDisruptionBudget["status"]> = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw new EvictionRefused(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`);
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) throw new StatusError(403, "Forbidden", `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`);
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw new StatusError(403, "Forbidden", `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
  }
  if (allowed === 0) throw new EvictionRefused(`The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  if (opts.dryRun) return;
  const next = allowed - 1;
  const conditions = next === 0 ? disruptionAllowedCondition(status.conditions, false, api.clock.timestamp(), pdb.status?.observedGeneration) : status.conditions;
  api.updateStatus(
    { ...pdb, status: { ...status, disruptionsAllowed: next, disruptedPods: { ...status.disruptedPods, [podName]: api.clock.timestamp() }, ...(conditions ? { conditions } : {}) } },
    { actor: "kube-apiserver" },
  );
}

/** The pod gets DisruptionTarget (EvictionByEvictionAPI) and is deleted with the request's options. */
function markAndDelete(api: ApiServer, pod: Pod & KObject, opts: DeleteOptions): DeleteResult {
  if (!opts.dryRun) {
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
    conditions.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null as unknown as string, lastTransitionTime: api.clock.timestamp(), reason: "EvictionByEvictionAPI", message: "Eviction API: evicting" });
    api.updateStatus({ ...pod, status: { ...pod.status, conditions } }, { actor: "kube-apiserver" });
  }
  return api.delete("Pod", pod.metadata.namespace, pod.metadata.name!, opts);
}

/** pdbhelper.UpdateDisruptionAllowedCondition: DisruptionAllowed True (SufficientPods) or False (InsufficientPods). */
export function disruptionAllowedCondition(
  existing: NonNullable<PodDisruptionBudget["status"]>["conditions"],
  allowed: boolean,
  now: string,
  observedGeneration: number | undefined,
): NonNullable<NonNullable<PodDisruptionBudget["status"]>["conditions"]> {
  const prev = (existing ?? []).find((c) => c.type === "DisruptionAllowed");
  const status = allowed ? "True" : "False";
  const reason = allowed ? "SufficientPods" : "InsufficientPods";
  const condition = {
    type: "DisruptionAllowed",
    status,
    reason,
    message: "",
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
  return [...(existing ?? []).filter((c) => c.type !== "DisruptionAllowed"), condition];
}
