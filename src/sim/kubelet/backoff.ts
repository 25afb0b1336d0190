/**
 * Backoff is client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image
 * pulls: per key, a delay that starts at `initial` and doubles up to `max`; an entry untouched for
 * twice `max` counts as stable and starts over (which is why a container that ran for ten minutes
 * restarts at once again).
 */
export class Backoff {
  private entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    private readonly initial: number,
    private readonly max: number,
  ) {}

  /** The current delay of a key (0 if none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** Moves a key to its next delay, as of `now`; `eventTime` decides whether the entry is stale. */
  next(key: string, eventTime: number, now: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) {
      this.entries.set(key, { backoff: this.initial, lastUpdate: now });
    } else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = now;
    }
  }

  /** True while `now - eventTime` is within the key's delay (containers: since they finished). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** True while `now` is within the key's delay of its last update (image pulls). */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the back-off of a key started at `eventTime` ends. */
  expiry(key: string, eventTime: number): number | undefined {
    const e = this.entries.get(key);
    return e ? eventTime + e.backoff : undefined;
  }

  /** Forgets a key (the pod is gone). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key with this prefix. */
  resetPrefix(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.max * 2;
  }
}
