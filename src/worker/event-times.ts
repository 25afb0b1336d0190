/**
 * EventTimes remembers the exact virtual instant of each Event's first and latest occurrence.
 * Events carry whole-second timestamps (metav1.Time), but seeking to "the moment of this event"
 * must land on the millisecond it happened, or a seek back would stop just before it.
 */
import type { Event } from "kubernetes-types/core/v1";
import type { WatchEvent } from "../sim/store/store";

export interface EventInstants {
  /** Virtual ms of the first occurrence. */
  first: number;
  /** Virtual ms of the latest occurrence. */
  last: number;
}

export class EventTimes {
  private times = new Map<string, EventInstants>();

  /** Notes a committed write; only Events count. */
  noteWrite(e: WatchEvent): void {
    if (e.kind !== "Event") return;
    const key = `${e.object.metadata.namespace ?? ""}/${e.object.metadata.name}`;
    if (e.type === "DELETED") {
      this.times.delete(key);
      return;
    }
    const t = this.times.get(key);
    if (!t || e.type === "ADDED") {
      this.times.set(key, { first: e.time, last: e.time });
      return;
    }
    const count = (e.object as Event).count ?? 1;
    const before = (e.old as Event | undefined)?.count ?? 1;
    if (count !== before) t.last = e.time;
  }

  /** The instants of an Event by namespace and name. */
  get(namespace: string, name: string): EventInstants | undefined {
    const t = this.times.get(`${namespace}/${name}`);
    return t ? { ...t } : undefined;
  }

  get size(): number {
    return this.times.size;
  }
}
