/**
 * Which pods a ReplicaSet deletes first when it scales down (controller.ActivePodsWithRanks with the
 * LogarithmicScaleDown and PodDeletionCost gates on, as in v1.31): unscheduled before scheduled,
 * Pending before Unknown before Running, not ready before ready, lower pod-deletion-cost first, pods
 * doubled up on a node with more of their siblings first, ready for less time first (compared on a
 * log2 scale), more container restarts first, newer first (log2 scale), then by uid.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { isPodActive, isPodReady, readyCondition } from "./pod-state";

/** The annotation that ranks pods for deletion (lower goes first). */
export const POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked {
  pod: KObject;
  /** Active sibling pods on the same node. */
  rank: number;
  ready: boolean;
  readyTime: number | undefined;
  created: number | undefined;
  cost: number;
  restarts: number;
}

/**
 * The `diff` pods to delete from `pods` (getPodsToDelete): all of them when diff covers them all,
 * otherwise the first `diff` in deletion order. `related` are the pods of every ReplicaSet with the
 * same controller, used to find pods doubled up on a node.
 */
export function podsToDelete(pods: KObject[], related: KObject[], diff: number, nowMs: number, parse: (ts: string) => number): KObject[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? "";
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked: Ranked[] = pods.map((pod) => {
    const ready = isPodReady(pod);
    const rt = ready ? readyCondition(pod)?.lastTransitionTime : undefined;
    const ts = pod.metadata.creationTimestamp;
    return {
      pod,
      rank: onNode.get(pod.spec?.nodeName ?? "") ?? 0,
      ready,
      readyTime: rt ? parse(rt) : undefined,
      created: ts ? parse(ts) : undefined,
      cost: deletionCost(pod),
      restarts: maxContainerRestarts(pod),
    };
  });
  ranked.sort((a, b) => compare(a, b, nowMs));
  return ranked.slice(0, diff).map((r) => r.pod);
}

/** Negative when `a` should be deleted before `b`. */
function compare(a: Ranked, b: Ranked, nowMs: number): number {
  const na = a.pod.spec?.nodeName ?? "";
  const nb = b.pod.spec?.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "" ? -1 : 1;
  const pa = PHASE_ORDER[a.pod.status?.phase ?? ""] ?? 0;
  const pb = PHASE_ORDER[b.pod.status?.phase ?? ""] ?? 0;
  if (pa !== pb) return pa - pb;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) {
    const c = logarithmicOrder(a.readyTime, b.readyTime, nowMs, a, b);
    if (c !== 0) return c;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  if (a.created !== b.created) {
    const c = logarithmicOrder(a.created, b.created, nowMs, a, b);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The later time goes first, compared by the integer log2 of its age in nanoseconds; a zero time goes
 * first; equal buckets fall back to the uid.
 */
function logarithmicOrder(t1: number | undefined, t2: number | undefined, nowMs: number, a: Ranked, b: Ranked): number {
  if (t1 === undefined) return t2 === undefined ? 0 : -1;
  if (t2 === undefined) return 1;
  const r1 = bucket(nowMs - t1);
  const r2 = bucket(nowMs - t2);
  if (r1 !== r2) return r1 - r2;
  const u1 = a.pod.metadata.uid ?? "";
  const u2 = b.pod.metadata.uid ?? "";
  return u1 < u2 ? -1 : u1 > u2 ? 1 : 0;
}

function bucket(ageMs: number): number {
  return ageMs > 0 ? Math.floor(Math.log2(ageMs * 1e6)) : -1;
}

function deletionCost(pod: KObject): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxContainerRestarts(pod: KObject): number {
  let max = 0;
  for (const c of (pod as Pod & KObject).status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}
