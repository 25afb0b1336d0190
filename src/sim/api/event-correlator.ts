/**
 * EventCorrelator decides what becomes of an event before it is written, as client-go's
 * tools/record EventCorrelator does: similar events (same source, object, type and reason, different
 * messages) are folded into one "(combined from similar events): ..." event once ten of them arrive
 * within ten minutes, and a token bucket per source and object (burst 25, one more every five
 * minutes) drops the rest of a flood — which is why a ReplicaSet creating 1,000 pods does not write
 * 1,000 events. Each component (each kubelet, the scheduler, each controller) has its own, and what
 * it remembers is bounded as client-go's LRU caches bound it: 4,096 entries each.
 */

import { digestJoined } from "../util/digest";
import { LruCache, type LruEntry, LruMap } from "../util/lru";

/** client-go's defaults (events_cache.go). */
export const CORRELATOR_DEFAULTS = {
  maxSimilarEvents: 10,
  similarIntervalMs: 600_000,
  spamBurst: 25,
  spamRefillMs: 300_000,
  maxLruCacheEntries: 4096,
} as const;

/** The identity of an event as the correlator sees it. */
export interface CorrelatedEvent {
  /** source.component, source.host and the involved object (kind, namespace, name, uid, apiVersion). */
  sourceObject: string;
  type: string;
  reason: string;
  message: string;
  /** involvedObject.fieldPath. */
  fieldPath: string;
}

/** What to write: the message (possibly combined) and the key that identifies repeats of it. */
export interface Correlation {
  message: string;
  /** Equal keys count up one stored event instead of creating another. */
  key: string;
}

// The records are the caches' entries themselves (their key and links included): one object each,
// as a component keeps several for every object it reported on.

/** The similar events of a source, object, type and reason. */
class SimilarRecord implements LruEntry<string> {
  older: LruEntry<string> | undefined = undefined;
  newer: LruEntry<string> | undefined = undefined;

  constructor(
    readonly key: string,
    /** The distinct messages seen: one as itself, more as a set (most objects only ever get one). */
    public messages: string | Set<string>,
    public lastMs: number,
  ) {}
}

/** The spam filter's token bucket of a source and object. */
class Bucket implements LruEntry<string> {
  older: LruEntry<string> | undefined = undefined;
  newer: LruEntry<string> | undefined = undefined;

  constructor(
    readonly key: string,
    public tokens: number,
    public lastMs: number,
  ) {}
}

/** "\0type\0reason" by type and reason (the components' own words, a few dozen), each made once. */
const typeAndReasons = new Map<string, Map<string, string>>();

/**
 * The end of an aggregate key. The cache keeps a key for every object a component reported on, and
 * a key joined from five parts keeps the four joins it was made of.
 */
function typeAndReason(type: string, reason: string): string {
  let byReason = typeAndReasons.get(type);
  if (!byReason) typeAndReasons.set(type, (byReason = new Map()));
  let end = byReason.get(reason);
  if (end === undefined) byReason.set(reason, (end = `\u0000${type}\u0000${reason}`));
  return end;
}

export class EventCorrelator {
  private readonly similar: LruCache<string, SimilarRecord>;
  private readonly buckets: LruCache<string, Bucket>;
  /** The eventLogger's cache: correlation key → the name of the Event that key last wrote. */
  readonly written: LruMap<string, string>;

  constructor(private readonly options = CORRELATOR_DEFAULTS) {
    this.similar = new LruCache(options.maxLruCacheEntries);
    this.buckets = new LruCache(options.maxLruCacheEntries);
    this.written = new LruMap(options.maxLruCacheEntries);
  }

  /** Correlates an event seen at `nowMs`; undefined when the spam filter drops it. */
  correlate(event: CorrelatedEvent, nowMs: number): Correlation | undefined {
    if (!this.admit(event.sourceObject, nowMs)) return undefined;
    const aggregateKey = event.sourceObject + typeAndReason(event.type, event.reason);
    // Digested: one key per event kept for an hour, and the message makes it long.
    const exactKey = digestJoined([event.sourceObject, event.fieldPath, event.type, event.reason, event.message], "\u0000");
    let record = this.similar.get(aggregateKey);
    if (!record || nowMs - record.lastMs > this.options.similarIntervalMs) {
      record = new SimilarRecord(aggregateKey, event.message, nowMs);
      this.similar.add(record);
    }
    record.lastMs = nowMs;
    if (typeof record.messages === "string") {
      if (record.messages === event.message) return { message: event.message, key: exactKey };
      record.messages = new Set([record.messages]);
    }
    const messages = record.messages;
    messages.add(event.message);
    if (messages.size < this.options.maxSimilarEvents) return { message: event.message, key: exactKey };
    // Keep the set at its bound, as the LRU of local keys does.
    const first = messages.values().next().value;
    if (first !== undefined && first !== event.message) messages.delete(first);
    return { message: `(combined from similar events): ${event.message}`, key: aggregateKey };
  }

  /** The token bucket per source and object: burst 25, refilled one token per five minutes. */
  private admit(key: string, nowMs: number): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      b = new Bucket(key, this.options.spamBurst, nowMs);
      this.buckets.add(b);
    } else {
      b.tokens = Math.min(this.options.spamBurst, b.tokens + (nowMs - b.lastMs) / this.options.spamRefillMs);
      b.lastMs = nowMs;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
