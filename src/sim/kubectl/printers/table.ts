/**
 * Column layout as kubectl's tabwriter does it (minwidth 6, padding 3, pad with spaces): every column
 * but the last is as wide as its widest cell plus three spaces, and at least six.
 */

const MIN_WIDTH = 6;
const PADDING = 3;

/** Lays out rows (the first usually the header) as kubectl prints tables. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  const ncols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = new Array(ncols).fill(0);
  for (const r of rows) {
    for (let c = 0; c < r.length - 1; c++) widths[c] = Math.max(widths[c], Math.max(MIN_WIDTH, width(r[c]) + PADDING));
  }
  let out = "";
  for (const r of rows) {
    let line = "";
    for (let c = 0; c < r.length; c++) {
      const cell = r[c];
      line += c < r.length - 1 ? cell + " ".repeat(widths[c] - width(cell)) : cell;
    }
    out += line.replace(/\s+$/, "") + "\n";
  }
  return out;
}

/** Display width: counts code points (kubectl's tabwriter counts runes too). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
