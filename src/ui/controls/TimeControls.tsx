/**
 * The time controls: Play / Pause, Step to the next event, the speed (0.25× to 100×, or as fast as
 * the simulation can go), the current virtual time, and a timeline slider to seek backwards and
 * forwards. Rewinding rebuilds the cluster exactly as it was; applying something after a rewind
 * forks the history from there. Ticks on the timeline mark the recorded inputs.
 */
import { useEffect, useRef, useState } from "react";
import { useShallow } from "zustand/shallow";
import { SPEEDS, type Speed } from "../../worker/protocol";
import { bridge } from "../bridge";
import { useAppStore } from "../store/store";
import { formatClock } from "./format-time";
import { useThrottledClock } from "./use-throttled-clock";

function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current">
      <path d={d} />
    </svg>
  );
}

function speedLabel(s: Speed): string {
  return s === "max" ? "Max" : `${s}×`;
}

export function TimeControls() {
  const clock = useThrottledClock(100);
  const history = useAppStore(useShallow((s) => s.history));
  const [drag, setDrag] = useState<number | undefined>(undefined);
  const slider = useRef<HTMLInputElement>(null);
  const max = Math.max(clock.horizon, clock.time, 1000);
  const shown = drag ?? clock.time;

  // Seek when the user lets go (mouse) or on each key press: the native change event.
  useEffect(() => {
    const el = slider.current;
    if (!el) return;
    const onChange = () => {
      bridge.seek(Number(el.value));
      setDrag(undefined);
    };
    el.addEventListener("change", onChange);
    return () => el.removeEventListener("change", onChange);
  }, []);

  const button = "inline-flex items-center gap-1 rounded px-2.5 py-1 text-[13px] font-medium text-slate-100 disabled:opacity-40";
  return (
    <div role="toolbar" aria-label="Time controls" className="contain-strict flex h-12 shrink-0 items-center gap-3 border-t border-slate-800 bg-slate-900 px-3">
      {clock.playing ? (
        <button type="button" className={`${button} bg-slate-700 hover:bg-slate-600`} onClick={() => bridge.pause()}>
          <Icon d="M5 3h3v10H5zM10 3h3v10h-3z" /> Pause
        </button>
      ) : (
        <button type="button" className={`${button} bg-sky-600 hover:bg-sky-500`} onClick={() => bridge.play()}>
          <Icon d="M4 2.5v11l9-5.5z" /> Play
        </button>
      )}
      <button type="button" className={`${button} bg-slate-700 hover:bg-slate-600`} onClick={() => bridge.step()} title="Run until the next event">
        <Icon d="M3 2.5v11l8-5.5zM11.5 3h2.5v10h-2.5z" /> Step
      </button>
      <label className="flex items-center gap-1 text-[12px] text-slate-300">
        Speed
        <select aria-label="Speed" className="rounded border border-slate-600 bg-slate-800 px-1 py-0.5 text-[12px] text-slate-100" value={String(clock.speed)} onChange={(e) => bridge.setSpeed(e.target.value === "max" ? "max" : Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <output aria-label="Current time" className="w-28 shrink-0 rounded bg-slate-800 px-2 py-0.5 text-center font-mono text-[13px] text-slate-100">
        {formatClock(shown)}
      </output>
      <div className="relative flex min-w-0 flex-1 items-center">
        <input
          ref={slider}
          type="range"
          aria-label="Time"
          aria-valuetext={formatClock(shown)}
          min={0}
          max={max}
          step={100}
          value={Math.min(shown, max)}
          onInput={(e) => setDrag(Number((e.target as HTMLInputElement).value))}
          onChange={() => {}}
          className="timeline w-full accent-sky-500"
        />
        <div aria-hidden="true" className="pointer-events-none absolute inset-x-0 -top-1.5 h-1.5">
          {history.map((h, i) => (
            <span key={i} className={`absolute h-1.5 w-0.5 rounded ${h.source === "apply" ? "bg-emerald-400" : h.source === "delete" ? "bg-rose-400" : "bg-slate-400"}`} style={{ left: `${(h.at / max) * 100}%` }} />
          ))}
        </div>
      </div>
      <span className="w-36 shrink-0 truncate text-[11px] text-slate-400">
        {clock.replayingTo !== undefined ? `rebuilding ${formatClock(clock.replayingTo)}…` : clock.cursor < clock.inputs ? `${clock.inputs - clock.cursor} recorded ahead` : `${clock.inputs} ${clock.inputs === 1 ? "input" : "inputs"} recorded`}
      </span>
    </div>
  );
}
