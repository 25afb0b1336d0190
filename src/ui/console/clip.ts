/**
 * Long outputs in the console: `kubectl apply` of 10,000 objects prints 10,000 lines, and a page
 * holding megabytes of text in its console lays all of it out again whenever the page changes
 * around it. The console shows the start and the end of such an output, and the rest on request.
 */

/** An output cut in three: the lines shown first, how many are left out, and the lines shown last. */
export interface ClippedText {
  head: string;
  hidden: number;
  tail: string;
}

/** Outputs of more lines than this are clipped. */
export const CLIP_ABOVE = 1000;
/** Lines shown at the start and at the end of a clipped output. */
export const HEAD_LINES = 200;
export const TAIL_LINES = 300;

/** The number of lines of a text; a final newline does not start another line. */
export function countLines(text: string): number {
  if (text === "") return 0;
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return text.endsWith("\n") ? n - 1 : n;
}

/** The start and end of a text of more than `above` lines, or undefined for a shorter one. */
export function clipLines(text: string, above = CLIP_ABOVE, head = HEAD_LINES, tail = TAIL_LINES): ClippedText | undefined {
  const lines = countLines(text);
  if (lines <= above) return undefined;
  // The end of the head: after its last newline.
  let end = 0;
  for (let i = 0; i < head; i++) end = text.indexOf("\n", end) + 1;
  // The start of the tail: after the newline before its first line (a final newline is not a line).
  let start = text.endsWith("\n") ? text.length - 1 : text.length;
  for (let i = 0; i < tail; i++) start = text.lastIndexOf("\n", start - 1);
  start += 1;
  return { head: text.slice(0, end), hidden: lines - head - tail, tail: text.slice(start) };
}
