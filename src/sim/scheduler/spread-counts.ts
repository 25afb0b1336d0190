/**
 * SpreadCounts is the scheduler cache's index of matching pods per topology domain: for each
 * (namespace, label selector) that PodTopologySpread asks about, how many non-terminating pods match
 * it in each domain of a topology key (each zone), over every node in the node list. The cache keeps
 * it current as it adds and removes pods, so PodTopologySpread's PreScore reads a domain's count
 * instead of walking every pod of every node each cycle.
 *
 * Kubernetes walks every node's pods in PreScore (in parallel); its cost grows with the pods already
 * running, which makes placing N pods cost N² here on one thread. The sums are the same numbers.
 */
import { matches, type Selector } from "../api/labels";
import type { NodeInfo } from "./node-info";
import type { PodInfo } from "./pod-info";

/** The domain of nodes that lack the topology key (PreScore files them under the empty value). */
export const MISSING_VALUE = "\u0000missing";

/** Above this many tracked selectors the index starts over (each is rebuilt when next asked for). */
const MAX_TRACKERS = 2_048;

/** A stable text form of a selector, naming it in caches. */
export function selectorKey(selector: Selector): string {
  return selector.matchesNothing ? "\u0000nothing" : JSON.stringify(selector.requirements);
}

/**
 * Counts one pod towards a selector: same namespace, labels match, not being deleted. The pod object
 * is read last: most pods fail on their labels, and reaching the pod's metadata is two cache misses.
 */
export function podCounts(p: PodInfo, selector: Selector, namespace: string): boolean {
  return p.namespace === namespace && matches(selector, p.labels) && !p.pod.metadata.deletionTimestamp;
}

class Tracker {
  /** Topology key → domain value (MISSING_VALUE when the node lacks the key) → matching pods. */
  readonly domains = new Map<string, Map<string, number>>();

  constructor(
    readonly namespace: string,
    readonly selector: Selector,
    /** The node list the counts were made over. */
    private readonly nodes: readonly NodeInfo[],
    /**
     * Matching pods per listed node, by its index in `nodes`. WARNING: signed on purpose: a pod
     * uncounted before it was counted leaves a node below zero for a while, and unsigned it would
     * wrap to four billion.
     */
    readonly perNode: Int32Array,
  ) {}

  add(node: NodeInfo, by: number): void {
    // A node list that changes resets every tracker, so a listed node's index stays its own.
    if (this.nodes[node.index] !== node) return;
    this.perNode[node.index] += by;
    for (const [key, counts] of this.domains) {
      const value = node.label(key) ?? MISSING_VALUE;
      counts.set(value, (counts.get(value) ?? 0) + by);
    }
  }

  domain(key: string): Map<string, number> {
    let counts = this.domains.get(key);
    if (!counts) {
      counts = new Map();
      for (let i = 0; i < this.nodes.length; i++) {
        const n = this.perNode[i];
        if (n === 0) continue;
        const value = this.nodes[i].label(key) ?? MISSING_VALUE;
        counts.set(value, (counts.get(value) ?? 0) + n);
      }
      this.domains.set(key, counts);
    }
    return counts;
  }
}

export class SpreadCounts {
  private readonly trackers = new Map<string, Tracker>();
  /** "namespace\0key\0value" of one equality requirement → the trackers it belongs to, to find them from a pod's labels. */
  private readonly byPair = new Map<string, Tracker[]>();
  /** Trackers whose selectors have no equality requirement: checked against every pod. */
  private readonly unindexed: Tracker[] = [];
  /**
   * "namespace\0key\0value" → how many pods the cache counts carry that label. A workload's first
   * pod asks for its selector before any pod carries its labels; then a new tracker has nothing to
   * count, and this spares it a walk over every pod of every node (cold in cache on a large cluster).
   */
  private readonly podsByPair = new Map<string, number>();

  /**
   * `countsPods`: the owner (the cache) calls podCounted for every pod the nodes hold, so a new
   * tracker may skip its walk when no pod carries its selector's equality label.
   */
  constructor(
    private readonly listedNodes: () => readonly NodeInfo[],
    private readonly countsPods = false,
  ) {}

  /**
   * Matching pods per domain of `topologyKey` over every listed node: value → count, with nodes
   * lacking the key under MISSING_VALUE. `id` as for perNode.
   */
  domainCounts(namespace: string, selector: Selector, key: string, topologyKey: string, id = `${namespace}\u0000${key}`): ReadonlyMap<string, number> {
    return this.tracker(namespace, selector, key, id).domain(topologyKey);
  }

  /**
   * Matching pods per listed node, by the node's `index` in the node list: the counts
   * PodTopologySpread scores by hostname with, read for hundreds of nodes a cycle. Kept current
   * until the next reset. `id` is "namespace\0key", when the caller has it built already.
   */
  perNode(namespace: string, selector: Selector, key: string, id = `${namespace}\u0000${key}`): Readonly<Int32Array> {
    return this.tracker(namespace, selector, key, id).perNode;
  }

  /** A pod was added to (by 1) or removed from (by -1) a node. */
  podChanged(node: NodeInfo, p: PodInfo, by: 1 | -1): void {
    if (this.trackers.size === 0 || !node.node || p.pod.metadata.deletionTimestamp) return;
    for (const t of this.candidates(p)) if (podCounts(p, t.selector, t.namespace)) t.add(node, by);
  }

  /** The owner counts a pod (by 1) or stops counting it (by -1); see `countsPods`. */
  podCounted(p: PodInfo, by: 1 | -1): void {
    for (const k in p.labels) {
      const pair = `${p.namespace}\u0000${k}\u0000${p.labels[k]}`;
      const n = (this.podsByPair.get(pair) ?? 0) + by;
      if (n === 0) this.podsByPair.delete(pair);
      else this.podsByPair.set(pair, n);
    }
  }

  /** Nodes came, went or changed labels: every domain may differ, so start over. */
  reset(): void {
    this.trackers.clear();
    this.byPair.clear();
    this.unindexed.length = 0;
  }

  private tracker(namespace: string, selector: Selector, key: string, id = `${namespace}\u0000${key}`): Tracker {
    let t = this.trackers.get(id);
    if (t) return t;
    if (this.trackers.size >= MAX_TRACKERS) this.reset();
    const eq = selector.requirements.find((r) => r.op === "=");
    const pair = eq && eq.op === "=" ? `${namespace}\u0000${eq.key}\u0000${eq.value}` : undefined;
    const nodes = this.listedNodes();
    const perNode = new Int32Array(nodes.length);
    if (!this.countsPods || pair === undefined || this.podsByPair.has(pair)) {
      for (let i = 0; i < nodes.length; i++) {
        let n = 0;
        for (const p of nodes[i].pods.values()) if (podCounts(p, selector, namespace)) n++;
        perNode[i] = n;
      }
    }
    t = new Tracker(namespace, selector, nodes, perNode);
    this.trackers.set(id, t);
    if (pair !== undefined) {
      const list = this.byPair.get(pair);
      if (list) list.push(t);
      else this.byPair.set(pair, [t]);
    } else this.unindexed.push(t);
    return t;
  }

  private *candidates(p: PodInfo): Iterable<Tracker> {
    yield* this.unindexed;
    for (const k in p.labels) {
      const list = this.byPair.get(`${p.namespace}\u0000${k}\u0000${p.labels[k]}`);
      if (list) yield* list;
    }
  }
}
