/**
 * EventRecorder writes core/v1 Events as Kubernetes' record.EventRecorder does: one Event per
 * (object, type, reason, message, source), whose count and lastTimestamp grow when it repeats —
 * which is what `kubectl describe` prints as "(x3 over 76s)" — after the EventCorrelator has folded
 * similar events together and dropped floods.
 */
import type { Event, ObjectReference } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../clock";
import { digestJoined } from "../util/digest";
import { EventCorrelator } from "./event-correlator";
import type { ApiServer } from "./server";
import type { KObject } from "./types";

export type EventType = "Normal" | "Warning";

/** Who reports an event: `source.component` and `source.host`. */
export interface EventSource {
  component: string;
  host?: string;
}

/** The namespace an event about a cluster-scoped object lives in. */
const CLUSTER_EVENT_NAMESPACE = "default";

/** How long an Event lives after its last write: kube-apiserver's --event-ttl (1 h). */
export const EVENT_TTL_MS = 3_600_000;

export class EventRecorder {
  /** One correlator per source (component, then host), as each component has its own. */
  private readonly correlators = new Map<string, Map<string, EventCorrelator>>();
  /** Pending expiries, oldest first. */
  private readonly expiries = new ExpiryQueue();
  private expiryTimer: TimerHandle | undefined;
  private expiryTimerAt = Infinity;
  private lastReference: { of: KObject; fieldPath: string | undefined; ref: ObjectReference } | undefined;
  private readonly sources = new Map<string, Map<string, NonNullable<Event["source"]>>>();
  private lastSourceObject: { component: string; host: string | undefined; kind: string; namespace: string; name: string | undefined; uid: string | undefined; apiVersion: string; key: string } | undefined;

  /**
   * Events expire this long after their last write, as etcd's lease on them does; 0 keeps them.
   * WARNING: without it a long run (a CronJob every minute for a year) keeps every event forever.
   */
  ttlMs = EVENT_TTL_MS;

  constructor(private readonly api: ApiServer) {}

  /** Records (or re-counts) an event about `obj`. Returns the stored Event. */
  record(obj: KObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Event | undefined {
    const api = this.api;
    const ns = obj.metadata.namespace || CLUSTER_EVENT_NAMESPACE;
    const nowMs = api.clock.now;
    const correlator = this.correlatorOf(source);
    const sourceObject = this.sourceObjectKey(obj, ns, source);
    const correlation = correlator.correlate({ sourceObject, type, reason, message, fieldPath: fieldPath ?? "" }, nowMs);
    if (!correlation) return undefined;
    const key = correlation.key;
    message = correlation.message;
    const now = api.clock.timestamp();
    const actor = source.host ? `${source.component}/${source.host}` : source.component;
    const existingName = correlator.written.get(key);
    if (existingName) {
      const existing = api.store.get("Event", ns, existingName) as Event | undefined;
      if (existing) {
        const updated: Event = { ...existing, message, count: (existing.count ?? 1) + 1, lastTimestamp: now };
        const stored = api.update(updated as KObject, { actor }) as Event;
        this.expire(correlator, key, stored);
        return stored;
      }
    }
    // Joined in one go: the event keeps its name for an hour, and `+` would keep the pieces.
    const name = [obj.metadata.name!, ".", api.random.hex(16)].join("");
    const event: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject: this.reference(obj, fieldPath),
      reason,
      message,
      source: this.sourceOf(source),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    correlator.written.set(key, name);
    try {
      // Built here, well formed by construction: stored without the request path's decoding and validation.
      const stored = api.createTrusted(event as KObject, { actor }) as Event;
      this.expire(correlator, key, stored);
      return stored;
    } catch {
      // The involved object's namespace may be terminating; events are best effort, as in Kubernetes.
      return undefined;
    }
  }

  /**
   * The involvedObject of an event about `obj`. Stored events are never changed in place, so the
   * events a component writes in a row about the same object version (Pulled, Created, Started)
   * share one reference.
   */
  private reference(obj: KObject, fieldPath: string | undefined): ObjectReference {
    const last = this.lastReference;
    if (last && last.of === obj && last.fieldPath === fieldPath) return last.ref;
    const m = obj.metadata;
    let ref: ObjectReference;
    if (m.namespace !== undefined && m.uid !== undefined && m.resourceVersion !== undefined) {
      // A stored namespaced object (nearly every event): built whole, in the same field order, so
      // it keeps no second table for the fields added one by one below.
      const { apiVersion, kind } = obj;
      const { name, namespace, uid, resourceVersion } = m;
      ref = fieldPath ? { apiVersion, kind, name, namespace, uid, resourceVersion, fieldPath } : { apiVersion, kind, name, namespace, uid, resourceVersion };
    } else {
      ref = { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name };
      if (m.namespace !== undefined) ref.namespace = m.namespace;
      if (m.uid !== undefined) ref.uid = m.uid;
      if (m.resourceVersion !== undefined) ref.resourceVersion = m.resourceVersion;
      if (fieldPath) ref.fieldPath = fieldPath;
    }
    this.lastReference = { of: obj, fieldPath, ref };
    return ref;
  }

  /** The correlator of a component (and host): looked up without building a key per event. */
  private correlatorOf(source: EventSource): EventCorrelator {
    let byHost = this.correlators.get(source.component);
    if (!byHost) this.correlators.set(source.component, (byHost = new Map()));
    const host = source.host ?? "";
    let correlator = byHost.get(host);
    if (!correlator) byHost.set(host, (correlator = new EventCorrelator()));
    return correlator;
  }

  /** An event's source: one object per component and host, shared by its events. */
  private sourceOf(source: EventSource): NonNullable<Event["source"]> {
    let byHost = this.sources.get(source.component);
    if (!byHost) this.sources.set(source.component, (byHost = new Map()));
    const host = source.host ?? "";
    let s = byHost.get(host);
    if (!s) byHost.set(host, (s = source.host ? { component: source.component, host: source.host } : { component: source.component }));
    return s;
  }

  /**
   * The correlator's key for the source and the involved object, digested: it keeps keys made of it
   * for every object that had an event. The last one is reused, as a component records several
   * events about one object in a row.
   */
  private sourceObjectKey(obj: KObject, ns: string, source: EventSource): string {
    const last = this.lastSourceObject;
    const m = obj.metadata;
    if (last && last.component === source.component && last.host === source.host && last.uid === m.uid && last.name === m.name && last.kind === obj.kind && last.namespace === ns && last.apiVersion === obj.apiVersion) return last.key;
    const key = digestJoined([source.component, source.host ?? "", obj.kind, ns, m.name ?? "", m.uid ?? "", obj.apiVersion], "\u0000");
    this.lastSourceObject = { component: source.component, host: source.host, kind: obj.kind, namespace: ns, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, key };
    return key;
  }

  /**
   * Deletes the event a TTL after this write, unless it has been written again since. Writes come in
   * time order and the TTL is the same for all, so the expiries form a queue with one timer at its
   * head, instead of a timer per event.
   */
  private expire(correlator: EventCorrelator, key: string, event: Event): void {
    if (!(this.ttlMs > 0)) return;
    this.expiries.add(this.api.clock.now + this.ttlMs, correlator, key, event.metadata!.namespace!, event.metadata!.name!, event.metadata!.resourceVersion);
    this.armExpiry();
  }

  private armExpiry(): void {
    const q = this.expiries;
    if (q.head === q.at.length || q.at[q.head] >= this.expiryTimerAt) return;
    this.expiryTimer?.cancel();
    this.expiryTimerAt = q.at[q.head];
    this.expiryTimer = this.api.clock.at(this.expiryTimerAt, () => this.runExpiries(), "event ttl");
  }

  private runExpiries(): void {
    const api = this.api;
    this.expiryTimer = undefined;
    this.expiryTimerAt = Infinity;
    const q = this.expiries;
    while (q.head < q.at.length && q.at[q.head] <= api.clock.now) {
      const i = q.head++;
      const namespace = q.namespace[i];
      const name = q.name[i];
      const current = api.store.get("Event", namespace, name);
      if (!current || current.metadata.resourceVersion !== q.written[i]) continue;
      const correlator = q.correlator[i];
      if (correlator.written.peek(q.key[i]) === name) correlator.written.delete(q.key[i]);
      try {
        api.delete("Event", namespace, name, { actor: "kube-apiserver" });
      } catch {
        // Gone already.
      }
    }
    q.compact();
    this.armExpiry();
  }
}

/**
 * Events' deletions, each due at `at` if the event was not written again since (its resourceVersion
 * is still `written`), oldest first; entries before `head` are done. Kept as columns, one entry an
 * index into each: the queue holds an entry for every write of the last hour, and an object per
 * entry cost half as much again as its six fields.
 */
class ExpiryQueue {
  head = 0;
  readonly at: number[] = [];
  /** The correlator (of the event's source) whose cache holds `key`. */
  readonly correlator: EventCorrelator[] = [];
  readonly key: string[] = [];
  readonly namespace: string[] = [];
  readonly name: string[] = [];
  readonly written: (string | undefined)[] = [];

  add(at: number, correlator: EventCorrelator, key: string, namespace: string, name: string, written: string | undefined): void {
    // A changed ttlMs may put an entry before later ones: keep the queue sorted.
    let i = this.at.length;
    while (i > this.head && this.at[i - 1] > at) i--;
    if (i === this.at.length) {
      this.at.push(at);
      this.correlator.push(correlator);
      this.key.push(key);
      this.namespace.push(namespace);
      this.name.push(name);
      this.written.push(written);
      return;
    }
    this.at.splice(i, 0, at);
    this.correlator.splice(i, 0, correlator);
    this.key.splice(i, 0, key);
    this.namespace.splice(i, 0, namespace);
    this.name.splice(i, 0, name);
    this.written.splice(i, 0, written);
  }

  /** Drops the consumed entries once they are most of the queue. */
  compact(): void {
    const n = this.head;
    if (n <= 1024 || n * 2 <= this.at.length) return;
    this.at.splice(0, n);
    this.correlator.splice(0, n);
    this.key.splice(0, n);
    this.namespace.splice(0, n);
    this.name.splice(0, n);
    this.written.splice(0, n);
    this.head = 0;
  }
}
