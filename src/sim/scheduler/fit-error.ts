/**
 * The FailedScheduling message (framework.FitError.Error in v1.31): "0/N nodes are available:",
 * then either the PreFilter message or a histogram of the per-node reasons ("3 Insufficient memory"),
 * sorted as strings, then the PostFilter (preemption) message.
 */
import type { Status } from "./status";

/** What a failed scheduling cycle found (framework.Diagnosis). */
export interface Diagnosis {
  numAllNodes: number;
  /** Node name → why it was rejected; nodes that passed are absent. */
  statuses: ReadonlyMap<string, Status>;
  /** Set when a PreFilter plugin rejected the pod outright. */
  preFilterMsg?: string;
  /** The PostFilter's message, e.g. "preemption: 0/4 nodes are available: ...". */
  postFilterMsg?: string;
}

/** The message's opening (NoNodeAvailableMsg), formatted with the number of nodes. */
export const NO_NODE_AVAILABLE_MSG = "0/%v nodes are available";

/** FitError.Error(). */
export function fitErrorMessage(d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG.replace("%v", String(d.numAllNodes))}:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const histogram = reasonHistogram(d.statuses);
    if (histogram.length > 0) msg += ` ${histogram.join(", ")}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** "count reason" for every distinct reason, sorted as Go's sort.Strings sorts them. */
export function reasonHistogram(statuses: ReadonlyMap<string, Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Event messages are cut to 1024 characters, as the scheduler's truncateMessage does. */
export function truncateMessage(message: string): string {
  const max = 1024;
  if (message.length <= max) return message;
  const suffix = " ...";
  return message.slice(0, max - suffix.length) + suffix;
}
