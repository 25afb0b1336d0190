/**
 * A map that holds at most `limit` entries and forgets the least recently used first, as
 * client-go's lru.Cache (golang/groupcache) does: reading or writing an entry makes it the newest.
 * The entries form a list, oldest first, so forgetting one costs the same however many there are
 * (a Map's own order would have to step over every entry deleted from its front).
 */
interface Entry<K, V> {
  key: K;
  value: V;
  older: Entry<K, V> | undefined;
  newer: Entry<K, V> | undefined;
}

export class LruMap<K, V> {
  private readonly map = new Map<K, Entry<K, V>>();
  private oldest: Entry<K, V> | undefined;
  private newest: Entry<K, V> | undefined;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.touch(e);
    return e.value;
  }

  /** Reads without making the entry the newest. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  set(key: K, value: V): void {
    const known = this.map.get(key);
    if (known) {
      known.value = value;
      this.touch(known);
      return;
    }
    const e: Entry<K, V> = { key, value, older: this.newest, newer: undefined };
    if (this.newest) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
    this.map.set(key, e);
    if (this.map.size > this.limit) this.delete(this.oldest!.key);
  }

  delete(key: K): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.unlink(e);
  }

  private touch(e: Entry<K, V>): void {
    if (e === this.newest) return;
    this.unlink(e);
    e.older = this.newest;
    e.newer = undefined;
    this.newest!.newer = e;
    this.newest = e;
  }

  private unlink(e: Entry<K, V>): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
  }
}
