/**
 * A port of Go's text/tabwriter as kubectl uses it: cells are tab-terminated, a column block is a run of
 * consecutive lines that have a cell in that column, every cell of a block is padded to the widest cell
 * plus `padding` (at least `minwidth`), and the text after a line's last tab is not part of any column.
 *
 * kubectl's tables use minwidth 6 and padding 3 with liggitt/tabwriter's RememberWidths flag (widths
 * never shrink between flushes, which keeps `get -w` rows aligned with the table above them); describe
 * uses minwidth 0 and padding 2.
 *
 * WARNING: like Go's, it pads a cell even when the text after it is empty, so a line whose last cell is
 * empty ends in spaces. kubectl's output has those trailing spaces; do not trim them.
 */

export interface TabWriterOptions {
  minwidth: number;
  padding: number;
  /** liggitt/tabwriter's RememberWidths: column widths persist (and only grow) across flushes. */
  rememberWidths?: boolean;
}

/** kubectl's printers.GetNewTabWriter settings. */
export const KUBECTL_TABLE: TabWriterOptions = { minwidth: 6, padding: 3, rememberWidths: true };
/** describe's tabbedString settings. */
export const DESCRIBE_TABLE: TabWriterOptions = { minwidth: 0, padding: 2 };

/** Accumulates text and lays it out on flush, as a Go tabwriter.Writer does. */
export class TabWriter {
  private buf = "";
  private remembered: number[] = [];

  constructor(readonly options: TabWriterOptions) {}

  write(text: string): void {
    this.buf += text;
  }

  /** Forgets remembered widths (kubectl does this between resource kinds). */
  resetRememberedWidths(): void {
    this.remembered = [];
  }

  /** Formats everything written since the last flush and returns it. */
  flush(): string {
    const text = this.buf;
    this.buf = "";
    if (text === "") return "";
    const lines = text.split("\n").map((l) => l.split("\t"));
    // The text after the last newline is an unterminated line; an empty one has no cells at all.
    const last = lines[lines.length - 1];
    if (last.length === 1 && last[0] === "") lines[lines.length - 1] = [];
    const out: string[] = [];
    this.format(lines, 0, lines.length, [], out);
    return out.join("");
  }

  private format(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      // A cell exists in this column: this line starts a column block.
      this.writeLines(lines, line0, t, widths, out);
      line0 = t;
      let width = this.options.minwidth;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        const w = runeLength(line[column]) + this.options.padding;
        if (w > width) width = w;
      }
      if (this.options.rememberWidths) {
        const r = this.remembered[column];
        if (r !== undefined && r > width) width = r;
        else this.remembered[column] = width;
      }
      widths.push(width);
      this.format(lines, line0, t, widths, out);
      widths.pop();
      line0 = t;
    }
    this.writeLines(lines, line0, line1, widths, out);
  }

  private writeLines(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      for (let j = 0; j < line.length; j++) {
        const cell = line[j];
        out.push(cell);
        if (j < widths.length) out.push(" ".repeat(Math.max(0, widths[j] - runeLength(cell))));
      }
      if (i + 1 < lines.length) out.push("\n");
    }
  }
}

/** Lays out tab-separated text in one go. */
export function tabify(text: string, options: TabWriterOptions): string {
  const w = new TabWriter(options);
  w.write(text);
  return w.flush();
}

/** Width as the tabwriter counts it: one per code point. */
export function runeLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
