/**
 * PodTopologySpread (plugins/podtopologyspread): spreads matching pods across topology domains.
 * DoNotSchedule constraints filter (a node whose domain would exceed maxSkew over the emptiest domain
 * does not fit); ScheduleAnyway constraints — and, for pods owned by a ReplicaSet, StatefulSet or
 * selected by a Service, the cluster's default constraints — score.
 */
import type { Pod, TopologySpreadConstraint } from "kubernetes-types/core/v1";
import { fromLabelSelector, fromMap, isEverything, matches, type Requirement, type Selector } from "../../api/labels";
import type { StateData } from "../cycle-state";
import { matchesEveryNode, requiredNodeAffinity, type RequiredNodeAffinity } from "../node-affinity";
import type { NodeInfo } from "../node-info";
import type { PodInfo } from "../pod-info";
import { Action, MAX_NODE_SCORE, type Handle, type PluginDefinition } from "../plugin";
import { SKIP, Status } from "../status";
import { findUntoleratedTaint } from "../taints";
import { MISSING_VALUE, podCounts, selectorKey } from "../spread-counts";

/** The plugin's name in the registry and in messages. */
export const NAME = "PodTopologySpread";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReasonConstraintsNotMatch: "node(s) didn't match pod topology spread constraints",
  ErrReasonNodeLabelNotMatch: "node(s) didn't match pod topology spread constraints (missing required label)",
} as const;

const HOSTNAME = "kubernetes.io/hostname";

/** The cluster-level default constraints (the System defaulting type). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

const PRE_FILTER_KEY = "PreFilter" + NAME;
const PRE_SCORE_KEY = "PreScore" + NAME;

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  /** The selector's text form, naming it in the count caches. */
  selectorKey: string;
  /** "namespace\0selectorKey": the per-node memo key (built once per cycle, not once per node). */
  countKey: string;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function parseConstraints(list: readonly TopologySpreadConstraint[], podLabels: Record<string, string>, namespace: string, action: string): Constraint[] {
  const out: Constraint[] = [];
  for (const c of list) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = fromLabelSelector(c.labelSelector);
    const extra: Requirement[] = [];
    for (const key of c.matchLabelKeys ?? []) if (podLabels[key] !== undefined) extra.push({ key, op: "=", value: podLabels[key] });
    if (extra.length > 0 && !selector.matchesNothing) selector = { requirements: [...selector.requirements, ...extra] };
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      selectorKey: selectorKey(selector),
      countKey: `${namespace}\u0000${selectorKey(selector)}`,
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
      honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
    });
  }
  return out;
}

/**
 * The selector the default constraints use (helper.DefaultSelector): the selectors of the Services
 * selecting the pod, and of the ReplicaSet, ReplicationController or StatefulSet controlling it.
 */
export function defaultSelector(handle: Handle, pod: Pod): Selector {
  const ns = pod.metadata?.namespace ?? "default";
  const labels = pod.metadata?.labels ?? {};
  const set: Record<string, string> = {};
  for (const svc of handle.cluster.store.each("Service", ns)) {
    const sel = svc.spec?.selector as Record<string, string> | undefined;
    if (!sel || !matches(fromMap(sel), labels)) continue;
    Object.assign(set, sel);
  }
  let selector = fromMap(set);
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (owner) {
    const obj = handle.cluster.store.get(owner.kind, ns, owner.name);
    if (obj && owner.kind === "ReplicationController") {
      selector = fromMap({ ...set, ...(obj.spec?.selector ?? {}) });
    } else if (obj && (owner.kind === "ReplicaSet" || owner.kind === "StatefulSet")) {
      const other = fromLabelSelector(obj.spec?.selector);
      if (!other.matchesNothing) selector = { requirements: [...selector.requirements, ...other.requirements] };
    }
  }
  return selector;
}

function buildConstraints(handle: Handle, pod: PodInfo, action: string): Constraint[] {
  const own = pod.pod.spec?.topologySpreadConstraints;
  if (own && own.length > 0) return parseConstraints(own, pod.labels, pod.namespace, action);
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0) return [];
  const selector = defaultSelector(handle, pod.pod);
  if (isEverything(selector)) return [];
  const key = selectorKey(selector);
  return parseConstraints(defaults, pod.labels, pod.namespace, action).map((c) => ({ ...c, selector, selectorKey: key, countKey: `${pod.namespace}\u0000${key}` }));
}

function nodeHasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (node.label(c.topologyKey) === undefined) return false;
  return true;
}

function includesNode(c: Constraint, pod: PodInfo, node: NodeInfo, required: RequiredNodeAffinity): boolean {
  if (c.honorNodeAffinity && !required.match(node.node!)) return false;
  if (c.honorNodeTaints && findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, (t) => t.effect === "NoSchedule" || t.effect === "NoExecute")) return false;
  return true;
}

/**
 * Pods in `ns` matching the constraint's selector, terminating ones left out. An empty selector
 * counts none. Read from the cache's per-node index when the node is the cache's own; otherwise
 * counted, and remembered on the node until its pods change.
 */
function countMatching(handle: Handle, node: NodeInfo, c: Constraint, ns: string): number {
  const selector = c.selector;
  if (isEverything(selector) || selector.matchesNothing) return 0;
  const index = handle.spreadCounts?.();
  if (index && node.node && handle.nodeList()[node.index] === node) return index.perNode(ns, selector, c.selectorKey, c.countKey)[node.index];
  const known = node.matchCounts.get(c.countKey);
  if (known !== undefined) return known;
  let n = 0;
  for (const p of node.pods.values()) if (podCounts(p, selector, ns)) n++;
  node.matchCounts.set(c.countKey, n);
  return n;
}

/**
 * PreScore's sums over every node, read from the cache's per-domain counts. Only when every node
 * counts for every constraint: the pod constrains no node labels, no constraint honours taints, and
 * (default constraints) nodes lacking a key are not left out. Returns false when it cannot answer.
 */
function addDomainCounts(handle: Handle, pod: PodInfo, constraints: readonly Constraint[], requireAll: boolean, required: RequiredNodeAffinity, pairCounts: PairCounts): boolean {
  const index = handle.spreadCounts?.();
  if (!index || requireAll || !matchesEveryNode(required) || constraints.some((c) => c.honorNodeTaints)) return false;
  for (const c of constraints) {
    if (c.topologyKey === HOSTNAME || isEverything(c.selector) || c.selector.matchesNothing) continue;
    const counts = index.domainCounts(pod.namespace, c.selector, c.selectorKey, c.topologyKey, c.countKey);
    const domains = pairCounts.get(c.topologyKey);
    if (!domains) continue;
    for (const [value, current] of domains) {
      // PreScore files a node without the key under the empty value.
      const n = (counts.get(value) ?? 0) + (value === "" ? (counts.get(MISSING_VALUE) ?? 0) : 0);
      domains.set(value, current + n);
    }
  }
  return true;
}

class PreFilterState implements StateData {
  /** The smallest count per topology key, kept current as counts change. */
  private minByKey = new Map<string, number>();

  constructor(
    readonly constraints: Constraint[],
    readonly pairToMatchNum: Map<string, number>,
    readonly keyToDomainsNum: Map<string, number>,
  ) {
    for (const c of constraints) this.recomputeMin(c.topologyKey);
  }

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, new Map(this.pairToMatchNum), new Map(this.keyToDomainsNum));
  }

  minMatchNum(c: Constraint): number {
    if ((this.keyToDomainsNum.get(c.topologyKey) ?? 0) < c.minDomains) return 0;
    return this.minByKey.get(c.topologyKey) ?? 0;
  }

  private recomputeMin(key: string): void {
    let min = Infinity;
    const prefix = `${key}\u0000`;
    for (const [pair, n] of this.pairToMatchNum) if (pair.startsWith(prefix) && n < min) min = n;
    this.minByKey.set(key, min === Infinity ? 0 : min);
  }

  updateWithPod(other: PodInfo, pod: PodInfo, node: NodeInfo, by: number): void {
    if (other.namespace !== pod.namespace || !node.node || !nodeHasAllKeys(node, this.constraints)) return;
    const required = requiredNodeAffinity(pod.pod);
    for (const c of this.constraints) {
      if (!matches(c.selector, other.labels) || !includesNode(c, pod, node, required)) continue;
      const k = pairKey(c.topologyKey, node.label(c.topologyKey)!);
      this.pairToMatchNum.set(k, (this.pairToMatchNum.get(k) ?? 0) + by);
      this.recomputeMin(c.topologyKey);
    }
  }
}

/**
 * Topology key → domain value → matching pods (TopologyPairToPodCounts). Keyed by the pair, as in
 * Kubernetes: two constraints on the same key share their sums.
 */
type PairCounts = Map<string, Map<string, number>>;

interface PreScoreState extends StateData {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  pairCounts: PairCounts;
  /** Per constraint: its key's domain sums (undefined for hostname, counted per node in Score). */
  domainSums: (Map<string, number> | undefined)[];
  /** Per hostname constraint: the cache's matching pods per node (by node index), when the cache keeps them. */
  perNode: (Readonly<Int32Array> | undefined)[];
  normalizingWeight: number[];
}

/** The PodTopologySpread plugin: its contract and its extension points. */
export const PodTopologySpread: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "Pod", action: Action.Add | Action.Delete | Action.UpdatePodLabel },
    { resource: "Node", action: Action.Add | Action.Delete | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
  ],
  create: (handle) => ({
    name: NAME,
    preFilter(state, pod) {
      const constraints = buildConstraints(handle, pod, "DoNotSchedule");
      if (constraints.length === 0) return { status: SKIP };
      const required = requiredNodeAffinity(pod.pod);
      const pairs = new Map<string, number>();
      for (const node of handle.nodeList()) {
        if (!node.node || !nodeHasAllKeys(node, constraints)) continue;
        for (const c of constraints) {
          if (!includesNode(c, pod, node, required)) continue;
          const k = pairKey(c.topologyKey, node.label(c.topologyKey)!);
          pairs.set(k, (pairs.get(k) ?? 0) + countMatching(handle, node, c, pod.namespace));
        }
      }
      const domains = new Map<string, number>();
      for (const k of pairs.keys()) {
        const key = k.slice(0, k.indexOf("\u0000"));
        domains.set(key, (domains.get(key) ?? 0) + 1);
      }
      state.write(PRE_FILTER_KEY, new PreFilterState(constraints, pairs, domains));
      return { status: null };
    },
    addPod(state, pod, add, node) {
      state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(add, pod, node, 1);
    },
    removePod(state, pod, remove, node) {
      state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(remove, pod, node, -1);
    },
    filter(state, pod, node) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s) return null;
      for (const c of s.constraints) {
        const value = node.label(c.topologyKey);
        if (value === undefined) return Status.unresolvable(REASONS.ErrReasonNodeLabelNotMatch);
        const self = matches(c.selector, pod.labels) ? 1 : 0;
        const skew = (s.pairToMatchNum.get(pairKey(c.topologyKey, value)) ?? 0) + self - s.minMatchNum(c);
        if (skew > c.maxSkew) return Status.unschedulable(REASONS.ErrReasonConstraintsNotMatch);
      }
      return null;
    },
    preScore(state, pod, filtered) {
      if (filtered.length === 0) return SKIP;
      const constraints = buildConstraints(handle, pod, "ScheduleAnyway");
      if (constraints.length === 0) return SKIP;
      const own = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
      // Default constraints do not require every topology key: a node without a zone still spreads by hostname.
      const requireAll = own;
      const ignoredNodes = new Set<string>();
      const pairCounts: PairCounts = new Map();
      const domainSums = constraints.map((c) => {
        if (c.topologyKey === HOSTNAME) return undefined;
        let sums = pairCounts.get(c.topologyKey);
        if (!sums) pairCounts.set(c.topologyKey, (sums = new Map()));
        return sums;
      });
      const domains = constraints.map(() => 0);
      for (const node of filtered) {
        if (requireAll && !nodeHasAllKeys(node, constraints)) {
          ignoredNodes.add(node.name);
          continue;
        }
        for (let i = 0; i < constraints.length; i++) {
          const sums = domainSums[i];
          if (!sums) continue;
          const value = node.label(constraints[i].topologyKey) ?? "";
          if (!sums.has(value)) {
            sums.set(value, 0);
            domains[i]++;
          }
        }
      }
      const normalizingWeight = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? filtered.length - ignoredNodes.size : domains[i]) + 2));
      const required = requiredNodeAffinity(pod.pod);
      if (!addDomainCounts(handle, pod, constraints, requireAll, required, pairCounts)) {
        for (const node of handle.nodeList()) {
          if (requireAll && !nodeHasAllKeys(node, constraints)) continue;
          for (let i = 0; i < constraints.length; i++) {
            const c = constraints[i];
            const sums = domainSums[i];
            if (!sums || !includesNode(c, pod, node, required)) continue;
            const value = node.label(c.topologyKey) ?? "";
            const current = sums.get(value);
            if (current === undefined) continue;
            sums.set(value, current + countMatching(handle, node, c, pod.namespace));
          }
        }
      }
      const index = handle.spreadCounts?.();
      const perNode = constraints.map((c) =>
        c.topologyKey === HOSTNAME && index && !isEverything(c.selector) && !c.selector.matchesNothing ? index.perNode(pod.namespace, c.selector, c.selectorKey, c.countKey) : undefined,
      );
      state.write<PreScoreState>(PRE_SCORE_KEY, { constraints, ignoredNodes, pairCounts, domainSums, perNode, normalizingWeight });
      return null;
    },
    score(state, pod, node) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY)!;
      if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(node.name)) return 0;
      let score = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i];
        const value = node.label(c.topologyKey);
        if (value === undefined) continue;
        const sums = s.domainSums[i];
        const perNode = s.perNode[i];
        const count = sums ? (sums.get(value) ?? 0) : perNode ? perNode[node.index] : countMatching(handle, node, c, pod.namespace);
        score += count * s.normalizingWeight[i] + (c.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalizeScore(state, _pod, nodes, scores) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return;
      // Most cycles ignore no node: then the nodes themselves need not be read.
      const ignored = (i: number) => s.ignoredNodes.size > 0 && s.ignoredNodes.has(nodes[i].name);
      let min = Infinity;
      let max = 0;
      for (let i = 0; i < scores.length; i++) {
        if (ignored(i)) continue;
        if (scores[i] < min) min = scores[i];
        if (scores[i] > max) max = scores[i];
      }
      for (let i = 0; i < scores.length; i++) {
        if (ignored(i)) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
      }
    },
  }),
};
