/**
 * Measuring helpers for the benchmarks: wall time, peak memory sampled while a run goes on, and a
 * plain-text table printer, so every bench reports its figures the same way.
 */
import { performance } from "node:perf_hooks";

/** Peak resident set size and heap, sampled whenever `sample()` is called. */
export class MemoryPeak {
  rss = 0;
  heap = 0;
  readonly heapAtStart: number;

  constructor() {
    const m = process.memoryUsage();
    this.heapAtStart = m.heapUsed;
    this.sample();
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
  }
}

/** Milliseconds since `t0` (performance.now()). */
export function since(t0: number): number {
  return performance.now() - t0;
}

export const MiB = 2 ** 20;

/** "123 MiB" */
export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(0)} MiB`;
}

/** "1.23 s" or "456 ms" */
export function wall(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** A number with thousands separators. */
export function n(x: number, digits = 0): string {
  return x.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Prints rows as a table with a header line, columns padded to their widest cell. */
export function table(report: (line: string) => void, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  report(line(header));
  report(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) report(line(r));
}
