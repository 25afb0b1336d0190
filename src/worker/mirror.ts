/**
 * Mirror keeps track of what the page holds of the cluster and computes what it lacks: a set of
 * dirty object keys (filled from the store's watch) compared, at flush time, against the
 * resourceVersion last sent for each key. Changes therefore coalesce: an object created and
 * updated ten times between two frames travels once; one created and deleted travels not at all.
 * A rebuilt cluster (a rewind) is reconciled the same way, so only real differences travel.
 *
 * An update whose spec is the very object the page already holds (a status write keeps the stored
 * spec) travels with `spec: null` and its index in `sameSpec`: the page keeps its own copy. A
 * pod's status changes a dozen times while it starts and its spec not once, and the spec is most
 * of its size.
 *
 * A pod's view that its spec and status alone give (no kubelet runs it yet, no probe has reported:
 * a pod just created, or one waiting for the scheduler) does not travel either: the page derives
 * it from the pod with the same function (podView). At 150,000 pods such views were 150 MB for the
 * page to decode while it had already drawn every pod.
 */
import type { KObject } from "../sim/api/types";
import type { ObjectStore } from "../sim/store/store";
import type { ObjectRefLite } from "./protocol";
import type { PodRuntimeView } from "./runtime-view";

/** "Kind/namespace/name" ("Node//node-1" for cluster-scoped objects). */
export function mirrorKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ""}/${name}`;
}

export function parseMirrorKey(key: string): ObjectRefLite {
  const a = key.indexOf("/");
  const b = key.indexOf("/", a + 1);
  return { kind: key.slice(0, a), namespace: key.slice(a + 1, b), name: key.slice(b + 1) };
}

/** What one flush found to send. */
export interface MirrorChanges {
  added: KObject[];
  updated: KObject[];
  /** Indexes into `updated` of objects sent with `spec: null`: the page keeps the spec it holds. */
  sameSpec: number[];
  removed: ObjectRefLite[];
  runtime: PodRuntimeView[];
  runtimeRemoved: string[];
  /** Dirty keys left for the next flush. */
  more: boolean;
}

/** In sentViews: the page derives this pod's view itself (hashes are never negative). */
const DERIVED = -1;

/** True when the page can derive this view from the pod alone: nothing in it comes from the kubelet or the trace. */
export function derivable(view: PodRuntimeView): boolean {
  return view.source === "status" && view.containers.every((c) => c.probes.every((p) => p.last === undefined));
}

/** Produces the view of a pod ("namespace/name"), or undefined when the pod is gone. */
export type ViewSource = (namespace: string, name: string) => PodRuntimeView | undefined;

export class Mirror {
  /** key → resourceVersion the page holds. */
  private sent = new Map<string, string>();
  /** key → the spec object the page holds a copy of (stored objects are never mutated). */
  private sentSpecs = new Map<string, unknown>();
  private dirty = new Set<string>();
  /** pod key "ns/name" → a hash of the view the page holds (the JSON itself would double the memory), or DERIVED. */
  private sentViews = new Map<string, number>();
  private dirtyViews = new Set<string>();

  /** Marks an object as possibly changed. */
  touch(kind: string, namespace: string | undefined, name: string): void {
    this.dirty.add(mirrorKey(kind, namespace, name));
    if (kind === "Pod") this.dirtyViews.add(`${namespace ?? ""}/${name}`);
  }

  /** Marks a pod's runtime view as possibly changed ("namespace/name"). */
  touchView(podKey: string): void {
    this.dirtyViews.add(podKey);
  }

  /** Marks everything the page holds and everything the store holds: a full reconcile. */
  touchAll(store: ObjectStore): void {
    for (const key of this.sent.keys()) this.dirty.add(key);
    for (const key of this.sentViews.keys()) this.dirtyViews.add(key);
    for (const kind of store.kindNames()) {
      for (const obj of store.each(kind)) this.touch(kind, obj.metadata.namespace, obj.metadata.name!);
    }
  }

  /** Forgets what the page holds (it has been reset). */
  forgetSent(): void {
    this.sent.clear();
    this.sentSpecs.clear();
    this.sentViews.clear();
  }

  get pending(): boolean {
    return this.dirty.size > 0 || this.dirtyViews.size > 0;
  }

  /**
   * Takes up to `limit` dirty keys and returns what differs from what was sent, recording it as
   * sent. Objects travel without managedFields, which nothing on the page shows and which is large.
   */
  flush(store: ObjectStore, views: ViewSource, limit = Infinity): MirrorChanges {
    const out: MirrorChanges = { added: [], updated: [], sameSpec: [], removed: [], runtime: [], runtimeRemoved: [], more: false };
    let n = 0;
    for (const key of this.dirty) {
      if (n >= limit) break;
      this.dirty.delete(key);
      const ref = parseMirrorKey(key);
      const obj = store.get(ref.kind, ref.namespace || undefined, ref.name);
      const had = this.sent.get(key);
      if (!obj) {
        if (had !== undefined) {
          this.sent.delete(key);
          this.sentSpecs.delete(key);
          out.removed.push(ref);
          n++;
        }
        continue;
      }
      const rv = obj.metadata.resourceVersion ?? "";
      if (had === rv) continue;
      this.sent.set(key, rv);
      n++;
      const spec = (obj as { spec?: unknown }).spec;
      if (had !== undefined && spec !== undefined && this.sentSpecs.get(key) === spec) {
        out.sameSpec.push(out.updated.length);
        out.updated.push(slim(obj, true));
        continue;
      }
      if (spec === undefined) this.sentSpecs.delete(key);
      else this.sentSpecs.set(key, spec);
      (had === undefined ? out.added : out.updated).push(slim(obj));
    }
    for (const podKey of this.dirtyViews) {
      if (n >= limit) break;
      this.dirtyViews.delete(podKey);
      const slash = podKey.indexOf("/");
      const view = views(podKey.slice(0, slash), podKey.slice(slash + 1));
      const had = this.sentViews.get(podKey);
      if (!view) {
        if (had !== undefined && had !== DERIVED) {
          out.runtimeRemoved.push(podKey);
          n++;
        }
        this.sentViews.delete(podKey);
        continue;
      }
      if (derivable(view)) {
        // A view the page holds gives way to the one it derives.
        if (had !== undefined && had !== DERIVED) {
          out.runtimeRemoved.push(podKey);
          n++;
        }
        this.sentViews.set(podKey, DERIVED);
        continue;
      }
      const hash = fnv1a(JSON.stringify(view));
      if (hash === had) continue;
      this.sentViews.set(podKey, hash);
      out.runtime.push(view);
      n++;
    }
    out.more = this.pending;
    return out;
  }
}

/** A copy without metadata.managedFields, and with `spec: null` in the spec's place when `dropSpec`. */
function slim(obj: KObject, dropSpec = false): KObject {
  if (!obj.metadata.managedFields && !dropSpec) return obj;
  let metadata = obj.metadata;
  if (metadata.managedFields) {
    metadata = { ...metadata };
    delete metadata.managedFields;
  }
  return dropSpec ? { ...obj, metadata, spec: null } : { ...obj, metadata };
}

/** FNV-1a, 32 bits: enough to tell a changed view from an unchanged one. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
