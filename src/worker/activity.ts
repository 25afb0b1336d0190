/**
 * Activity buffers what the cluster did between two frames for the page's overlay: trace events
 * (a probe tick, a packet, the scheduler binding) and committed writes (who wrote which object).
 * Bounded: in a frame with more activity than anyone could watch, the rest is counted and dropped.
 */
import type { WatchEvent } from "../sim/store/store";
import type { TraceEvent } from "../sim/trace";
import type { ActivityEvent, WriteEvent } from "./protocol";

/** At most this many trace events and writes travel per frame. */
export const ACTIVITY_PER_FRAME = 400;

export class ActivityBuffer {
  private events: ActivityEvent[] = [];
  private writeEvents: WriteEvent[] = [];
  private dropped = 0;

  constructor(private readonly limit = ACTIVITY_PER_FRAME) {}

  trace(e: TraceEvent): void {
    if (this.events.length >= this.limit) {
      this.dropped++;
      return;
    }
    const out: ActivityEvent = { time: e.time, component: e.component, action: e.action };
    if (e.node) out.node = e.node;
    if (e.object) out.object = { kind: e.object.kind, namespace: e.object.namespace, name: e.object.name };
    if (e.detail) out.detail = plain(e.detail);
    this.events.push(out);
  }

  write(e: WatchEvent): void {
    if (this.writeEvents.length >= this.limit) {
      this.dropped++;
      return;
    }
    this.writeEvents.push({
      time: e.time,
      type: e.type,
      actor: e.actor,
      kind: e.kind,
      namespace: e.object.metadata.namespace ?? "",
      name: e.object.metadata.name ?? "",
    });
  }

  get pending(): boolean {
    return this.events.length > 0 || this.writeEvents.length > 0;
  }

  take(): { activity: ActivityEvent[]; writes: WriteEvent[]; droppedActivity: number } {
    const out = { activity: this.events, writes: this.writeEvents, droppedActivity: this.dropped };
    this.events = [];
    this.writeEvents = [];
    this.dropped = 0;
    return out;
  }

  clear(): void {
    this.take();
  }
}

/** Keeps only values that survive structured cloning and mean something on a label. */
function plain(detail: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (v !== undefined && typeof v !== "function") {
      try {
        out[k] = JSON.stringify(v);
      } catch {
        // A cyclic detail is useless to the page; skip it.
      }
    }
  }
  return out;
}
