/**
 * The per-pod timeline as one SVG: a time axis, then a band per lane (kubectl STATUS, phase, the
 * conditions, each container) with its segments labelled in words, rows of probe ticks (a stroke
 * for success, a cross for failure), and markers for events, hooks, exits and restarts; the
 * playhead at the current virtual time. Colours come with words, patterns and shapes, never alone.
 * Fills and strokes are attributes, not classes, so the serialised SVG stands on its own.
 */
import { forwardRef, useId, type ReactNode } from "react";
import type { ProbeTick, TimelineMarker } from "../../worker/pod-history";
import { formatClock } from "../controls/format-time";
import { SKIP_EXPORT } from "./export";
import { scale, tickLabel, ticks, type Scale } from "./axis";
import type { Lane, Segment, SegmentTone } from "./lanes";

export const LABEL_W = 150;
export const AXIS_H = 22;
export const ROW_H = 19;
const BAND_H = 14;
export const PAD_R = 14;
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif";

const TONE: Record<SegmentTone, { fill: string; stroke: string; text: string }> = {
  ok: { fill: "#065f46", stroke: "#34d399", text: "#d1fae5" },
  wait: { fill: "#78350f", stroke: "#fbbf24", text: "#fef3c7" },
  done: { fill: "#0c4a6e", stroke: "#38bdf8", text: "#e0f2fe" },
  bad: { fill: "#881337", stroke: "#fb7185", text: "#ffe4e6" },
  backoff: { fill: "#4c0519", stroke: "#fb7185", text: "#fecdd3" },
  off: { fill: "#0f172a", stroke: "#64748b", text: "#cbd5e1" },
  idle: { fill: "#1e293b", stroke: "#94a3b8", text: "#e2e8f0" },
};

export interface TimelineProps {
  podName: string;
  lanes: Lane[];
  start: number;
  end: number;
  now: number;
  width: number;
  /** The instant under the pointer, for the hover line. */
  hover?: number;
  onSeek(time: number): void;
}

/** The height of the SVG for these lanes. */
export function timelineHeight(lanes: readonly Lane[]): number {
  return AXIS_H + lanes.length * ROW_H + 6;
}

export const PodTimeline = forwardRef<SVGSVGElement, TimelineProps>(function PodTimeline({ podName, lanes, start, end, now, width, hover, onSeek }, ref) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const height = timelineHeight(lanes);
  const sc = scale(start, end, LABEL_W, width - PAD_R);
  const axis = ticks(start, end, width - LABEL_W - PAD_R);
  const hatch = `hatch-${uid}`;
  const dots = `dots-${uid}`;
  return (
    <svg
      ref={ref}
      role="img"
      aria-label={`Timeline of pod ${podName} from ${formatClock(start)} to ${formatClock(end)}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily={FONT}
      className="block select-none"
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const x = e.clientX - box.left;
        if (x >= LABEL_W) onSeek(Math.min(Math.max(sc.t(x), start), end));
      }}
    >
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="#475569" strokeWidth="2" />
        </pattern>
        <pattern id={dots} width="5" height="5" patternUnits="userSpaceOnUse">
          <circle cx="2.5" cy="2.5" r="1" fill="#fb7185" />
        </pattern>
      </defs>
      <title>{`Timeline of pod ${podName}`}</title>
      <Axis sc={sc} step={axis.step} at={axis.at} height={height} />
      {lanes.map((lane, i) => (
        <LaneRow key={lane.id} lane={lane} y={AXIS_H + i * ROW_H} sc={sc} hatch={hatch} dots={dots} width={width} onSeek={onSeek} />
      ))}
      {hover !== undefined && hover >= start && hover <= end && <line {...{ [SKIP_EXPORT]: "" }} x1={sc.x(hover)} x2={sc.x(hover)} y1={AXIS_H - 4} y2={height} stroke="#e2e8f0" strokeOpacity="0.35" strokeDasharray="2 2" pointerEvents="none" />}
      {now >= start && now <= end && (
        <g aria-label={`Now, ${formatClock(now)}`} pointerEvents="none">
          <line x1={sc.x(now)} x2={sc.x(now)} y1={AXIS_H - 6} y2={height} stroke="#f8fafc" strokeWidth="1.5" />
          <path d={`M ${sc.x(now) - 4} ${AXIS_H - 9} L ${sc.x(now) + 4} ${AXIS_H - 9} L ${sc.x(now)} ${AXIS_H - 3} Z`} fill="#f8fafc" />
        </g>
      )}
    </svg>
  );
});

function Axis({ sc, step, at, height }: { sc: Scale; step: number; at: number[]; height: number }) {
  return (
    <g aria-hidden="true">
      <text x={8} y={14} fontSize="10" fill="#94a3b8">
        time
      </text>
      {at.map((t) => (
        <g key={t}>
          <line x1={sc.x(t)} x2={sc.x(t)} y1={AXIS_H - 4} y2={height} stroke="#1e293b" />
          <text x={sc.x(t)} y={12} fontSize="10" fill="#94a3b8" textAnchor="middle">
            {tickLabel(t, step)}
          </text>
        </g>
      ))}
    </g>
  );
}

function LaneRow({ lane, y, sc, hatch, dots, width, onSeek }: { lane: Lane; y: number; sc: Scale; hatch: string; dots: string; width: number; onSeek(t: number): void }) {
  const mid = y + ROW_H / 2;
  const sub = lane.kind === "probe";
  return (
    <g role="list" aria-label={laneTitle(lane)}>
      <text x={sub ? 22 : 8} y={mid + 3.5} fontSize={sub ? 10 : 11} fill={sub ? "#94a3b8" : "#cbd5e1"} fontWeight={lane.kind === "container" ? 600 : 400}>
        {clip(lane.label, sub ? 22 : 24)}
      </text>
      <line x1={LABEL_W} x2={width - PAD_R} y1={y + ROW_H - 0.5} y2={y + ROW_H - 0.5} stroke="#0f172a" />
      {lane.segments.map((s, i) => (
        <SegmentBar key={i} s={s} y={y} sc={sc} hatch={hatch} dots={dots} lane={lane} />
      ))}
      {lane.ticks?.map((t, i) => (
        <Tick key={i} t={t} x={sc.x(t.time)} mid={mid} />
      ))}
      {lane.markers?.map((m, i) => (
        <Marker key={i} m={m} x={sc.x(m.time)} mid={mid} onSeek={onSeek} />
      ))}
    </g>
  );
}

function SegmentBar({ s, y, sc, hatch, dots, lane }: { s: Segment; y: number; sc: Scale; hatch: string; dots: string; lane: Lane }) {
  const x0 = Math.max(sc.x(s.start), sc.x0);
  const x1 = Math.min(sc.x(s.end), sc.x1);
  if (x1 <= x0) return null;
  const w = Math.max(x1 - x0, 1);
  const tone = TONE[s.tone];
  const top = y + (ROW_H - BAND_H) / 2;
  const text = s.label;
  const fits = w > text.length * 5.6 + 8;
  const desc = `${lane.label}: ${s.detail && s.detail !== s.label ? `${s.label} (${s.detail})` : s.label}, ${formatClock(s.start)} to ${formatClock(s.end)}`;
  return (
    <g role="listitem" aria-label={desc}>
      <rect x={x0} y={top} width={w} height={BAND_H} rx="2" fill={tone.fill} stroke={tone.stroke} strokeWidth="1" strokeDasharray={s.tone === "off" ? "3 2" : undefined} />
      {(s.tone === "off" || s.tone === "backoff") && <rect x={x0} y={top} width={w} height={BAND_H} rx="2" fill={`url(#${s.tone === "off" ? hatch : dots})`} />}
      {fits && (
        <text x={x0 + 4} y={top + BAND_H - 3.5} fontSize="10" fill={tone.text} pointerEvents="none">
          {text}
        </text>
      )}
    </g>
  );
}

function Tick({ t, x, mid }: { t: ProbeTick; x: number; mid: number }) {
  const desc = `${t.probe} probe of ${t.container}: ${t.result} at ${formatClock(t.time)}${t.message ? ` — ${t.message}` : ""}`;
  let shape: ReactNode;
  if (t.result === "success") shape = <line x1={x} x2={x} y1={mid - 5} y2={mid + 5} stroke="#34d399" strokeWidth="1.5" />;
  else if (t.result === "failure")
    shape = (
      <path d={`M ${x - 3.5} ${mid - 3.5} L ${x + 3.5} ${mid + 3.5} M ${x + 3.5} ${mid - 3.5} L ${x - 3.5} ${mid + 3.5}`} stroke="#fb7185" strokeWidth="1.8" />
    );
  else shape = <circle cx={x} cy={mid} r="3" fill="none" stroke="#94a3b8" strokeWidth="1.2" />;
  return (
    <g role="listitem" aria-label={desc}>
      {shape}
    </g>
  );
}

function Marker({ m, x, mid, onSeek }: { m: TimelineMarker; x: number; mid: number; onSeek(t: number): void }) {
  const desc = `${markerWord(m)} ${m.label}${m.container ? ` (${m.container})` : ""} at ${formatClock(m.time)}${m.detail ? ` — ${m.detail}` : ""}`;
  const color = m.warning ? "#fb7185" : m.kind === "hook" ? "#fbbf24" : "#7dd3fc";
  let shape: ReactNode;
  switch (m.kind) {
    case "event":
    case "sandbox":
      shape = m.warning ? <path d={`M ${x} ${mid - 5} L ${x + 5} ${mid + 4} L ${x - 5} ${mid + 4} Z`} fill={color} stroke="#020617" strokeWidth="0.8" /> : <circle cx={x} cy={mid} r="3.8" fill={color} stroke="#020617" strokeWidth="0.8" />;
      break;
    case "hook":
      shape = <path d={`M ${x} ${mid - 5} L ${x + 5} ${mid} L ${x} ${mid + 5} L ${x - 5} ${mid} Z`} fill={color} stroke="#020617" strokeWidth="0.8" />;
      break;
    case "restart":
      shape = (
        <g>
          <line x1={x} x2={x} y1={mid - 8} y2={mid + 8} stroke="#e2e8f0" strokeWidth="1.2" strokeDasharray="2 1.5" />
          <text x={x + 2} y={mid - 2} fontSize="10" fill="#e2e8f0">
            ↻
          </text>
        </g>
      );
      break;
    default:
      shape = <rect x={x - 3.5} y={mid - 3.5} width="7" height="7" fill={color} stroke="#020617" strokeWidth="0.8" />;
  }
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={`${desc}. Go to this moment`}
      style={{ cursor: "pointer" }}
      onClick={(e) => {
        e.stopPropagation();
        onSeek(m.time);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onSeek(m.time);
        }
      }}
    >
      <rect x={x - 6} y={mid - 8} width="12" height="16" fill="transparent" />
      {shape}
    </g>
  );
}

function markerWord(m: TimelineMarker): string {
  switch (m.kind) {
    case "event":
      return m.warning ? "Warning event" : "Event";
    case "hook":
      return "Hook";
    case "exit":
      return "Container exit:";
    case "restart":
      return "Container";
    case "kill":
      return "Kubelet:";
    default:
      return "";
  }
}

function laneTitle(lane: Lane): string {
  switch (lane.kind) {
    case "condition":
      return `Condition ${lane.label}`;
    case "container":
      return `Container ${lane.container}`;
    case "probe":
      return `${lane.label} ticks of container ${lane.container}`;
    default:
      return lane.label;
  }
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
