/**
 * The DaemonSet rolling update, after daemon/update.go's rollingUpdate. Without maxSurge, old pods
 * are deleted so that no more than maxUnavailable nodes lack an available pod, and the manage loop
 * creates their replacements. With maxSurge, a new pod is started beside an old one on up to maxSurge
 * nodes, and the old pod is deleted once the new one is available.
 */
import type { DaemonSetObject, NodeObject } from "./eligibility";
import { DAEMONSET_HASH_LABEL, nodeShouldRunDaemonPod, TEMPLATE_GENERATION_LABEL, templateGeneration } from "./eligibility";
import type { PodObject } from "../job/pod-control";

/** A count or percentage of `total` (intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** SurgeCount. */
export function surgeCount(ds: DaemonSetObject, numberToSchedule: number): number {
  if (ds.spec?.updateStrategy?.type !== "RollingUpdate") return 0;
  return scaledValue(ds.spec.updateStrategy.rollingUpdate?.maxSurge, numberToSchedule, true);
}

/** UnavailableCount. */
export function unavailableCount(ds: DaemonSetObject, numberToSchedule: number): number {
  if (ds.spec?.updateStrategy?.type !== "RollingUpdate") return 0;
  return scaledValue(ds.spec.updateStrategy.rollingUpdate?.maxUnavailable, numberToSchedule, true);
}

/** AllowsSurge. */
export function allowsSurge(ds: DaemonSetObject): boolean {
  return surgeCount(ds, 1) > 0;
}

/** IsPodUpdated: the pod carries the current hash (or, for old pods, the current template generation). */
export function isPodUpdated(pod: PodObject, hash: string, ds: DaemonSetObject): boolean {
  const generation = templateGeneration(ds);
  const templateMatches = generation !== undefined && pod.metadata.labels?.[TEMPLATE_GENERATION_LABEL] === generation;
  return (!!hash && pod.metadata.labels?.[DAEMONSET_HASH_LABEL] === hash) || templateMatches;
}

/** findUpdatedPodsOnNode: at most one new and one old live pod, or `ok: false` when there are more. */
function updatedPodsOnNode(ds: DaemonSetObject, pods: PodObject[], hash: string): { newPod?: PodObject; oldPod?: PodObject; ok: boolean } {
  let newPod: PodObject | undefined;
  let oldPod: PodObject | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, ds)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** What the rolling update asks the manage loop's syncNodes to do. */
export interface RollingUpdatePlan {
  podsToDelete: string[];
  nodesToCreate: string[];
}

/** rollingUpdate over the nodes (in name order) and the pods on them. */
export function rollingUpdate(ds: DaemonSetObject, nodes: NodeObject[], nodeToDaemonPods: Map<string, PodObject[]>, hash: string, available: (pod: PodObject) => boolean): RollingUpdatePlan {
  const byNode = new Map(nodeToDaemonPods);
  let desired = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desired++;
    if (!byNode.has(node.metadata.name!)) byNode.set(node.metadata.name!, []);
  }
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const nodeNames = [...byNode.keys()].sort();
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name!, n]));

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowed: string[] = [];
    const candidates: string[] = [];
    for (const nodeName of nodeNames) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(ds, byNode.get(nodeName)!, hash);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        numUnavailable++;
        continue;
      }
      if (newPod) {
        if (!available(newPod)) numUnavailable++;
        continue;
      }
      if (!available(oldPod!)) {
        allowed.push(oldPod!.metadata.name!);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidates.push(oldPod!.metadata.name!);
      }
    }
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
    return { podsToDelete: [...allowed, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }

  const oldPodsToDelete: string[] = [];
  const shouldNotRun: string[] = [];
  const candidateNodes: string[] = [];
  const allowedNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const nodeName of nodeNames) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(ds, byNode.get(nodeName)!, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    const node = nodeByName.get(nodeName);
    const shouldRun = !!node && nodeShouldRunDaemonPod(node, ds).shouldRun;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun) oldPodsToDelete.push(oldPod.metadata.name!);
        else allowedNodes.push(nodeName);
      } else if (!shouldRun) {
        shouldNotRun.push(oldPod.metadata.name!);
      } else if (numSurge < maxSurge) {
        candidateNodes.push(nodeName);
      }
      continue;
    }
    // Surged here already: the old pod goes once the new one is available.
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.metadata.name!);
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(maxSurge - numSurge, 0), candidateNodes.length);
  return { podsToDelete: oldPodsToDelete, nodesToCreate: [...allowedNodes, ...candidateNodes.slice(0, remaining)] };
}
