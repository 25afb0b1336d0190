/**
 * The console's command history, as a shell keeps it: every line run, oldest first, without
 * repeating the line just before it, saved in localStorage so it survives reloads (and `clear`).
 */
const KEY = "podlab.history";
/** Lines kept. */
export const HISTORY_LIMIT = 500;

export function loadHistory(storage: Storage | undefined = globalThis.localStorage): string[] {
  try {
    const saved = JSON.parse(storage?.getItem(KEY) ?? "[]") as unknown;
    return Array.isArray(saved) ? saved.filter((l): l is string => typeof l === "string").slice(-HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** Adds a line (unless it repeats the last one) and saves; returns the new history. */
export function remember(history: readonly string[], line: string, storage: Storage | undefined = globalThis.localStorage): string[] {
  const next = history.at(-1) === line ? [...history] : [...history, line].slice(-HISTORY_LIMIT);
  try {
    storage?.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or unavailable: the history still lives for this page.
  }
  return next;
}

/**
 * Moves through the history with ↑ (-1) and ↓ (+1). `index` is the line shown (history.length for
 * the line being typed, kept in `draft`). Returns the new index and the text to show.
 */
export function recall(history: readonly string[], index: number, direction: -1 | 1, draft: string): { index: number; text: string } {
  const next = Math.min(history.length, Math.max(0, index + direction));
  return { index: next, text: next === history.length ? draft : history[next] };
}
