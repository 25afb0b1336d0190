/**
 * Jumping to a moment: select an object and move the clock to an instant, paused there, so the
 * cluster shows what it looked like then. Seeking back rebuilds the past by deterministic replay.
 */
import { bridge } from "../bridge";
import { inspector } from "../inspector/inspector-store";
import { selectionKey } from "../inspector/selection";
import { ui } from "../store/store";
import type { EventRow } from "./event-rows";

/**
 * Pauses the clock and seeks to `time` (virtual ms).
 * WARNING: do not round. Virtual time advances by wall time × speed, so instants are fractional;
 * an event at 41761.7 ms is not there yet at 41761 ms.
 */
export function seekTo(time: number): void {
  bridge.pause();
  bridge.seek(Math.max(0, time));
}

/** Selects an event's object (and container) and seeks to the event's latest occurrence. */
export async function jumpToEvent(row: EventRow): Promise<void> {
  const io = row.involved;
  ui.select(selectionKey(io.kind, io.namespace, io.name));
  inspector.setPart(io.container ? { container: io.container } : undefined);
  bridge.pause();
  // Events carry whole seconds; the worker knows the exact instant.
  const answer = await bridge.query({ type: "eventTime", namespace: row.namespace, name: row.name });
  seekTo(answer?.instants?.last ?? row.last);
}
