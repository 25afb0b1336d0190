/**
 * describe's output machinery: a PrefixWriter that indents by two spaces per level and escapes what a
 * terminal would interpret, writing into a tabwriter with describe's settings (minwidth 0, padding 2),
 * so `Label:\tvalue` lines of consecutive lines line up — the layout of every `kubectl describe`.
 */
import { escapeTerminal } from "../printers/table-printer";
import { DESCRIBE_TABLE, TabWriter } from "../printers/tabwriter";

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** Writes text at indentation levels; `flush` lays out what was written so far (describe flushes before Events). */
export class PrefixWriter {
  private readonly tw = new TabWriter(DESCRIBE_TABLE);
  private out = "";

  /** Writes `text` (which carries its own tabs and newlines) after `level` × two spaces. */
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal("  ".repeat(level) + text));
  }

  /** fmt.Sprintln of the values: joined by spaces, ending with a newline. */
  writeLine(...values: string[]): void {
    this.tw.write(escapeTerminal(values.join(" ") + "\n"));
  }

  flush(): void {
    this.out += this.tw.flush();
  }

  /** Everything written, laid out. */
  toString(): string {
    this.flush();
    return this.out;
  }
}

/** tabbedString: runs a describer body and returns its laid-out text. */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.toString();
}
