/**
 * InterPodAffinity (plugins/interpodaffinity): places a pod by the pods already running — required
 * affinity (a matching pod must run in the same topology domain), required anti-affinity (none may),
 * the anti-affinity of pods already placed, and preferred terms (both ways) for the score.
 */
import type { Node } from "kubernetes-types/core/v1";
import { matches } from "../../api/labels";
import type { CycleState, StateData } from "../cycle-state";
import type { NodeInfo } from "../node-info";
import { matchesAllTerms, termMatches, type AffinityTerm, type PodInfo, type WeightedAffinityTerm } from "../pod-info";
import { Action, MAX_NODE_SCORE, type Handle, type PluginDefinition } from "../plugin";
import { SKIP, Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "InterPodAffinity";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReasonExistingAntiAffinityRulesNotMatch: "node(s) didn't satisfy existing pods anti-affinity rules",
  ErrReasonAffinityRulesNotMatch: "node(s) didn't match pod affinity rules",
  ErrReasonAntiAffinityRulesNotMatch: "node(s) didn't match pod anti-affinity rules",
} as const;

/** The weight an existing pod's required affinity to the incoming pod adds to the score (hardPodAffinityWeight). */
export const HARD_POD_AFFINITY_WEIGHT = 1;

const PRE_FILTER_KEY = "PreFilter" + NAME;
const PRE_SCORE_KEY = "PreScore" + NAME;

/** Topology pair → count of matching terms. */
type Counts = Map<string, number>;

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function bump(counts: Counts, node: Node, topologyKey: string, by: number): void {
  const value = node.metadata?.labels?.[topologyKey];
  if (value === undefined) return;
  const k = pairKey(topologyKey, value);
  const n = (counts.get(k) ?? 0) + by;
  if (n === 0) counts.delete(k);
  else counts.set(k, n);
}

class PreFilterState implements StateData {
  constructor(
    readonly pod: PodInfo,
    readonly nsLabels: Record<string, string> | undefined,
    readonly existingAntiAffinityCounts: Counts,
    readonly affinityCounts: Counts,
    readonly antiAffinityCounts: Counts,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.pod, this.nsLabels, new Map(this.existingAntiAffinityCounts), new Map(this.affinityCounts), new Map(this.antiAffinityCounts));
  }

  /** How adding (+1) or removing (−1) `other` on `node` changes the counts. */
  updateWithPod(other: PodInfo, node: Node, by: number): void {
    for (const t of other.requiredAntiAffinityTerms) if (termMatches(t, this.pod, this.nsLabels)) bump(this.existingAntiAffinityCounts, node, t.topologyKey, by);
    if (matchesAllTerms(this.pod.requiredAffinityTerms, other)) for (const t of this.pod.requiredAffinityTerms) bump(this.affinityCounts, node, t.topologyKey, by);
    for (const t of this.pod.requiredAntiAffinityTerms) if (termMatches(t, other, undefined)) bump(this.antiAffinityCounts, node, t.topologyKey, by);
  }
}

/**
 * The incoming pod's terms with their namespaceSelector resolved into namespaces, as the plugin
 * merges them before matching (mergeAffinityTermNamespacesIfNotEmpty).
 */
function mergeNamespaces<T extends AffinityTerm>(handle: Handle, terms: T[]): T[] {
  if (!terms.some((t) => t.namespaceSelector)) return terms;
  const all = handle.cluster.store.list("Namespace");
  return terms.map((t) => {
    if (!t.namespaceSelector) return t;
    const namespaces = new Set(t.namespaces);
    for (const ns of all) if (matches(t.namespaceSelector, ns.metadata.labels ?? {})) namespaces.add(ns.metadata.name!);
    return { ...t, namespaces, namespaceSelector: undefined };
  });
}

function withMergedTerms(handle: Handle, pod: PodInfo): PodInfo {
  return {
    ...pod,
    requiredAffinityTerms: mergeNamespaces(handle, pod.requiredAffinityTerms),
    requiredAntiAffinityTerms: mergeNamespaces(handle, pod.requiredAntiAffinityTerms),
    preferredAffinityTerms: mergeNamespaces(handle, pod.preferredAffinityTerms),
    preferredAntiAffinityTerms: mergeNamespaces(handle, pod.preferredAntiAffinityTerms),
  };
}

/** Topology key → value → score, from preferred terms both ways. */
type TopologyScore = Map<string, Map<string, number>>;

interface PreScoreState extends StateData {
  topologyScore: TopologyScore;
}

function addScore(score: TopologyScore, t: AffinityTerm, weight: number, target: PodInfo, nsLabels: Record<string, string> | undefined, node: Node): void {
  if (!termMatches(t, target, nsLabels)) return;
  const value = node.metadata?.labels?.[t.topologyKey];
  if (value === undefined) return;
  let byValue = score.get(t.topologyKey);
  if (!byValue) score.set(t.topologyKey, (byValue = new Map()));
  byValue.set(value, (byValue.get(value) ?? 0) + weight);
}

function addTerms(score: TopologyScore, terms: readonly WeightedAffinityTerm[], target: PodInfo, nsLabels: Record<string, string> | undefined, node: Node, sign: number): void {
  for (const t of terms) addScore(score, t, t.weight * sign, target, nsLabels, node);
}

/** The InterPodAffinity plugin: its contract and its extension points. */
export const InterPodAffinity: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "Pod", action: Action.Add | Action.Delete | Action.UpdatePodLabel },
    { resource: "Node", action: Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
  ],
  create: (handle) => ({
    name: NAME,
    preFilter(state, incoming) {
      const withAnti = handle.havePodsWithRequiredAntiAffinity();
      const pod = incoming.requiredAffinityTerms.length + incoming.requiredAntiAffinityTerms.length > 0 ? withMergedTerms(handle, incoming) : incoming;
      const nsLabels = handle.namespaceLabels(pod.namespace);
      const existing: Counts = new Map();
      for (const ni of withAnti) {
        for (const other of ni.podsWithRequiredAntiAffinity) {
          for (const t of other.requiredAntiAffinityTerms) if (termMatches(t, pod, nsLabels)) bump(existing, ni.node!, t.topologyKey, 1);
        }
      }
      const affinity: Counts = new Map();
      const anti: Counts = new Map();
      if (pod.requiredAffinityTerms.length + pod.requiredAntiAffinityTerms.length > 0) {
        for (const ni of handle.nodeList()) {
          for (const other of ni.pods.values()) {
            if (matchesAllTerms(pod.requiredAffinityTerms, other)) for (const t of pod.requiredAffinityTerms) bump(affinity, ni.node!, t.topologyKey, 1);
            for (const t of pod.requiredAntiAffinityTerms) if (termMatches(t, other, undefined)) bump(anti, ni.node!, t.topologyKey, 1);
          }
        }
      }
      if (existing.size === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) return { status: SKIP };
      state.write(PRE_FILTER_KEY, new PreFilterState(pod, nsLabels, existing, affinity, anti));
      return { status: null };
    },
    addPod(state, _pod, add, node) {
      if (node.node) state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(add, node.node, 1);
    },
    removePod(state, _pod, remove, node) {
      if (node.node) state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(remove, node.node, -1);
    },
    filter(state, _pod, node) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s) return null;
      if (!satisfyPodAffinity(s, node)) return Status.unresolvable(REASONS.ErrReasonAffinityRulesNotMatch);
      if (!satisfyPodAntiAffinity(s, node)) return Status.unschedulable(REASONS.ErrReasonAntiAffinityRulesNotMatch);
      if (!satisfyExistingPodsAntiAffinity(s, node)) return Status.unschedulable(REASONS.ErrReasonExistingAntiAffinityRulesNotMatch);
      return null;
    },
    preScore(state, incoming) {
      const hasConstraints = incoming.preferredAffinityTerms.length + incoming.preferredAntiAffinityTerms.length > 0;
      const nodes = hasConstraints ? handle.nodeList() : handle.havePodsWithAffinity();
      const pod = hasConstraints ? withMergedTerms(handle, incoming) : incoming;
      const nsLabels = handle.namespaceLabels(pod.namespace);
      const topologyScore: TopologyScore = new Map();
      for (const ni of nodes) {
        const node = ni.node!;
        if (Object.keys(node.metadata.labels ?? {}).length === 0) continue;
        for (const existing of hasConstraints ? ni.pods.values() : ni.podsWithAffinity) {
          // The incoming pod's preferences towards the existing pod.
          addTerms(topologyScore, pod.preferredAffinityTerms, existing, undefined, node, 1);
          addTerms(topologyScore, pod.preferredAntiAffinityTerms, existing, undefined, node, -1);
          // The existing pod's affinity towards the incoming pod.
          for (const t of existing.requiredAffinityTerms) addScore(topologyScore, t, HARD_POD_AFFINITY_WEIGHT, pod, nsLabels, node);
          addTerms(topologyScore, existing.preferredAffinityTerms, pod, nsLabels, node, 1);
          addTerms(topologyScore, existing.preferredAntiAffinityTerms, pod, nsLabels, node, -1);
        }
      }
      if (topologyScore.size === 0) return SKIP;
      state.write<PreScoreState>(PRE_SCORE_KEY, { topologyScore });
      return null;
    },
    score(state, _pod, node) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY)!;
      let score = 0;
      for (const [key, byValue] of s.topologyScore) {
        const v = node.labels[key];
        if (v !== undefined) score += byValue.get(v) ?? 0;
      }
      return score;
    },
    normalizeScore(state: CycleState, _pod, _nodes, scores) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s || s.topologyScore.size === 0) return;
      let min = Infinity;
      let max = -Infinity;
      for (const x of scores) {
        if (x > max) max = x;
        if (x < min) min = x;
      }
      const diff = max - min;
      for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
    },
  }),
};

/** Every required affinity term has a matching pod in the node's domain (or the pod is the first of its kind). */
function satisfyPodAffinity(s: PreFilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.pod.requiredAffinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value === undefined) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its topology keys exist.
  return s.affinityCounts.size === 0 && matchesAllTerms(s.pod.requiredAffinityTerms, s.pod);
}

function satisfyPodAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.pod.requiredAntiAffinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [key, value] of Object.entries(node.labels)) {
    if ((s.existingAntiAffinityCounts.get(pairKey(key, value)) ?? 0) > 0) return false;
  }
  return true;
}
