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
  private readonly partial = { stdout: "", stderr: "" };
  private partialAt = { stdout: 0, stderr: 0 };
  /** Made when the first follower comes (`logs -f`): most logs never have one. */
  private listeners: Set<(line: LogLine) => void> | undefined;

  /** `clock` is the virtual clock (anything with the time now in ms). */
  constructor(private readonly clock: { readonly now: number }) {}

  private now(): number {
    return this.clock.now;
  }

  write(stream: "stdout" | "stderr", text: string): void {
    if (!text) return;
    const buffered = this.partial[stream];
    // The common case, one whole line with nothing buffered before it, needs no splitting.
    if (!buffered && text.indexOf("\n") === text.length - 1) {
      this.push({ time: this.now(), stream, text: text.slice(0, -1) });
      return;
    }
    if (!buffered) this.partialAt[stream] = this.now();
    const all = buffered + text;
    const parts = all.split("\n");
    this.partial[stream] = parts.pop()!;
    const time = buffered ? this.partialAt[stream] : this.now();
    for (const p of parts) this.push({ time, stream, text: p });
    if (this.partial[stream]) this.partialAt[stream] = parts.length ? this.now() : this.partialAt[stream];
  }

  /** The process ended: an unfinished line is kept as a partial line. */
  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.partial[stream]) this.push({ time: this.partialAt[stream], stream, text: this.partial[stream], partial: true });
      this.partial[stream] = "";
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
