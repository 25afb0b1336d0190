/**
 * EventRecorder writes core/v1 Events as Kubernetes' record.EventRecorder does: one Event per
 * (object, type, reason, message, source), whose count and lastTimestamp grow when it repeats —
 * which is what `kubectl describe` prints as "(x3 over 76s)" — after the EventCorrelator has folded
 * similar events together and dropped floods.
 */
import type { Event } from "kubernetes-types/core/v1";
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
  /** correlation key → event name */
  private seen = new Map<string, string>();
  private correlator = new EventCorrelator();
  private lastPrune = 0;

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
    if (nowMs - this.lastPrune > 600_000) {
      this.correlator.prune(nowMs);
      this.lastPrune = nowMs;
    }
    const sourceObject = [source.component, source.host ?? "", obj.kind, ns, obj.metadata.name, obj.metadata.uid ?? "", obj.apiVersion].join("\u0000");
    const correlation = this.correlator.correlate({ sourceObject, type, reason, message, fieldPath: fieldPath ?? "" }, nowMs);
    if (!correlation) return undefined;
    const key = correlation.key;
    message = correlation.message;
    const now = api.clock.timestamp();
    const actor = source.host ? `${source.component}/${source.host}` : source.component;
    const existingName = this.seen.get(key);
    if (existingName) {
      const existing = api.store.get("Event", ns, existingName) as Event | undefined;
      if (existing) {
        const updated: Event = { ...existing, message, count: (existing.count ?? 1) + 1, lastTimestamp: now };
        const stored = api.update(updated as KObject, { actor }) as Event;
        this.expire(key, stored);
        return stored;
      }
    }
    const name = `${obj.metadata.name}.${api.random.hex(16)}`;
    const event: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: undefined,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    this.seen.set(key, name);
    try {
      const stored = api.create(event as KObject, { actor }) as Event;
      this.expire(key, stored);
      return stored;
    } catch {
      // The involved object's namespace may be terminating; events are best effort, as in Kubernetes.
      return undefined;
    }
  }

  /** Deletes the event a TTL after this write, unless it has been written again since. */
  private expire(key: string, event: Event): void {
    if (!(this.ttlMs > 0)) return;
    const api = this.api;
    const ns = event.metadata!.namespace!;
    const name = event.metadata!.name!;
    const written = event.metadata!.resourceVersion;
    api.clock.after(
      this.ttlMs,
      () => {
        const current = api.store.get("Event", ns, name);
        if (!current || current.metadata.resourceVersion !== written) return;
        if (this.seen.get(key) === name) this.seen.delete(key);
        try {
          api.delete("Event", ns, name, { actor: "kube-apiserver" });
        } catch {
          // Gone already.
        }
      },
      `event ttl ${ns}/${name}`,
    );
  }
}
