/**
 * The disruption controller (pkg/controller/disruption): keeps every PodDisruptionBudget's status —
 * currentHealthy (Ready pods not being deleted nor just evicted), desiredHealthy (minAvailable, or the
 * expected count less maxUnavailable; percentages scale the pods' controllers' replicas, rounding
 * up), expectedPods, disruptionsAllowed, disruptedPods (evictions not yet seen as deletions, dropped
 * after two minutes) and the DisruptionAllowed condition (SufficientPods / InsufficientPods, or
 * SyncFailed when the expected count cannot be computed). The eviction API spends the budget.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { disruptionAllowedCondition, isPodReady } from "../api/eviction";
import { fromLabelSelector, matches } from "../api/labels";
import type { KObject } from "../api/types";
import { Controller, keyOf, splitKey } from "./controller";
import { nodeControllerTiming } from "./node-timings";

export const DISRUPTION_CONTROLLER = "disruption-controller";

type IntOrString = number | string;

/** GetScaledValueFromIntOrPercent with rounding up. */
export function scaledValue(v: IntOrString, total: number): number {
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    if (/^\d+$/.test(v)) return Number(v);
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  return Math.ceil((Number(m[1]) * total) / 100);
}

export class DisruptionController extends Controller {
  readonly name = DISRUPTION_CONTROLLER;

  protected setup(): void {
    const { api, store } = this.cluster;
    api.watch("PodDisruptionBudget", (e) => this.enqueue(keyOf(e.object.metadata.namespace, e.object.metadata.name!)));
    api.watch("Pod", (e) => {
      const ns = e.object.metadata.namespace ?? "default";
      if (store.count("PodDisruptionBudget", ns) === 0) return;
      for (const pdb of store.list("PodDisruptionBudget", ns) as (PodDisruptionBudget & KObject)[]) {
        if (this.selects(pdb, e.object as Pod) || (e.old && this.selects(pdb, e.old as Pod))) this.enqueue(keyOf(ns, pdb.metadata.name!));
      }
    });
  }

  private selects(pdb: PodDisruptionBudget, pod: Pod): boolean {
    try {
      return matches(fromLabelSelector(pdb.spec?.selector), pod.metadata?.labels);
    } catch {
      return false;
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const pdb = this.cluster.store.get("PodDisruptionBudget", namespace, name) as (PodDisruptionBudget & KObject) | undefined;
    if (!pdb) return;
    let pods: (Pod & KObject)[];
    try {
      const sel = fromLabelSelector(pdb.spec?.selector);
      pods = (this.cluster.store.list("Pod", namespace) as (Pod & KObject)[]).filter((p) => matches(sel, p.metadata.labels));
    } catch (e) {
      this.event(pdb, "Warning", "NoPods", `Failed to get pods: ${(e as Error).message}`);
      this.failSafe(pdb, (e as Error).message);
      return;
    }
    if (pods.length === 0) this.event(pdb, "Normal", "NoPods", "No matching pods found");
    let expected: { expectedCount: number; desiredHealthy: number; unmanaged: string[] };
    try {
      expected = this.expectedPodCount(pdb, pods);
    } catch (e) {
      this.event(pdb, "Warning", "CalculateExpectedPodCountFailed", `Failed to calculate the number of expected pods: ${(e as Error).message}`);
      this.failSafe(pdb, (e as Error).message);
      return;
    }
    if (expected.unmanaged.length > 0) {
      this.event(
        pdb,
        "Warning",
        "UnmanagedPods",
        `Pods selected by this PodDisruptionBudget (selector: ${selectorText(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.cluster.clock.now;
    const { disrupted, recheckAt } = this.buildDisruptedPods(pdb, pods, now);
    let currentHealthy = 0;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      if (disrupted[p.metadata.name!] !== undefined) continue;
      if (isPodReady(p)) currentHealthy++;
    }
    this.updateStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disrupted);
    if (recheckAt !== undefined) this.enqueueAfter(key, Math.max(0, recheckAt - now));
  }

  private expectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]): { expectedCount: number; desiredHealthy: number; unmanaged: string[] } {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
      const { count, unmanaged } = this.expectedScale(pods);
      const max = scaledValue(spec.maxUnavailable as IntOrString, count);
      return { expectedCount: count, desiredHealthy: Math.max(0, count - max), unmanaged };
    }
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
      if (typeof spec.minAvailable === "number") return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
      const { count, unmanaged } = this.expectedScale(pods);
      return { expectedCount: count, desiredHealthy: scaledValue(spec.minAvailable as IntOrString, count), unmanaged };
    }
    return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the replicas of the pods' controllers. */
  private expectedScale(pods: Pod[]): { count: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = pod.metadata?.ownerReferences?.find((r) => r.controller);
      if (!ref) {
        unmanaged.push(pod.metadata?.name ?? "");
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref.kind, ref.name, ref.uid, pod.metadata?.namespace ?? "default");
      if (!found) throw new Error(`found no controllers for pod "${pod.metadata?.name}"`);
      scales.set(found.uid, found.scale);
    }
    let count = 0;
    for (const s of scales.values()) count += s;
    return { count, unmanaged };
  }

  /** The finders: ReplicationController, Deployment (through its ReplicaSet), ReplicaSet, StatefulSet. */
  private controllerScale(kind: string, name: string, uid: string, namespace: string): { uid: string; scale: number } | undefined {
    const store = this.cluster.store;
    const replicas = (o: KObject) => (typeof o.spec?.replicas === "number" ? o.spec.replicas : 1);
    if (kind === "ReplicaSet") {
      const rs = store.get("ReplicaSet", namespace, name);
      if (!rs || rs.metadata.uid !== uid) return undefined;
      const dref = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === "Deployment");
      if (dref) {
        const d = store.get("Deployment", namespace, dref.name);
        if (d && d.metadata.uid === dref.uid) return { uid: d.metadata.uid!, scale: replicas(d) };
      }
      return { uid, scale: replicas(rs) };
    }
    if (kind === "ReplicationController" || kind === "StatefulSet") {
      const o = store.get(kind, namespace, name);
      return o && o.metadata.uid === uid ? { uid, scale: replicas(o) } : undefined;
    }
    return undefined;
  }

  private buildDisruptedPods(pdb: PodDisruptionBudget, pods: Pod[], now: number): { disrupted: Record<string, string>; recheckAt: number | undefined } {
    const disrupted: Record<string, string> = {};
    const previous = pdb.status?.disruptedPods ?? {};
    let recheckAt: number | undefined;
    const timeout = nodeControllerTiming(this.cluster, "pdbDeletionTimeout");
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const at = previous[pod.metadata?.name ?? ""];
      if (at === undefined) continue;
      const expectedDeletion = this.cluster.clock.parseTimestamp(at) + timeout;
      if (expectedDeletion < now) {
        this.event(pod as KObject, "Warning", "NotDeleted", `Pod was expected by PDB ${pdb.metadata?.namespace}/${pdb.metadata?.namespace} to be deleted but it wasn't`);
      } else {
        recheckAt = recheckAt === undefined ? expectedDeletion : Math.min(recheckAt, expectedDeletion);
        disrupted[pod.metadata!.name!] = at;
      }
    }
    return { disrupted, recheckAt };
  }

  private updateStatus(pdb: PodDisruptionBudget & KObject, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const generation = pdb.metadata.generation ?? 1;
    const conditions = disruptionAllowedCondition(pdb.status?.conditions, disruptionsAllowed > 0, this.cluster.clock.timestamp(), generation);
    const status = {
      ...(Object.keys(disruptedPods).length > 0 ? { disruptedPods } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      observedGeneration: generation,
      conditions,
    };
    if (JSON.stringify(status) === JSON.stringify(pdb.status)) return;
    this.cluster.api.updateStatus({ ...pdb, status }, { actor: DISRUPTION_CONTROLLER });
  }

  /** failSafe: whatever went wrong, allow no disruption. */
  private failSafe(pdb: PodDisruptionBudget & KObject, message: string): void {
    const prev = (pdb.status?.conditions ?? []).find((c) => c.type === "DisruptionAllowed");
    const condition = { type: "DisruptionAllowed", status: "False", reason: "SyncFailed", message, lastTransitionTime: prev?.status === "False" ? prev.lastTransitionTime : this.cluster.clock.timestamp(), observedGeneration: pdb.status?.observedGeneration ?? 0 };
    const status = { ...pdb.status, disruptionsAllowed: 0, currentHealthy: pdb.status?.currentHealthy ?? 0, desiredHealthy: pdb.status?.desiredHealthy ?? 0, expectedPods: pdb.status?.expectedPods ?? 0, conditions: [...(pdb.status?.conditions ?? []).filter((c) => c.type !== "DisruptionAllowed"), condition] };
    if (JSON.stringify(status) === JSON.stringify(pdb.status)) return;
    this.cluster.api.updateStatus({ ...pdb, status }, { actor: DISRUPTION_CONTROLLER });
  }

  private event(obj: KObject, type: "Normal" | "Warning", reason: string, message: string): void {
    this.cluster.events.record(obj, type, reason, message, { component: "controllermanager" });
  }
}

/** The selector as Go prints a *metav1.LabelSelector with %v. */
function selectorText(pdb: PodDisruptionBudget): string {
  const sel = pdb.spec?.selector;
  const labels = Object.entries(sel?.matchLabels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v},`)
    .join("");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}
