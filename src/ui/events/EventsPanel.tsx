/**
 * The event log: every Event in the cluster as `kubectl get events -o wide` shows it (TYPE, REASON,
 * OBJECT, MESSAGE, COUNT, FIRST SEEN, LAST SEEN), oldest first, filtered by object, type and text
 * and by the graph's namespace filter. Clicking an event selects its object and moves the clock to
 * the moment it happened.
 */
import type { Event } from "kubernetes-types/core/v1";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { useShallow } from "zustand/shallow";
import type { KObject } from "../../sim/api/types";
import { formatClock } from "../controls/format-time";
import { useThrottledClock } from "../controls/use-throttled-clock";
import { inspector, useInspector } from "../inspector/inspector-store";
import { useThrottledVersion } from "../inspector/use-throttled-version";
import { useAppStore } from "../store/store";
import { eventAge as age, chunkRows, eventRows, groupsInView, newestRows, objectOptions, type EventRow, type RowChunk } from "./event-rows";
import { jumpToEvent } from "./jump";
import "./events.css";

/** At most this many rows (the newest) can be scrolled to; the filters find older ones. */
const ROW_LIMIT = 2000;
/**
 * Rows per row group. Only the groups in view and a screenful either side are drawn (see
 * groupsInView); the others are room of their height. Groups rather than rows: a row's height
 * is measured once its group is drawn, and a group of rows is one element to measure.
 */
const CHUNK = 25;
/** A row's height before any is measured: one line in a wide dock, two in a narrow one. */
const ROW_ESTIMATE = { wide: 21, narrow: 37 };

/** True when a namespace passes the graph's namespace filter ("", "ns", "!ns"). */
export function namespaceShown(filter: string, namespace: string): boolean {
  if (!filter || !namespace) return true;
  return filter.startsWith("!") ? namespace !== filter.slice(1) : namespace === filter;
}

function useRows(): EventRow[] {
  const version = useThrottledVersion(300, "Event");
  const nsFilter = useAppStore((s) => s.namespace);
  return useMemo(() => {
    void version;
    const events = useAppStore.getState().mirror.list<Event & KObject>("Event");
    return eventRows(events).filter((r) => namespaceShown(nsFilter, r.involved.namespace || r.namespace));
  }, [version, nsFilter]);
}

/**
 * The heights of drawn row groups, measured by the browser after its layout (a ResizeObserver: no
 * layout of its own) and kept while the group keeps its number of rows and the log its width.
 * `observe` is the ref of a drawn group; `version` changes when a height does.
 */
function useGroupHeights(width: number): { heights: Map<number, { rows: number; px: number }>; observe: (el: HTMLElement | null) => void; version: number } {
  const heights = useRef(new Map<number, { rows: number; px: number }>());
  const [version, setVersion] = useState(0);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const [lastWidth, setLastWidth] = useState(width);
  if (width !== lastWidth) {
    // Rows wrap differently at another width: every height is an estimate again.
    heights.current.clear();
    setLastWidth(width);
  }
  useEffect(() => () => observer.current?.disconnect(), []);
  const observe = useCallback((el: HTMLElement | null) => {
    if (!el || typeof ResizeObserver === "undefined") return;
    observer.current ??= new ResizeObserver((entries) => {
      let changed = false;
      for (const e of entries) {
        const target = e.target as HTMLElement;
        if (!target.isConnected) {
          observer.current?.unobserve(target);
          continue;
        }
        const key = Number(target.dataset.group);
        const rows = target.childElementCount;
        const px = e.borderBoxSize[0]?.blockSize ?? target.offsetHeight;
        const old = heights.current.get(key);
        if (old?.rows === rows && old.px === px) continue;
        heights.current.set(key, { rows, px });
        changed = true;
      }
      if (changed) setVersion((v) => v + 1);
    });
    observer.current.observe(el);
  }, []);
  return { heights: heights.current, observe, version };
}

export function EventsPanel() {
  const rows = useRows();
  const filter = useInspector(useShallow((s) => s.eventFilter));
  const clock = useThrottledClock(1000);
  const { rows: visible, matching } = useMemo(() => newestRows(rows, filter, ROW_LIMIT), [rows, filter]);
  // The objects to filter by are gathered while the list is in use (or a filter is set): reading
  // every row for them at each batch cost a busy cluster more than the log itself.
  const [choosing, setChoosing] = useState(false);
  const objects = useMemo(() => (choosing || filter.object ? objectOptions(rows) : []), [rows, choosing, filter.object]);
  const offset = matching - visible.length;
  const chunks = useMemo(() => chunkRows(visible, offset, CHUNK), [visible, offset]);
  const scroller = useRef<HTMLDivElement>(null);
  const box = useBox(scroller);
  // A narrow dock puts each message on a line of its own under the other columns.
  const narrow = box.width < 860;
  const { heights, observe, version } = useGroupHeights(box.width);
  /** The part of the log in view: `top` is Infinity while it follows the newest event. */
  const [top, setTop] = useState(Infinity);
  const win = useMemo(() => {
    void version;
    return groupsInView(groupHeights(chunks, heights, narrow), top, box.height, box.height);
  }, [chunks, heights, narrow, top, box.height, version]);
  const stick = useRef(true);
  /** Set when following moved the log: the scroll event that follows is ours, not the user's. */
  const ownScroll = useRef(false);

  /**
   * Scrolls to the newest event while following. It runs from a ResizeObserver, which the browser
   * calls after its own layout and before painting: reading the log's height then costs nothing, and
   * the frame that draws new rows already shows them. (Run when rows change, it made the browser lay
   * out the whole page once more at every batch: a tenth of the page's time while hundreds of pods
   * start.) New rows, rows that wrap in a narrower dock, a row group drawn for the first time with its
   * own height instead of its estimate, and a dock dragged shorter all change one of the two sizes.
   */
  const follow = useCallback(() => {
    const el = scroller.current;
    if (!el || !stick.current) return;
    const top = el.scrollTop;
    el.scrollTop = el.scrollHeight;
    if (el.scrollTop !== top) ownScroll.current = true;
  }, []);
  const table = useRef<HTMLTableElement>(null);
  const hasRows = visible.length > 0;
  useEffect(() => {
    const el = table.current;
    const box = scroller.current;
    if (!el || !box || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(follow);
    ro.observe(el);
    ro.observe(box);
    return () => ro.disconnect();
  }, [hasRows, follow]);

  const field = "rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-[12px] text-slate-100";
  const multiNs = new Set(visible.map((r) => r.involved.namespace || r.namespace)).size > 1;
  const headers = [...(multiNs ? ["NAMESPACE"] : []), "TYPE", "REASON", "OBJECT", "MESSAGE", "COUNT", "FIRST SEEN", "LAST SEEN"];
  const template = [...(multiNs ? ["96px"] : []), "82px", narrow ? "minmax(0,0.7fr)" : "130px", narrow ? "minmax(0,1.3fr)" : "190px", ...(narrow ? [] : ["minmax(0,1fr)"]), "56px", "88px", "88px"].join(" ");
  return (
    <section aria-label="Events" className="flex h-full min-h-0 flex-col">
      <div role="toolbar" aria-label="Event filters" className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-3 py-1 text-[12px] text-slate-300">
        <label className="flex items-center gap-1">
          Object
          <select
            aria-label="Filter events by object"
            className={`${field} max-w-56`}
            value={filter.object}
            onChange={(e) => inspector.setEventFilter({ object: e.target.value })}
            onFocus={() => setChoosing(true)}
            onPointerDown={() => setChoosing(true)}
            onBlur={() => setChoosing(false)}
          >
            <option value="">all objects</option>
            {objects.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Type
          <select aria-label="Filter events by type" className={field} value={filter.type} onChange={(e) => inspector.setEventFilter({ type: e.target.value as "" | "Normal" | "Warning" })}>
            <option value="">all</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <input type="search" aria-label="Filter events by text" placeholder="Search reason, object, message…" className={`${field} w-56`} value={filter.text} onChange={(e) => inspector.setEventFilter({ text: e.target.value })} />
        <span className="ml-auto text-[11px] text-slate-400" role="status">
          {matching === rows.length ? `${rows.length} ${rows.length === 1 ? "event" : "events"}` : `${matching} of ${rows.length} events`}
          {matching > ROW_LIMIT ? `, newest ${ROW_LIMIT} shown` : ""}
        </span>
      </div>
      <div
        ref={scroller}
        className="event-scroller min-h-0 flex-1 overflow-auto bg-slate-950"
        onScroll={(e) => {
          // Following new events scrolls the log at every batch; measuring then would make the browser
          // lay the page out once more each time. Only the user's scrolls are measured.
          if (ownScroll.current) {
            ownScroll.current = false;
            return;
          }
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
          // Scrolled up, the rows read stay where they are as old rows leave the top (the browser's
          // scroll anchoring). While following, anchoring is off: it would move the view up when
          // rows leave, and that scroll, arriving before the log is followed again, would read as
          // the user's.
          el.style.overflowAnchor = stick.current ? "" : "auto";
          setTop(stick.current ? Infinity : el.scrollTop);
        }}
      >
        {visible.length === 0 ? (
          <p className="px-3 py-3 text-[12px] text-slate-400">{rows.length === 0 ? "No events yet. Apply something: the scheduler, the kubelet and the controllers report what they do as events." : "No event matches the filters."}</p>
        ) : (
          <table ref={table} role="table" aria-label="Event log" aria-rowcount={matching + 1} className="block w-full font-mono text-[11.5px] leading-[16px]">
            <thead role="rowgroup" className="sticky top-0 z-10 block bg-slate-900 text-left text-[10.5px] tracking-wide text-slate-400">
              <tr role="row" className="grid" style={{ gridTemplateColumns: template }}>
                {headers.map((h) => (
                  <th key={h} role="columnheader" scope="col" className={`truncate px-2 py-1 font-medium whitespace-nowrap ${h === "COUNT" ? "text-right" : ""} ${h === "MESSAGE" && narrow ? "hidden" : ""}`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            {win.before > 0 && <tbody aria-hidden="true" className="block" style={{ height: win.before }} />}
            {chunks.slice(win.first, win.last + 1).map((c) => {
              const first = Math.max(c.key * CHUNK, offset);
              return (
                <tbody key={c.key} ref={observe} data-group={c.key} role="rowgroup" className="block">
                  {c.rows.map((r, i) => (
                    // Row 1 is the header; the others count from the oldest row that passes the filters.
                    <EventLine key={`${r.namespace}/${r.name}`} r={r} index={first + i + 2} now={clock.time} multiNs={multiNs} narrow={narrow} template={template} />
                  ))}
                </tbody>
              );
            })}
            {win.after > 0 && <tbody aria-hidden="true" className="block" style={{ height: win.after }} />}
          </table>
        )}
      </div>
    </section>
  );
}

interface EventLineProps {
  r: EventRow;
  /** aria-rowindex: the row's place in the whole filtered log, header included. */
  index: number;
  now: number;
  multiNs: boolean;
  narrow: boolean;
  template: string;
}

/**
 * Same line as before: the rows are rebuilt with every batch, but most of them did not change, and
 * as the clock moves, only the rows whose ages read differently are drawn again (an hour-old event
 * reads "60m" for a whole minute).
 */
function sameLine(a: EventLineProps, b: EventLineProps): boolean {
  const x = a.r;
  const y = b.r;
  return (
    a.index === b.index && a.multiNs === b.multiNs && a.narrow === b.narrow && a.template === b.template &&
    (a.now === b.now || (age(a.now, x.first) === age(b.now, y.first) && age(a.now, x.last) === age(b.now, y.last))) &&
    (x === y || (x.name === y.name && x.namespace === y.namespace && x.type === y.type && x.reason === y.reason && x.object === y.object && x.message === y.message && x.count === y.count && x.first === y.first && x.last === y.last))
  );
}

const EventLine = memo(function EventLine({ r, index, now, multiNs, narrow, template }: EventLineProps) {
  const warning = r.type === "Warning";
  const label = `Go to ${r.type} event ${r.reason} of ${r.object} at ${formatClock(r.last)}`;
  const cell = "min-w-0 px-2 py-0.5";
  return (
    <tr
      role="row"
      aria-rowindex={index}
      className={`grid cursor-pointer border-b border-slate-800/70 hover:bg-slate-800/60 ${warning ? "bg-rose-500/5" : ""}`}
      style={{ gridTemplateColumns: template }}
      onClick={() => void jumpToEvent(r)}
      data-object={r.key}
    >
      {multiNs && <td role="cell" className={`${cell} truncate text-slate-400`}>{r.involved.namespace || r.namespace}</td>}
      <td role="cell" className={`${cell} whitespace-nowrap`}>
        <button
          type="button"
          aria-label={label}
          title={label}
          className={`rounded px-0.5 focus:outline-2 focus:outline-sky-400 ${warning ? "text-rose-300" : "text-slate-300"}`}
          onClick={(e) => {
            e.stopPropagation();
            void jumpToEvent(r);
          }}
        >
          <span aria-hidden="true">{warning ? "▲ " : "● "}</span>
          {r.type}
        </button>
      </td>
      <td role="cell" className={`${cell} truncate ${warning ? "text-rose-200" : "text-slate-200"}`} title={r.reason}>
        {r.reason}
      </td>
      <td role="cell" className={`${cell} truncate text-sky-200`} title={r.object}>
        {r.object}
      </td>
      <td role="cell" className={`${cell} break-words whitespace-pre-wrap text-slate-200 ${narrow ? "pl-6 text-slate-300" : ""}`} style={narrow ? { gridRow: 2, gridColumn: "1 / -1" } : undefined}>
        {r.message}
      </td>
      <td role="cell" className={`${cell} text-right text-slate-300`}>{r.count}</td>
      <td role="cell" className={`${cell} whitespace-nowrap text-slate-400`} title={`at ${formatClock(r.first)}`}>
        {age(now, r.first)}
      </td>
      <td role="cell" className={`${cell} whitespace-nowrap text-slate-300`} title={`at ${formatClock(r.last)}`}>
        {age(now, r.last)}
      </td>
    </tr>
  );
}, sameLine);

/** The inner size of an element, followed as it resizes. */
function useBox(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [box, setBox] = useState({ width: 1000, height: 300 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setBox((b) => (b.width === el.clientWidth && b.height === el.clientHeight ? b : { width: el.clientWidth, height: el.clientHeight }));
    const ro = new ResizeObserver(read);
    ro.observe(el);
    read();
    return () => ro.disconnect();
  }, [ref]);
  return box;
}

/**
 * Each row group's height: as measured when it was drawn (scaled if it has gained rows since), or
 * its rows times the mean height of the rows measured so far.
 */
function groupHeights(chunks: readonly RowChunk[], measured: Map<number, { rows: number; px: number }>, narrow: boolean): number[] {
  let rows = 0;
  let px = 0;
  const keys = new Set(chunks.map((c) => c.key));
  for (const [key, m] of measured) {
    if (!keys.has(key)) measured.delete(key);
    else if (m.rows > 0) {
      rows += m.rows;
      px += m.px;
    }
  }
  const perRow = rows > 0 ? px / rows : narrow ? ROW_ESTIMATE.narrow : ROW_ESTIMATE.wide;
  return chunks.map((c) => {
    const m = measured.get(c.key);
    if (m?.rows === c.rows.length) return m.px;
    return m && m.rows > 0 ? (m.px / m.rows) * c.rows.length : perRow * c.rows.length;
  });
}
