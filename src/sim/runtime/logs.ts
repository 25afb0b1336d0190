/**
 * Container logs as the CRI log files hold them: one entry per line, with the virtual time it was
 * written and its stream. Output arrives in chunks; a chunk without a final newline waits for the
 * rest of its line (and is kept as a partial line when the process exits first). Logs outlive the
 * container instance (`kubectl logs --previous`) until its sandbox is removed.
 */
import type { LogLine } from "./cri";
import { RUNTIME_DATA } from "./data";

export class ContainerLog {
  readonly lines: LogLine[] = [];
  private bytes = 0;
  /**
   * Unfinished lines by stream, and when each began: made with the first write that leaves one.
   * Most containers write whole lines or nothing (pause), and every log is kept with its container.
   */
  private partial: { stdout: string; stderr: string } | undefined;
  private partialAt: { stdout: number; stderr: number } | undefined;
  /** Made when the first follower comes (`logs -f`): most logs never have one. */
  private listeners: Set<(line: LogLine) => void> | undefined;

  /** `clock` is the virtual clock (anything with the time now in ms). */
  constructor(private readonly clock: { readonly now: number }) {}

  private now(): number {
    return this.clock.now;
  }

  write(stream: "stdout" | "stderr", text: string): void {
    if (!text) return;
    const buffered = this.partial ? this.partial[stream] : "";
    // The common case, one whole line with nothing buffered before it, needs no splitting.
    if (!buffered && text.indexOf("\n") === text.length - 1) {
      this.push({ time: this.now(), stream, text: text.slice(0, -1) });
      return;
    }
    const partial = (this.partial ??= { stdout: "", stderr: "" });
    const partialAt = (this.partialAt ??= { stdout: 0, stderr: 0 });
    if (!buffered) partialAt[stream] = this.now();
    const all = buffered + text;
    const parts = all.split("\n");
    partial[stream] = parts.pop()!;
    const time = buffered ? partialAt[stream] : this.now();
    for (const p of parts) this.push({ time, stream, text: p });
    if (partial[stream]) partialAt[stream] = parts.length ? this.now() : partialAt[stream];
  }

  /** The process ended: an unfinished line is kept as a partial line. */
  flush(): void {
    const partial = this.partial;
    const partialAt = this.partialAt;
    if (!partial || !partialAt) return;
    for (const stream of ["stdout", "stderr"] as const) {
      if (partial[stream]) this.push({ time: partialAt[stream], stream, text: partial[stream], partial: true });
      partial[stream] = "";
    }
  }

  subscribe(listener: (line: LogLine) => void): () => void {
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    this.bytes += line.text.length + 1;
    while (this.bytes > RUNTIME_DATA.maxLogBytes && this.lines.length > 1) this.bytes -= this.lines.shift()!.text.length + 1;
    if (this.listeners) for (const l of this.listeners) l(line);
  }
}
