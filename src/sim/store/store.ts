/**
 * ObjectStore is the simulated etcd: every API object by kind and key, a global resourceVersion,
 * secondary indexes, and watches that deliver every change in commit order. Only the API server
 * writes to it; everything else reads and watches.
 *
 * WARNING: objects handed out are the stored instances. Never mutate them: build a new object
 * (spread or deepClone) and write it through the API server.
 */
import type { Actor, KObject } from "../api/types";
import { objectKey } from "../api/types";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** One committed change, as a watch delivers it. */
export interface WatchEvent {
  type: WatchEventType;
  kind: string;
  object: KObject;
  /** The object before the change (MODIFIED, DELETED). */
  old?: KObject;
  actor: Actor;
  /** Virtual milliseconds at commit. */
  time: number;
  resourceVersion: number;
}

export type WatchHandler = (event: WatchEvent) => void;

/** Computes the index values an object is filed under (e.g. a pod's node name). */
export type IndexFunc = (obj: KObject) => readonly string[];

interface Index {
  fn: IndexFunc;
  buckets: Map<string, Map<string, KObject>>;
}

export class ObjectStore {
  /**
   * Every object by kind, in order of creation: cluster-scoped objects under their name (which
   * get looks them up by), namespaced ones under their uid (see keyOf).
   */
  private kinds = new Map<string, Map<string, KObject>>();
  /** Namespaced objects by kind, namespace and name: a lookup needs no "namespace/name" key built. */
  private byNamespace = new Map<string, Map<string, Map<string, KObject>>>();
  private indexes = new Map<string, Map<string, Index>>();
  private watchers = new Map<string, Set<WatchHandler>>();
  private allWatchers = new Set<WatchHandler>();
  private rv = 1;

  /** The last committed resourceVersion. */
  get resourceVersion(): number {
    return this.rv;
  }

  nextResourceVersion(): number {
    return ++this.rv;
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    if (namespace) return this.byNamespace.get(kind)?.get(namespace)?.get(name);
    return this.kinds.get(kind)?.get(name);
  }

  /** Every object of a kind, optionally in one namespace, in key order of insertion. */
  list(kind: string, namespace?: string): KObject[] {
    if (namespace) {
      const m = this.byNamespace.get(kind)?.get(namespace);
      return m ? [...m.values()] : [];
    }
    const m = this.kinds.get(kind);
    return m ? [...m.values()] : [];
  }

  /** Iterates without copying; for hot paths. */
  each(kind: string, namespace?: string): IterableIterator<KObject> {
    const m = namespace ? this.byNamespace.get(kind)?.get(namespace) : this.kinds.get(kind);
    return (m ?? new Map<string, KObject>()).values();
  }

  count(kind: string, namespace?: string): number {
    const m = namespace ? this.byNamespace.get(kind)?.get(namespace) : this.kinds.get(kind);
    return m?.size ?? 0;
  }

  /** Kinds that have at least one object. */
  kindNames(): string[] {
    return [...this.kinds.keys()].filter((k) => (this.kinds.get(k)?.size ?? 0) > 0);
  }

  /** Registers a secondary index; existing objects are indexed at once. */
  addIndex(kind: string, name: string, fn: IndexFunc): void {
    let forKind = this.indexes.get(kind);
    if (!forKind) this.indexes.set(kind, (forKind = new Map()));
    if (forKind.has(name)) return;
    const index: Index = { fn, buckets: new Map() };
    forKind.set(name, index);
    const m = this.kinds.get(kind);
    if (m) for (const [key, obj] of m) this.indexAdd(index, key, obj);
  }

  /** Objects whose index `name` includes `value`. */
  byIndex(kind: string, name: string, value: string): KObject[] {
    const index = this.indexes.get(kind)?.get(name);
    if (!index) throw new Error(`no index ${name} on ${kind}`);
    const bucket = index.buckets.get(value);
    return bucket ? [...bucket.values()] : [];
  }

  /** Watches one kind ("Pod") or every kind ("*"). Returns the function that stops the watch. */
  watch(kind: string, handler: WatchHandler): () => void {
    if (kind === "*") {
      this.allWatchers.add(handler);
      return () => this.allWatchers.delete(handler);
    }
    let set = this.watchers.get(kind);
    if (!set) this.watchers.set(kind, (set = new Set()));
    set.add(handler);
    return () => set!.delete(handler);
  }

  /** Commits an object (create or replace). The caller has set metadata.resourceVersion. */
  put(obj: KObject, actor: Actor, time: number): WatchEvent {
    const kind = obj.kind;
    const ns = obj.metadata.namespace ?? "";
    const name = obj.metadata.name!;
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new Map()));
    let old: KObject | undefined;
    if (ns) {
      let byNs = this.byNamespace.get(kind);
      if (!byNs) this.byNamespace.set(kind, (byNs = new Map()));
      let nsMap = byNs.get(ns);
      if (!nsMap) byNs.set(ns, (nsMap = new Map()));
      old = nsMap.get(name);
      nsMap.set(name, obj);
    } else {
      old = m.get(name);
    }
    const key = keyOf(obj);
    const oldKey = old && keyOf(old);
    if (old && oldKey !== key) {
      // Not done by the API server (a uid never changes), but keep the maps consistent if it happens.
      m.delete(oldKey!);
      this.unindex(kind, oldKey!, old);
      old = undefined;
    }
    m.set(key, obj);
    const indexes = this.indexes.get(kind);
    if (indexes) {
      for (const index of indexes.values()) {
        if (old) this.indexUpdate(index, key, old, obj);
        else this.indexAdd(index, key, obj);
      }
    }
    const event: WatchEvent = {
      type: old ? "MODIFIED" : "ADDED",
      kind,
      object: obj,
      old,
      actor,
      time,
      resourceVersion: Number(obj.metadata.resourceVersion ?? this.rv),
    };
    this.notify(event);
    return event;
  }

  /** Removes an object for good. */
  remove(kind: string, namespace: string | undefined, name: string, actor: Actor, time: number): WatchEvent | undefined {
    const m = this.kinds.get(kind);
    const old = this.get(kind, namespace, name);
    if (!m || !old) return undefined;
    const key = keyOf(old);
    m.delete(key);
    if (namespace) this.byNamespace.get(kind)?.get(namespace)?.delete(name);
    this.unindex(kind, key, old);
    const rv = this.nextResourceVersion();
    const gone: KObject = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    const event: WatchEvent = { type: "DELETED", kind, object: gone, old, actor, time, resourceVersion: rv };
    this.notify(event);
    return event;
  }

  private notify(event: WatchEvent): void {
    const set = this.watchers.get(event.kind);
    if (set) for (const h of set) h(event);
    for (const h of this.allWatchers) h(event);
  }

  private unindex(kind: string, key: string, obj: KObject): void {
    const indexes = this.indexes.get(kind);
    if (indexes) for (const index of indexes.values()) this.indexRemove(index, key, obj);
  }

  private indexAdd(index: Index, key: string, obj: KObject): void {
    for (const v of index.fn(obj)) {
      let b = index.buckets.get(v);
      if (!b) index.buckets.set(v, (b = new Map()));
      b.set(key, obj);
    }
  }

  /** Refiles a replaced object: most updates keep their index values, so only the entries change. */
  private indexUpdate(index: Index, key: string, old: KObject, obj: KObject): void {
    const before = index.fn(old);
    const after = index.fn(obj);
    for (const v of before) {
      if (after.includes(v)) continue;
      const b = index.buckets.get(v);
      if (!b) continue;
      b.delete(key);
      if (b.size === 0) index.buckets.delete(v);
    }
    for (const v of after) {
      let b = index.buckets.get(v);
      if (!b) index.buckets.set(v, (b = new Map()));
      b.set(key, obj);
    }
  }

  private indexRemove(index: Index, key: string, obj: KObject): void {
    for (const v of index.fn(obj)) {
      const b = index.buckets.get(v);
      if (!b) continue;
      b.delete(key);
      if (b.size === 0) index.buckets.delete(v);
    }
  }
}

/**
 * The key an object is filed under in its kind's map and in the indexes: a cluster-scoped object's
 * name; a namespaced object's uid, a string it already holds, so filing it builds no
 * "namespace/name" string per write, and the maps keep none per object (the namespace's own map
 * finds it by name). An object stored without a uid (written directly to the store, as some tests
 * do) is filed under "namespace/name".
 */
function keyOf(obj: KObject): string {
  const m = obj.metadata;
  if (!m.namespace) return m.name!;
  return m.uid ?? objectKey(m.namespace, m.name!);
}
