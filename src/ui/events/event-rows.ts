/**
 * The event log as kubectl shows it (`kubectl get events -o wide`: TYPE, REASON, OBJECT, MESSAGE,
 * COUNT, FIRST SEEN, LAST SEEN), built from the mirrored core/v1 Event objects, sorted oldest first
 * as `kubectl events` sorts them, and filtered by object, type and text.
 */
import type { Event } from "kubernetes-types/core/v1";
import { DEFAULT_EPOCH_MS } from "../../sim/clock";
import { humanDuration } from "../../sim/kubectl/printers/duration";
import { containerOfFieldPath } from "../../worker/pod-history";
import type { EventFilter } from "../inspector/inspector-store";

/** One row of the event log. */
export interface EventRow {
  /** The Event object's namespace and name. */
  namespace: string;
  name: string;
  type: string;
  reason: string;
  /** kubectl's OBJECT column: "pod/test-liveness-exec". */
  object: string;
  involved: { kind: string; namespace: string; name: string; container?: string };
  message: string;
  count: number;
  /** Virtual ms (whole seconds: Events carry second-precision timestamps). */
  first: number;
  last: number;
  /** kubectl's SOURCE: "kubelet, node-1", "default-scheduler". */
  source: string;
  /** The value of the object filter for this row: the OBJECT column, with the namespace when it has one. */
  key: string;
}

/** Virtual ms of an Event timestamp, or undefined. */
function virtual(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t - DEFAULT_EPOCH_MS;
}

/** The row of an Event. */
export function eventRow(e: Event): EventRow {
  const io = e.involvedObject ?? {};
  const last = virtual(e.lastTimestamp) ?? virtual(e.series?.lastObservedTime) ?? virtual(e.eventTime) ?? virtual(e.metadata?.creationTimestamp) ?? 0;
  const first = virtual(e.firstTimestamp) ?? virtual(e.eventTime) ?? last;
  const container = containerOfFieldPath(io.fieldPath);
  const object = `${(io.kind ?? "").toLowerCase()}/${io.name ?? ""}`;
  const src = e.source?.component ? [e.source.component, e.source.host].filter(Boolean).join(", ") : (e.reportingComponent ?? "");
  return {
    namespace: e.metadata?.namespace ?? "",
    name: e.metadata?.name ?? "",
    type: e.type ?? "Normal",
    reason: e.reason ?? "",
    object,
    involved: { kind: io.kind ?? "", namespace: io.namespace ?? "", name: io.name ?? "", ...(container ? { container } : {}) },
    message: (e.message ?? "").trim(),
    count: e.count ?? e.series?.count ?? 1,
    first,
    last,
    source: src,
    key: io.namespace ? `${io.namespace} ${object}` : object,
  };
}

/**
 * Rows already read, by Event object. The mirror replaces an object only when it changed, so while
 * hundreds of pods start, a rebuilt log reads only the events that are new or counted again.
 */
const rowCache = new WeakMap<Event, EventRow>();

/**
 * Log order: oldest last seen first, then by first seen, then by name in byte order, as the API
 * server lists objects. (Events of hundreds of pods share their second: a collator's comparison of
 * their names made sorting 100,000 events take a quarter of a second.)
 */
function logOrder(a: EventRow, b: EventRow): number {
  return a.last - b.last || a.first - b.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The rows of all events, oldest last-seen first (ties by first seen, then name). */
export function eventRows(events: Iterable<Event>): EventRow[] {
  const rows: EventRow[] = [];
  for (const e of events) {
    let row = rowCache.get(e);
    if (!row) rowCache.set(e, (row = eventRow(e)));
    rows.push(row);
  }
  return rows.sort(logOrder);
}

/**
 * An event's age at `now` as kubectl prints it (FIRST SEEN, LAST SEEN). Clamped at 0: the clock the
 * log shows is throttled and may trail the batch that brought an event, and kubectl's "<invalid>"
 * (a timestamp in the future) would be a lie here.
 */
export function eventAge(now: number, at: number): string {
  return humanDuration(Math.max(0, now - at));
}

/** A test for rows that pass the filter, or undefined when it lets every row through. */
function rowTest(f: EventFilter): ((r: EventRow) => boolean) | undefined {
  const text = f.text.trim().toLowerCase();
  if (!f.type && !f.object && !text) return undefined;
  return (r) => {
    if (f.type && r.type !== f.type) return false;
    if (f.object && r.key !== f.object) return false;
    if (text && !`${r.type} ${r.reason} ${r.object} ${r.message} ${r.source}`.toLowerCase().includes(text)) return false;
    return true;
  };
}

/**
 * The newest `limit` rows that pass the filter (in log order), and how many rows pass in all. With
 * no filter it reads only those rows: at 150,000 pods the log holds over half a million events.
 */
export function newestRows(rows: readonly EventRow[], f: EventFilter, limit: number): { rows: EventRow[]; matching: number } {
  const test = rowTest(f);
  if (!test) return { rows: rows.slice(Math.max(0, rows.length - limit)), matching: rows.length };
  const out: EventRow[] = [];
  let matching = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (!test(rows[i])) continue;
    matching++;
    if (out.length < limit) out.push(rows[i]);
  }
  return { rows: out.reverse(), matching };
}

/** The objects events are about, for the object filter, sorted. */
export function objectOptions(rows: readonly EventRow[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) keys.add(r.key);
  return [...keys].sort();
}

/** A run of consecutive rows of the event log, drawn (or skipped while out of view) together. */
export interface RowChunk {
  /** Stable while rows are appended: the chunk's place in the whole filtered log. */
  key: number;
  rows: EventRow[];
}

/**
 * Cuts the rows into chunks of `size` by their place in the whole filtered log (`offset` is the
 * first row's), so that as new rows arrive and old ones leave the drawn window, a row stays in the
 * same chunk and is not drawn again.
 */
export function chunkRows(rows: readonly EventRow[], offset: number, size: number): RowChunk[] {
  const chunks: RowChunk[] = [];
  for (let i = 0; i < rows.length; i++) {
    const key = Math.floor((offset + i) / size);
    const last = chunks.at(-1);
    if (last?.key === key) last.rows.push(rows[i]);
    else chunks.push({ key, rows: [rows[i]] });
  }
  return chunks;
}

/** The row groups to draw and the room the others take above and below them, in px. */
export interface GroupWindow {
  /** Indices of the first and last group drawn (first > last when there is none). */
  first: number;
  last: number;
  before: number;
  after: number;
}

/**
 * The row groups within `margin` px of the part of the log in view (`top` to `top + height`, in px
 * from the first row; `Infinity` for the end), given each group's height, measured once drawn and
 * estimated before. Only those are drawn: the log holds thousands of rows, a dozen of which are seen.
 */
export function groupsInView(heights: readonly number[], top: number, height: number, margin: number): GroupWindow {
  const total = heights.reduce((a, b) => a + b, 0);
  const from = Math.max(0, Math.min(top, total - height) - margin);
  const to = Math.max(0, Math.min(top, total - height)) + height + margin;
  let first = heights.length;
  let last = -1;
  let before = 0;
  let y = 0;
  for (let i = 0; i < heights.length; i++) {
    const end = y + heights[i];
    if (end > from && y < to) {
      if (first === heights.length) {
        first = i;
        before = y;
      }
      last = i;
    }
    y = end;
  }
  if (last < 0) return { first: heights.length, last: heights.length - 1, before: total, after: 0 };
  let drawn = 0;
  for (let i = first; i <= last; i++) drawn += heights[i];
  return { first, last, before, after: total - before - drawn };
}
