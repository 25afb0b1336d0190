/**
 * What the timeline says about the point under the pointer: the lane, the instant, and the marker,
 * probe tick or segment found there.
 */
import { formatClock } from "../controls/format-time";
import type { Scale } from "./axis";
import type { Lane } from "./lanes";

export interface HoverInfo {
  time: number;
  lane: string;
  lines: string[];
}

/** Describes the point (x, lane index) of a timeline; undefined off the lanes. */
export function describeAt(lanes: readonly Lane[], sc: Scale, x: number, laneIndex: number, near = 5): HoverInfo | undefined {
  const lane = lanes[laneIndex];
  if (!lane || x < sc.x0 || x > sc.x1 + near) return undefined;
  const time = sc.t(x);
  const info: HoverInfo = { time, lane: lane.kind === "probe" ? `${lane.container}: ${lane.label}` : lane.label, lines: [] };
  const marker = closest(lane.markers ?? [], (m) => Math.abs(sc.x(m.time) - x), near);
  if (marker) {
    info.time = marker.time;
    info.lines.push(`${marker.label}${marker.container && lane.kind === "events" ? ` (${marker.container})` : ""}`);
    if (marker.detail) info.lines.push(marker.detail);
    return info;
  }
  const tick = closest(lane.ticks ?? [], (t) => Math.abs(sc.x(t.time) - x), near);
  if (tick) {
    info.time = tick.time;
    info.lines.push(`probe ${tick.result}`);
    if (tick.message) info.lines.push(tick.message);
    return info;
  }
  const seg = lane.segments.find((s) => time >= s.start && time <= s.end);
  if (seg) {
    info.lines.push(seg.detail && seg.detail !== seg.label ? `${seg.label} — ${seg.detail}` : seg.label);
    info.lines.push(`${formatClock(seg.start)} → ${formatClock(seg.end)}`);
  }
  return info;
}

function closest<T>(items: readonly T[], dist: (item: T) => number, max: number): T | undefined {
  let best: T | undefined;
  let bestD = max;
  for (const it of items) {
    const d = dist(it);
    if (d <= bestD) {
      best = it;
      bestD = d;
    }
  }
  return best;
}
