/**
 * The decision record: what the scheduler decided for a pod's latest attempt, node by node and plugin
 * by plugin — each Filter verdict with its reasons, each raw and normalized score, the node chosen —
 * as kube-scheduler-simulator's wrapped plugins record it. The app asks it "why is this pod Pending?"
 * and "why this node?". Stored compactly (the nodes a cycle filtered are a window of the node list,
 * only rejections are kept per node, and scores are packed: see score-details.ts);
 * `SchedulingDecision` is the expanded, readable form.
 */
import { LruMap } from "../util/lru";
import { Status, type Code } from "./status";
import type { NodeInfo } from "./node-info";
import { offsetOf, scoresOf, type ScoreDetails } from "./score-details";

/** The outcome of an attempt. */
export type AttemptOutcome = "Scheduled" | "Unschedulable" | "SchedulingGated" | "Error";

/** One plugin's verdict on one node (or on the pod, for PreFilter/PostFilter). */
export interface PluginVerdict {
  plugin: string;
  /** "Success", a rejection code, "Skip" (PreFilter said there was nothing to check), or "NotRun". */
  code: Code | "NotRun";
  reasons: string[];
}

/** One plugin's score for one node. */
export interface PluginScore {
  plugin: string;
  weight: number;
  /** What Score returned. */
  score: number;
  /** After NormalizeScore (0..100). */
  normalizedScore: number;
  /** normalizedScore × weight: this plugin's share of the total. */
  weightedScore: number;
}

/** Everything recorded about one node in one attempt. */
export interface NodeDecision {
  node: string;
  /** True when the Filter plugins ran on the node; false when the cycle found enough feasible nodes first, or PreFilter ruled it out. */
  evaluated: boolean;
  filters: PluginVerdict[];
  feasible: boolean;
  /** Set when the node was rejected before Filter ran (a PreFilter result or rejection). */
  preFilterRejection?: PluginVerdict;
  /** Present when the node was scored. */
  scores?: PluginScore[];
  totalScore?: number;
  selected: boolean;
}

/** The readable record of a pod's latest scheduling attempt. */
export interface SchedulingDecision {
  namespace: string;
  name: string;
  uid: string;
  attempt: number;
  /** Virtual ms of the attempt. */
  time: number;
  outcome: AttemptOutcome;
  /** The node chosen (Scheduled) or nominated by preemption. */
  selectedNode?: string;
  nominatedNode?: string;
  /** The FailedScheduling message, for failures. */
  message?: string;
  numAllNodes: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  preFilter: PluginVerdict[];
  /** Nodes in the order the scheduler considered them. */
  nodes: NodeDecision[];
  postFilter?: PluginVerdict;
  /** Score plugins that skipped this pod in PreScore (no preferences to weigh). */
  skippedScorePlugins: string[];
  /** True when more nodes were scored than the record keeps score details for. */
  scoresTruncated: boolean;
}

/** The compact form kept per pod. */
export interface AttemptRecord {
  namespace: string;
  name: string;
  uid: string;
  attempt: number;
  time: number;
  outcome: AttemptOutcome;
  selectedNode?: string;
  nominatedNode?: string;
  message?: string;
  /** The nodes the cycle filtered from (all nodes, or those a PreFilter kept), and the window filtered. */
  order: readonly NodeInfo[];
  windowStart: number;
  windowLength: number;
  numAllNodes: number;
  /** Rejections by node name (Filter, or PreFilter for nodes outside the window); other nodes in the window passed. */
  rejected: Map<string, Status>;
  /** When a PreFilter result narrowed the nodes: every node, and the plugins that left out those not in `order`. */
  leftOut?: { from: readonly NodeInfo[]; plugins: string };
  feasible: number;
  /** Filter plugins in order, and those skipped after PreFilter. */
  filterPlugins: readonly string[];
  skippedFilters: Set<string>;
  preFilter: readonly PluginVerdict[];
  postFilter?: PluginVerdict;
  /** Score details for (up to SCORE_DETAIL_LIMIT) scored nodes: per node, per plugin. */
  scored?: ScoreDetails;
  skippedScorePlugins: readonly string[];
  scoresTruncated: boolean;
}

/**
 * How the decision shows a node a PreFilter result left out (the words v1.30 gave it a status in;
 * v1.31 leaves such nodes out of the statuses altogether).
 */
export const FILTERED_BY_PREFILTER_RESULT = "node is filtered out by the prefilter result";

/** Score details kept per attempt: all nodes up to this many, else the best ones (and the chosen). */
export const SCORE_DETAIL_LIMIT = 50;

/** Expands a compact record. */
export function expandRecord(r: AttemptRecord): SchedulingDecision {
  const nodes: NodeDecision[] = [];
  // The score details by window offset.
  const scoredAt = new Map<number, number>();
  if (r.scored) for (let j = 0; j < r.scored.count; j++) scoredAt.set(offsetOf(r.scored, j), j);
  const seen = new Set<string>();
  const n = r.order.length;
  for (let i = 0; i < n; i++) {
    const info = r.order[(r.windowStart + i) % n];
    seen.add(info.name);
    const rejection = r.rejected.get(info.name);
    if (i >= r.windowLength) {
      // Not filtered: either rejected before Filter (PreFilter), or never reached.
      nodes.push(rejection ? preFilterRejected(r, info.name, rejection) : { node: info.name, evaluated: false, filters: notRun(r), feasible: false, selected: false });
      continue;
    }
    const filters: PluginVerdict[] = [];
    let reached = true;
    for (const p of r.filterPlugins) {
      if (r.skippedFilters.has(p)) filters.push({ plugin: p, code: "Skip", reasons: [] });
      else if (!reached) filters.push({ plugin: p, code: "NotRun", reasons: [] });
      else if (rejection && rejection.plugin === p) {
        filters.push({ plugin: p, code: rejection.code, reasons: [...rejection.reasons] });
        reached = false;
      } else filters.push({ plugin: p, code: "Success", reasons: [] });
    }
    const d: NodeDecision = { node: info.name, evaluated: true, filters, feasible: !rejection, selected: info.name === r.selectedNode };
    const j = scoredAt.get(i);
    if (j !== undefined && r.scored) {
      const { scores, totalScore } = scoresOf(r.scored, j);
      d.scores = scores;
      d.totalScore = totalScore;
    }
    nodes.push(d);
  }
  // Nodes a PreFilter rejected outright, or a PreFilter result left out of the list filtered.
  for (const [name, s] of r.rejected) if (!seen.has(name)) nodes.push(preFilterRejected(r, name, s));
  if (r.leftOut) {
    const filteredOut = Status.unresolvable(FILTERED_BY_PREFILTER_RESULT).withPlugin(r.leftOut.plugins);
    for (const info of r.leftOut.from) if (!seen.has(info.name)) nodes.push(preFilterRejected(r, info.name, filteredOut));
  }
  return {
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    attempt: r.attempt,
    time: r.time,
    outcome: r.outcome,
    selectedNode: r.selectedNode,
    nominatedNode: r.nominatedNode,
    message: r.message,
    numAllNodes: r.numAllNodes,
    evaluatedNodes: r.windowLength,
    feasibleNodes: r.feasible,
    // Copies: the record's lists are shared between records.
    preFilter: r.preFilter.map((v) => ({ ...v, reasons: [...v.reasons] })),
    nodes,
    postFilter: r.postFilter,
    skippedScorePlugins: [...r.skippedScorePlugins],
    scoresTruncated: r.scoresTruncated,
  };
}

function notRun(r: AttemptRecord): PluginVerdict[] {
  return r.filterPlugins.map((p) => ({ plugin: p, code: r.skippedFilters.has(p) ? "Skip" : "NotRun", reasons: [] }));
}

function preFilterRejected(r: AttemptRecord, node: string, s: Status): NodeDecision {
  return { node, evaluated: false, filters: notRun(r), feasible: false, selected: false, preFilterRejection: { plugin: s.plugin, code: s.code, reasons: [...s.reasons] } };
}

/**
 * Keeps the latest attempt of each pod, oldest dropped first beyond `limit`. An LRU list, not a Map's
 * own order: at the limit every put drops the oldest, and a Map would step over every entry deleted
 * from its front to find it.
 */
export class DecisionStore {
  private readonly records: LruMap<string, AttemptRecord>;

  constructor(limit: number) {
    this.records = new LruMap(limit);
  }

  /** Files the pod's latest attempt as the newest. */
  put(key: string, r: AttemptRecord): void {
    this.records.set(key, r);
  }

  get(key: string): AttemptRecord | undefined {
    return this.records.peek(key);
  }

  delete(key: string): void {
    this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }
}

const interned = new Map<string, unknown>();

/**
 * One shared instance per distinct value of the small lists every record repeats (the PreFilter
 * verdicts, the skipped plugins): thousands of records then cost the collector almost nothing.
 * WARNING: interned values are shared; never mutate them.
 */
export function intern<T>(key: string, make: () => T): T {
  let v = interned.get(key) as T | undefined;
  if (v === undefined) {
    // The distinct values are few (combinations of plugin names and verdicts); the bound is a safety net.
    if (interned.size > 10_000) interned.clear();
    interned.set(key, (v = make()));
  }
  return v;
}

/** The empty rejection map of records whose every node passed. */
export const NO_REJECTIONS: Map<string, Status> = new Map();
