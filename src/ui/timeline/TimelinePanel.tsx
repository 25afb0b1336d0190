/**
 * The selected pod's timeline in the bottom dock: the history the worker keeps for the pod, drawn
 * on the virtual time axis with the playhead, over the pod's lifetime or the whole recorded run.
 * Hovering tells what happened there; clicking moves the clock to that instant; the picture can be
 * saved as SVG or PNG.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { formatClock } from "../controls/format-time";
import { useThrottledClock } from "../controls/use-throttled-clock";
import { seekTo } from "../events/jump";
import { inspector, useInspector } from "../inspector/inspector-store";
import { parseSelection } from "../inspector/selection";
import { useWorkerQuery } from "../inspector/use-query";
import { useAppStore } from "../store/store";
import { scale } from "./axis";
import { download, serializeSvg, svgToPng } from "./export";
import { describeAt, type HoverInfo } from "./hover";
import { buildLanes, historySpan } from "./lanes";
import { AXIS_H, LABEL_W, PAD_R, PodTimeline, ROW_H, timelineHeight } from "./PodTimeline";

/** The width of an element, followed as it resizes; the callback ref attaches to whichever element mounts. */
function useWidth(): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(800);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = undefined;
    if (!el) return;
    const measure = () => setWidth(Math.max(360, Math.floor(el.clientWidth)));
    observer.current = new ResizeObserver(measure);
    observer.current.observe(el);
    measure();
  }, []);
  return [ref, width];
}

export function TimelinePanel() {
  const sel = parseSelection(useAppStore((s) => s.selected));
  const pod = sel?.kind === "Pod" ? sel : undefined;
  const range = useInspector((s) => s.timelineRange);
  const clock = useThrottledClock(250);
  const q = useWorkerQuery(pod ? { type: "podHistory", namespace: pod.namespace, name: pod.name } : undefined, { minMs: 500 });
  const history = q.answer?.history;
  const [boxRef, width] = useWidth();
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<{ info: HoverInfo; x: number; y: number } | undefined>(undefined);
  const [exportError, setExportError] = useState<string | undefined>(undefined);

  const now = clock.time;
  const lanes = useMemo(() => (history ? buildLanes(history, now) : []), [history, now]);
  const span = history ? historySpan(history, now) : { start: 0, end: 1 };
  const start = range === "all" ? 0 : span.start;
  const end = range === "all" ? Math.max(clock.horizon, now, 1000) : Math.max(span.end, span.start + 1000);
  const pad = range === "all" ? 0 : (end - start) * 0.01;

  if (!pod) return <p className="px-3 py-3 text-[12px] text-slate-400">Select a pod in the graph to see its timeline: its status and conditions over time, each container's states, probe results, restarts and events.</p>;

  const fileBase = `${pod.name}-timeline`;
  const saveSvg = () => {
    if (svgRef.current) download(serializeSvg(svgRef.current), `${fileBase}.svg`);
  };
  const savePng = async () => {
    const svg = svgRef.current;
    if (!svg) return;
    try {
      setExportError(undefined);
      const blob = await svgToPng(serializeSvg(svg), width, timelineHeight(lanes));
      download(blob, `${fileBase}.png`, "image/png");
    } catch (e) {
      setExportError((e as Error).message);
    }
  };

  const button = "rounded bg-slate-700 px-2 py-0.5 text-[12px] text-slate-100 hover:bg-slate-600 disabled:opacity-40";
  return (
    <section aria-label={`Timeline of pod ${pod.name}`} className="flex h-full min-h-0 flex-col">
      <div role="toolbar" aria-label="Timeline" className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-3 py-1 text-[12px] text-slate-300">
        <span className="font-semibold text-slate-100">pod/{pod.name}</span>
        <label className="flex items-center gap-1">
          Range
          <select aria-label="Timeline range" value={range} onChange={(e) => inspector.setTimelineRange(e.target.value as "pod" | "all")} className="rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-[12px] text-slate-100">
            <option value="pod">the pod's lifetime</option>
            <option value="all">the whole run</option>
          </select>
        </label>
        <button type="button" className={button} disabled={!history} onClick={saveSvg}>
          Export SVG
        </button>
        <button type="button" className={button} disabled={!history} onClick={() => void savePng()}>
          Export PNG
        </button>
        {exportError && (
          <span role="alert" className="text-rose-300">
            {exportError}
          </span>
        )}
        {history && history.dropped > 0 && <span className="text-[11px] text-amber-300">oldest {history.dropped} entries dropped</span>}
      </div>
      <div ref={boxRef} className="relative min-h-0 flex-1 overflow-auto">
        {!history ? (
          <p className="px-3 py-3 text-[12px] text-slate-400">{q.loading ? "Loading the pod's history…" : "No history is kept for this pod (it may have gone long ago, or not exist at this point of the run)."}</p>
        ) : (
          <div
            className="relative"
            onPointerMove={(e) => {
              const box = e.currentTarget.getBoundingClientRect();
              const x = e.clientX - box.left;
              const y = e.clientY - box.top;
              const sc = scale(start - pad, end + pad, LABEL_W, width - PAD_R);
              const info = describeAt(lanes, sc, x, Math.floor((y - AXIS_H) / ROW_H));
              setHover(info ? { info, x, y } : undefined);
            }}
            onPointerLeave={() => setHover(undefined)}
          >
            <PodTimeline ref={svgRef} podName={pod.name} lanes={lanes} start={start - pad} end={end + pad} now={now} width={width} hover={hover?.info.time} onSeek={seekTo} />
            {hover && (
              <div role="tooltip" className="pointer-events-none absolute z-20 max-w-80 rounded border border-slate-600 bg-slate-900/95 px-2 py-1 text-[11.5px] leading-[15px] text-slate-100 shadow-lg" style={{ left: Math.min(hover.x + 12, width - 330), top: hover.y + 14 }}>
                <div className="font-mono text-slate-300">{formatClock(hover.info.time)}</div>
                <div className="font-semibold">{hover.info.lane}</div>
                {hover.info.lines.map((l, i) => (
                  <div key={i} className="break-words">
                    {l}
                  </div>
                ))}
                <div className="mt-0.5 text-[10.5px] text-slate-400">click to go to this moment</div>
              </div>
            )}
            <Legend />
          </div>
        )}
      </div>
    </section>
  );
}

function Legend() {
  return (
    <div aria-label="Legend" className="flex flex-wrap items-center gap-x-2.5 gap-y-0.5 px-3 pt-0.5 pb-2 text-[10.5px] text-slate-400" style={{ paddingLeft: LABEL_W }}>
      <span>
        <span aria-hidden="true" className="mr-0.5 inline-block h-2 w-3 rounded-sm border border-emerald-400 bg-emerald-800 align-middle" />
        running / True
      </span>
      <span>
        <span aria-hidden="true" className="mr-0.5 inline-block h-2 w-3 rounded-sm border border-amber-400 bg-amber-900 align-middle" />
        waiting
      </span>
      <span>
        <span aria-hidden="true" className="mr-0.5 inline-block h-2 w-3 rounded-sm border border-dashed border-slate-500 bg-[repeating-linear-gradient(45deg,#475569_0,#475569_1px,transparent_1px,transparent_4px)] align-middle" />
        False
      </span>
      <span>
        <span aria-hidden="true" className="mr-0.5 inline-block h-2 w-3 rounded-sm border border-rose-400 bg-rose-950 bg-[radial-gradient(#fb7185_1px,transparent_1px)] bg-[length:4px_4px] align-middle" />
        back-off
      </span>
      <span>
        <span aria-hidden="true" className="text-emerald-400">|</span> probe ok
      </span>
      <span>
        <span aria-hidden="true" className="text-rose-400">✕</span> probe failed
      </span>
      <span>
        <span aria-hidden="true" className="text-sky-300">●</span> event <span aria-hidden="true" className="text-rose-400">▲</span> warning
      </span>
      <span>
        <span aria-hidden="true" className="text-amber-300">◆</span> hook <span aria-hidden="true">↻</span> restart <span aria-hidden="true" className="text-rose-400">■</span> exit
      </span>
    </div>
  );
}
