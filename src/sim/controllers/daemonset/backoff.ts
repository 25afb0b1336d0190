/**
 * The back-off the DaemonSet controller keeps per (DaemonSet, generation, node) before deleting a
 * failed daemon pod again, after client-go's flowcontrol.Backoff: it starts at the initial duration,
 * doubles on each failure up to the maximum, and starts over once an entry has been idle for twice
 * the maximum. A kubelet that keeps rejecting a pod does not make the controller spin.
 */
interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class FailedPodsBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** The current back-off of a key (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** Records a failure at `now`: the back-off starts, or doubles up to the maximum. */
  next(key: string, now: number): void {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * this.maxMs) {
      this.entries.set(key, { backoff: this.initialMs, lastUpdate: now });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = now;
  }

  /** IsInBackOffSinceUpdate: less than the back-off has passed since the last failure. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * this.maxMs) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** GC: forgets entries idle for twice the maximum, so the map stays bounded. */
  gc(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastUpdate > 2 * this.maxMs) this.entries.delete(k);
  }
}
