/**
 * Small building blocks of the inspector's panels: a titled section, label/value rows, key/value
 * lists (labels, annotations), times shown as the virtual clock and as kubectl's age, and a status
 * word that pairs its colour with a glyph.
 */
import type { ReactNode } from "react";
import { DEFAULT_EPOCH_MS } from "../../sim/clock";
import { humanDuration } from "../../sim/kubectl/printers/duration";
import { formatClock } from "../controls/format-time";
import { useAppStore } from "../store/store";

/** A titled part of a panel. */
export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section aria-label={title} id={id} className="border-b border-slate-800 px-3 py-2">
      <div className="mb-1 flex items-center gap-2">
        <h3 className="text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{title}</h3>
        {actions && <div className="ml-auto flex items-center gap-1.5">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** Label/value rows, as a description list. */
export function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-[12px] leading-[17px]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd className="min-w-0 break-words text-slate-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A map of strings (labels, annotations, a selector), or "<none>" as kubectl prints it. */
export function KeyValues({ map, label }: { map: Record<string, string> | undefined | null; label: string }) {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return <span className="text-[12px] text-slate-500">&lt;none&gt;</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <li key={k} className="max-w-full truncate rounded bg-slate-800 px-1.5 py-px font-mono text-[11px] text-slate-200" title={`${k}=${v}`}>
          {k}
          {v !== "" && <span className="text-slate-400">=</span>}
          {v}
        </li>
      ))}
    </ul>
  );
}

/** Virtual ms of an RFC 3339 timestamp the simulation wrote. */
export function virtualTime(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t - DEFAULT_EPOCH_MS;
}

/** The current virtual second, for ages (a component re-renders once a second, not every frame). */
export function useNowSecond(): number {
  return useAppStore((s) => Math.floor(s.clock.time / 1000) * 1000);
}

/** A time as the virtual clock shows it, with kubectl's age ("00:00:41.0, 9s ago"). */
export function When({ ms, ts }: { ms?: number; ts?: string | null }) {
  const now = useNowSecond();
  const t = ms ?? virtualTime(ts);
  if (t === undefined) return <span className="text-slate-500">—</span>;
  return (
    <span>
      <span className="font-mono">{formatClock(t)}</span>
      <span className="text-slate-400"> ({humanDuration(Math.max(0, now - t))} ago)</span>
    </span>
  );
}

export type Tone = "ok" | "wait" | "done" | "bad" | "idle";

const TONE: Record<Tone, { cls: string; glyph: string }> = {
  ok: { cls: "bg-emerald-500/15 text-emerald-200 ring-emerald-400/40", glyph: "●" },
  wait: { cls: "bg-amber-400/15 text-amber-100 ring-amber-300/40", glyph: "◌" },
  done: { cls: "bg-sky-400/15 text-sky-100 ring-sky-300/40", glyph: "✓" },
  bad: { cls: "bg-rose-500/20 text-rose-100 ring-rose-400/50", glyph: "✕" },
  idle: { cls: "bg-slate-500/15 text-slate-200 ring-slate-400/30", glyph: "○" },
};

/** A state word with its glyph. */
export function Badge({ text, tone }: { text: string; tone: Tone }) {
  const t = TONE[tone];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium ring-1 ${t.cls}`}>
      <span aria-hidden="true">{t.glyph}</span>
      {text}
    </span>
  );
}

/** The tone of a condition status: True, False, Unknown. */
export function conditionTone(status: string | undefined, good: "True" | "False" = "True"): Tone {
  if (status === "Unknown" || !status) return "idle";
  return status === good ? "ok" : "bad";
}

/** A small button used across the panels. */
export function SmallButton({ children, onClick, label, pressed }: { children: ReactNode; onClick(): void; label?: string; pressed?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      onClick={onClick}
      className={`rounded px-1.5 py-0.5 text-[11px] ${pressed ? "bg-sky-600 text-white" : "bg-slate-700 text-slate-100 hover:bg-slate-600"}`}
    >
      {children}
    </button>
  );
}
