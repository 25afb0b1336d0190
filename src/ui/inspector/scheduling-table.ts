/**
 * The scheduler's decision record laid out as tables: nodes × Filter plugins with each verdict and
 * its reasons (plugins that skipped this pod, or passed every node, are folded into a line each, so
 * the columns that matter fit a side panel), and, for a
 * scheduled pod, nodes × Score plugins with normalized and weighted scores, best total first.
 */
import type { NodeDecision, PluginScore, PluginVerdict, SchedulingDecision } from "../../sim/scheduler/decision-record";

export interface FilterRow {
  node: string;
  feasible: boolean;
  selected: boolean;
  evaluated: boolean;
  /** One verdict per column plugin; a node ruled out before Filter shows that rejection instead. */
  cells: PluginVerdict[];
  preFilterRejection?: PluginVerdict;
}

export interface FilterTable {
  /** The columns: plugins that rejected some node, or did not run on some node. */
  plugins: string[];
  /** Filter plugins that passed every node. */
  passed: string[];
  /** Filter plugins that skipped this pod (nothing for them to check). */
  skipped: string[];
  rows: FilterRow[];
}

export function filterTable(d: SchedulingDecision): FilterTable {
  const order = d.nodes[0]?.filters.map((f) => f.plugin) ?? [];
  const used = new Set<string>();
  for (const n of d.nodes) for (const f of n.filters) if (f.code !== "Skip") used.add(f.plugin);
  const everywhere = (p: string) => d.nodes.every((n) => n.preFilterRejection || !n.evaluated || n.filters.find((f) => f.plugin === p)?.code === "Success");
  const passed = order.filter((p) => used.has(p) && everywhere(p));
  const plugins = order.filter((p) => used.has(p) && !passed.includes(p));
  const rows = d.nodes.map((n) => {
    const byPlugin = new Map(n.filters.map((f) => [f.plugin, f]));
    const row: FilterRow = {
      node: n.node,
      feasible: n.feasible,
      selected: n.selected,
      evaluated: n.evaluated,
      cells: plugins.map((p) => byPlugin.get(p) ?? { plugin: p, code: "NotRun", reasons: [] }),
    };
    if (n.preFilterRejection) row.preFilterRejection = n.preFilterRejection;
    return row;
  });
  return { plugins, passed, skipped: order.filter((p) => !used.has(p)), rows };
}

export interface ScoreRow {
  node: string;
  selected: boolean;
  total: number;
  scores: PluginScore[];
}

export interface ScoreTable {
  plugins: { name: string; weight: number }[];
  rows: ScoreRow[];
}

/** The score table, or undefined when no node was scored (a failed attempt, or a single feasible node). */
export function scoreTable(d: SchedulingDecision): ScoreTable | undefined {
  const scored = d.nodes.filter((n): n is NodeDecision & { scores: PluginScore[] } => !!n.scores);
  if (scored.length === 0) return undefined;
  const plugins = scored[0].scores.map((s) => ({ name: s.plugin, weight: s.weight }));
  const rows = scored.map((n) => ({ node: n.node, selected: n.selected, total: n.totalScore ?? n.scores.reduce((a, s) => a + s.weightedScore, 0), scores: n.scores }));
  rows.sort((a, b) => b.total - a.total || Number(b.selected) - Number(a.selected) || a.node.localeCompare(b.node));
  return { plugins, rows };
}

/** A verdict in words: "passed", "Insufficient memory", "not run". */
export function verdictText(v: PluginVerdict): string {
  switch (v.code) {
    case "Success":
      return "passed";
    case "Skip":
      return "skipped";
    case "NotRun":
      return "not run";
    default:
      return v.reasons.length > 0 ? v.reasons.join("; ") : v.code;
  }
}

/** True for a verdict that rejects the node. */
export function rejects(v: PluginVerdict): boolean {
  return v.code !== "Success" && v.code !== "Skip" && v.code !== "NotRun";
}
