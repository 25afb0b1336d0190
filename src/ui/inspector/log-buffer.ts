/**
 * The lines the logs view holds for one container instance, merged from successive answers: new
 * lines of the same instance are appended; another instance (a restart), a shorter log (a rewind)
 * or an answer from the start replaces what was held. Bounded: the oldest lines go first.
 */
import type { LogLineLite, QueryAnswer } from "../../worker/queries";

export interface LogBuffer {
  containerId?: string;
  /** Lines held, and the index in the instance's log of the first of them. */
  lines: LogLineLite[];
  from: number;
  /** Lines in the instance's log as last reported. */
  total: number;
  error?: string;
}

export const EMPTY_LOG: LogBuffer = { lines: [], from: 0, total: 0 };

/** The most lines the view keeps. */
export const LOG_BUFFER_LIMIT = 5000;

export function mergeLogs(held: LogBuffer, answer: QueryAnswer<"logs">, limit = LOG_BUFFER_LIMIT): LogBuffer {
  if (answer.error) return { lines: [], from: 0, total: 0, error: answer.error };
  const same = held.containerId === answer.containerId && !held.error;
  let lines: LogLineLite[];
  let from: number;
  if (same && answer.from === held.from + held.lines.length) {
    lines = answer.lines.length > 0 ? held.lines.concat(answer.lines) : held.lines;
    from = held.from;
  } else {
    lines = answer.lines;
    from = answer.from;
  }
  if (lines.length > limit) {
    from += lines.length - limit;
    lines = lines.slice(lines.length - limit);
  }
  if (same && lines === held.lines && held.total === answer.total) return held;
  return { containerId: answer.containerId, lines, from, total: answer.total };
}

/** What to ask next: the lines after those held, of the same instance. */
export function nextAfter(held: LogBuffer): { containerId: string; lines: number } | undefined {
  return held.containerId ? { containerId: held.containerId, lines: held.from + held.lines.length } : undefined;
}
