/**
 * The taints the node lifecycle controller manages (TaintNodesByCondition and taint-based eviction),
 * the helpers that swap them on a Node, and the rate-limited queue that adds the NoExecute ones
 * (scheduler.RateLimitedTimedQueue with a token bucket of burst 1).
 */
import type { Node, NodeCondition, Taint } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";

export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
export const TAINT_OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

/** nodeConditionToTaintKeyStatusMap: which condition status taints a node with which key. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: "node.kubernetes.io/memory-pressure" },
  DiskPressure: { True: "node.kubernetes.io/disk-pressure" },
  NetworkUnavailable: { True: "node.kubernetes.io/network-unavailable" },
  PIDPressure: { True: "node.kubernetes.io/pid-pressure" },
};

/** Taint keys the NoSchedule pass owns. */
const CONDITION_TAINT_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);

/** A node's condition of a type. */
export function nodeCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** True when the node carries a taint with this key and effect. */
export function hasTaint(node: Node, key: string, effect: Taint["effect"]): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === effect);
}

/** doNoScheduleTaintingPass's wanted NoSchedule taints: one per condition that calls for it, and unschedulable. */
export function wantedNoScheduleTaints(node: Node): string[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec?.unschedulable) keys.push(TAINT_UNSCHEDULABLE);
  return keys;
}

/** The NoSchedule taints of the node that the pass owns. */
export function ownedNoScheduleTaints(node: Node): string[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === "NoSchedule" && CONDITION_TAINT_KEYS.has(t.key)).map((t) => t.key);
}

/**
 * SwapNodeControllerTaint: adds `add` (stamped with timeAdded) and removes `remove` in one write.
 * Returns false when the node is gone or the write failed.
 */
export function swapTaints(cluster: Cluster, nodeName: string, add: Taint[], remove: Taint[], actor: string): boolean {
  const now = cluster.clock.timestamp();
  try {
    cluster.api.mutate<Node & KObject>("Node", undefined, nodeName, { actor }, (n) => {
      let taints = [...(n.spec?.taints ?? [])];
      taints = taints.filter((t) => !remove.some((r) => r.key === t.key && r.effect === t.effect));
      for (const a of add) {
        if (taints.some((t) => t.key === a.key && t.effect === a.effect)) continue;
        taints.push({ key: a.key, effect: a.effect, ...(a.value ? { value: a.value } : {}), timeAdded: now });
      }
      n.spec = { ...n.spec, taints };
      if (taints.length === 0) delete n.spec.taints;
    });
    return true;
  } catch {
    return false;
  }
}

/** A token bucket of burst 1: `qps` tokens a second; 0 never accepts. */
export class TokenBucket {
  private tokens = 1;
  private last: number;

  constructor(
    readonly qps: number,
    now: number,
  ) {
    this.last = now;
  }

  tryAccept(now: number): boolean {
    if (this.qps <= 0) return false;
    this.tokens = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Virtual ms when the next token is there (Infinity for a bucket that never accepts). */
  nextAt(now: number): number {
    if (this.qps <= 0) return Number.POSITIVE_INFINITY;
    const have = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.qps);
    return have >= 1 ? now : now + ((1 - have) / this.qps) * 1000;
  }
}

/** One zone's queue of nodes waiting for a NoExecute taint, in the order they were added. */
export class TaintQueue {
  readonly nodes = new Set<string>();
  limiter: TokenBucket;

  constructor(qps: number, now: number) {
    this.limiter = new TokenBucket(qps, now);
  }

  /** SwapLimiter: a new rate; a bucket that was empty stays empty. */
  swapLimiter(qps: number, now: number): void {
    if (this.limiter.qps === qps) return;
    const waiting = !this.limiter.tryAccept(now);
    this.limiter = new TokenBucket(qps, now);
    if (waiting) this.limiter.tryAccept(now);
  }
}

/** GetZoneKey: "region:\0:zone", or "" for a node without topology labels. */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels["topology.kubernetes.io/region"] ?? labels["failure-domain.beta.kubernetes.io/region"] ?? "";
  const zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"] ?? "";
  return region === "" && zone === "" ? "" : `${region}:\u0000:${zone}`;
}
