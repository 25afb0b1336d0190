/**
 * Caches that hold at most `limit` entries and forget the least recently used first, as client-go's
 * lru.Cache (golang/groupcache) does: reading or writing an entry makes it the newest. The entries
 * form a list, oldest first, so forgetting one costs the same however many there are (a Map's own
 * order would have to step over every entry deleted from its front).
 *
 * LruCache files entries that carry their own key and links, so a cache of objects (the event
 * correlator's records) costs one object per entry; LruMap wraps plain values in such an entry.
 */

/** An entry of an LruCache: its key and its neighbours in recency order, set by the cache. */
export interface LruEntry<K> {
  readonly key: K;
  older: LruEntry<K> | undefined;
  newer: LruEntry<K> | undefined;
}

export class LruCache<K, E extends LruEntry<K>> {
  private readonly map = new Map<K, E>();
  private oldest: E | undefined;
  private newest: E | undefined;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The entry filed under `key`, made the newest. */
  get(key: K): E | undefined {
    const e = this.map.get(key);
    if (e) this.touch(e);
    return e;
  }

  /** Reads without making the entry the newest. */
  peek(key: K): E | undefined {
    return this.map.get(key);
  }

  /** Files `entry` under its key as the newest, in place of any entry there; forgets the oldest beyond the limit. */
  add(entry: E): void {
    const known = this.map.get(entry.key);
    if (known) this.unlink(known);
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
    this.map.set(entry.key, entry);
    if (this.map.size > this.limit) this.delete(this.oldest!.key);
  }

  delete(key: K): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.unlink(e);
  }

  private touch(e: E): void {
    if (e === this.newest) return;
    this.unlink(e);
    e.older = this.newest;
    e.newer = undefined;
    this.newest!.newer = e;
    this.newest = e;
  }

  private unlink(e: E): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer as E | undefined;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older as E | undefined;
  }
}

/** An LruMap's entry: a value with its key and links. */
interface ValueEntry<K, V> extends LruEntry<K> {
  value: V;
}

/** An LruCache of plain values (strings, numbers) by key. */
export class LruMap<K, V> {
  private readonly cache: LruCache<K, ValueEntry<K, V>>;

  constructor(readonly limit: number) {
    this.cache = new LruCache(limit);
  }

  get size(): number {
    return this.cache.size;
  }

  get(key: K): V | undefined {
    return this.cache.get(key)?.value;
  }

  /** Reads without making the entry the newest. */
  peek(key: K): V | undefined {
    return this.cache.peek(key)?.value;
  }

  set(key: K, value: V): void {
    // An entry already there keeps its object: only its value and its place change.
    const known = this.cache.get(key);
    if (known) known.value = value;
    else this.cache.add({ key, value, older: undefined, newer: undefined });
  }

  delete(key: K): void {
    this.cache.delete(key);
  }
}
