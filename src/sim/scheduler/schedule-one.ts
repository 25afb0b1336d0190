/**
 * The scheduling algorithm of one cycle (schedule_one.go: schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, prioritizeNodes, selectHost): PreFilter, then Filter over the node list
 * from where the last cycle stopped until enough feasible nodes are found (percentageOfNodesToScore),
 * then PreScore and Score, and the highest total wins — ties broken at random, by reservoir sampling.
 */
import type { Random } from "../random";
import type { CycleState } from "./cycle-state";
import { intern, NO_REJECTIONS, SCORE_DETAIL_LIMIT, type AttemptRecord } from "./decision-record";
import type { Framework, ScoreRun } from "./framework";
import type { NodeInfo } from "./node-info";
import type { PodInfo } from "./pod-info";
import { numFeasibleNodesToFind } from "./registry";
import { packScores } from "./score-details";
import { Status } from "./status";

/** Kubernetes' ErrNoNodesAvailable. */
export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/** What the algorithm needs from the scheduler. */
export interface AlgorithmContext {
  framework: Framework;
  nodeList(): readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  random: Random;
  /** Where the next cycle starts filtering; advanced by every cycle. */
  nextStartNodeIndex: number;
  percentageOfNodesToScore: number;
}

/** A failed cycle's diagnosis. */
export interface FitFailure {
  numAllNodes: number;
  statuses: Map<string, Status>;
  preFilterMsg?: string;
  /** Plugins that rejected the pod: their events may bring it back. */
  unschedulablePlugins: Set<string>;
}

/** How a cycle ended: a node chosen, a FitError, no nodes at all, or an error. */
export type ScheduleOutcome =
  | { kind: "scheduled"; node: string; evaluatedNodes: number; feasibleNodes: number }
  | { kind: "unschedulable"; failure: FitFailure }
  | { kind: "noNodes" }
  | { kind: "error"; message: string };

/** Runs one pod's scheduling algorithm, filling the decision record as it goes. */
export function schedulePod(ctx: AlgorithmContext, state: CycleState, pod: PodInfo, rec: AttemptRecord): ScheduleOutcome {
  const fw = ctx.framework;
  const all = ctx.nodeList();
  rec.order = all;
  rec.numAllNodes = all.length;
  rec.filterPlugins = fw.filterPluginNames;
  if (all.length === 0) return { kind: "noNodes" };

  const pre = fw.runPreFilter(state, pod);
  let key = "pre";
  for (const o of pre.outcomes) key += `\u0000${o.plugin}\u0001${o.skipped ? "Skip" : o.status ? `${o.status.code}\u0001${o.status.reasons.join("\u0001")}` : "Success"}`;
  rec.preFilter = intern(key, () =>
    pre.outcomes.map((o) => ({
      plugin: o.plugin,
      code: o.skipped ? ("Skip" as const) : o.status ? o.status.code : ("Success" as const),
      reasons: o.status ? [...o.status.reasons] : [],
    })),
  );
  rec.skippedFilters = intern(`skip\u0000${[...state.skipFilter].join(",")}`, () => new Set(state.skipFilter));
  const failure: FitFailure = { numAllNodes: all.length, statuses: rec.rejected, unschedulablePlugins: new Set() };
  if (pre.status && pre.status.code !== "Success") {
    if (!pre.status.rejected) return { kind: "error", message: pre.status.message };
    // Every node gets the PreFilter's verdict, so preemption sees them all as rejected.
    for (const n of all) rec.rejected.set(n.name, pre.status);
    failure.preFilterMsg = pre.status.message;
    failure.unschedulablePlugins.add(pre.status.plugin);
    return { kind: "unschedulable", failure };
  }

  // A pod nominated by an earlier preemption tries its nominated node first.
  const nominated = pod.pod.status?.nominatedNodeName;
  if (nominated) {
    const node = ctx.node(nominated);
    if (node && !fw.runFilterWithNominatedPods(state, pod, node)) {
      rec.order = [node];
      rec.windowStart = 0;
      rec.windowLength = 1;
      rec.feasible = 1;
      return { kind: "scheduled", node: node.name, evaluatedNodes: 1, feasibleNodes: 1 };
    }
  }

  let nodes: readonly NodeInfo[] = all;
  if (pre.nodeNames) {
    // The nodes a PreFilter result leaves out get no status of their own: absent from the
    // statuses, a node counts as UnschedulableAndUnresolvable (v1.31). With one entry per node, a
    // DaemonSet's pods cost as much as the cluster is big, each.
    let narrowed: NodeInfo[];
    if (pre.nodeNames.size === 1) {
      const only = ctx.node(pre.nodeNames.values().next().value!);
      narrowed = only ? [only] : [];
    } else {
      narrowed = all.filter((n) => pre.nodeNames!.has(n.name));
    }
    nodes = narrowed;
    rec.order = narrowed;
    rec.leftOut = { from: all, plugins: (pre.narrowedBy ?? []).join(",") };
    // The plugins that narrowed the nodes are among those whose events may help.
    for (const p of pre.narrowedBy ?? []) failure.unschedulablePlugins.add(p);
  }

  const numToFind = numFeasibleNodesToFind(nodes.length, ctx.percentageOfNodesToScore);
  // Sized once: grown push by push, the list would leave twice its size behind, every cycle.
  const feasible: NodeInfo[] = new Array(Math.min(numToFind, nodes.length));
  if (feasibleOffsets.length < feasible.length) feasibleOffsets = new Uint32Array(Math.max(feasible.length, 2 * feasibleOffsets.length));
  let found = 0;
  const start = nodes.length > 0 ? ctx.nextStartNodeIndex % nodes.length : 0;
  let examined = 0;
  const nominatedPods = fw.hasNominatedPods();
  for (let i = 0, at = start; i < nodes.length && found < numToFind; i++) {
    const node = nodes[at];
    if (++at === nodes.length) at = 0;
    examined++;
    const s = nominatedPods ? fw.runFilterWithNominatedPods(state, pod, node) : fw.runFilter(state, pod, node);
    if (!s) {
      feasibleOffsets[found] = i;
      feasible[found++] = node;
      continue;
    }
    if (s.code === "Error") return { kind: "error", message: s.message };
    rec.rejected.set(node.name, s);
    failure.unschedulablePlugins.add(s.plugin);
  }
  feasible.length = found;
  rec.windowStart = start;
  rec.windowLength = examined;
  rec.feasible = feasible.length;
  const processed = feasible.length + rec.rejected.size;
  ctx.nextStartNodeIndex = (ctx.nextStartNodeIndex + processed) % all.length;

  if (feasible.length === 0) return { kind: "unschedulable", failure };
  if (rec.rejected.size === 0) rec.rejected = NO_REJECTIONS;
  const evaluatedNodes = processed;
  if (feasible.length === 1) return { kind: "scheduled", node: feasible[0].name, evaluatedNodes, feasibleNodes: 1 };

  const preScore = fw.runPreScore(state, pod, feasible);
  if (preScore) return { kind: "error", message: preScore.message };
  rec.skippedScorePlugins = intern(`skipScore\u0000${[...state.skipScore].join(",")}`, () => [...state.skipScore]);
  const run = fw.runScore(state, pod, feasible);
  const selected = selectHost(run.totals, ctx.random);
  recordScores(rec, feasible, run, selected);
  return { kind: "scheduled", node: feasible[selected].name, evaluatedNodes, feasibleNodes: feasible.length };
}

/**
 * selectHost: the highest total; among equal totals each node is equally likely. Kubernetes samples
 * the ties one by one (a reservoir); one draw over their count gives the same odds.
 */
export function selectHost(totals: ArrayLike<number>, random: Random): number {
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] > max) {
      max = totals[i];
      count = 1;
    } else if (totals[i] === max) count++;
  }
  let pick = count > 1 ? random.int(0, count - 1) : 0;
  for (let i = 0; i < totals.length; i++) if (totals[i] === max && pick-- === 0) return i;
  return -1;
}

/** Keeps score details for every node scored, or for the best SCORE_DETAIL_LIMIT and the one chosen. */
function recordScores(rec: AttemptRecord, feasible: readonly NodeInfo[], run: ScoreRun, selected: number): void {
  const columns = feasible.length <= SCORE_DETAIL_LIMIT ? feasible.map((_, i) => i) : topColumns(run.totals, SCORE_DETAIL_LIMIT);
  // The chosen node has the top score, so it is kept unless more nodes tie than the limit.
  if (run.totals[selected] === run.totals[columns[columns.length - 1]] && !columns.includes(selected)) columns.push(selected);
  rec.scoresTruncated = columns.length < feasible.length;
  const plugins = intern(`scorePlugins\u0000${run.plugins.map((w) => `${w.plugin.name}:${w.weight}`).join(",")}`, () => run.plugins.map((w) => ({ name: w.plugin.name, weight: w.weight })));
  rec.scored = packScores(plugins, columns, feasibleOffsets, run.raw, run.normalized, run.totals);
}

/** Each feasible node's offset in the filter window, for the record; reused by every cycle. */
let feasibleOffsets = new Uint32Array(128);

/** The indexes of the k highest totals (earlier first among equals), best first, without sorting them all. */
export function topColumns(totals: ArrayLike<number>, k: number): number[] {
  const threshold = kthLargest(totals, k);
  const top: number[] = [];
  let ties = 0;
  for (let i = 0; i < totals.length; i++) if (totals[i] > threshold) top.push(i);
  // The ties at the threshold fill what is left, earliest first.
  for (let i = 0; i < totals.length && top.length < k; i++) {
    if (totals[i] === threshold) {
      top.push(i);
      ties++;
    }
  }
  return ties === top.length ? top : top.sort((a, b) => totals[b] - totals[a] || a - b);
}

/** Scratch space for kthLargest, grown as clusters grow. */
let selectBuffer = new Float64Array(64);

/** The k-th largest value (quickselect on a copy): linear on average, whatever the ties. */
function kthLargest(values: ArrayLike<number>, k: number): number {
  if (selectBuffer.length < values.length) selectBuffer = new Float64Array(Math.max(values.length, 2 * selectBuffer.length));
  const a = selectBuffer;
  for (let i = 0; i < values.length; i++) a[i] = values[i];
  const target = values.length - k;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target];
}
