/**
 * Small status pieces shared by the cards: a status badge that pairs colour with a glyph and the
 * word itself, a countdown on the virtual clock, and the mapping of kubectl's status words to a tone.
 */
import { memo } from "react";
import { DEFAULT_EPOCH_MS } from "../../../sim/clock";
import { formatSeconds } from "../../controls/format-time";
import { useAppStore } from "../../store/store";

export type Tone = "ok" | "wait" | "done" | "bad" | "gone" | "idle";

const BAD = /Err|BackOff|Error|OOMKilled|Failed|Invalid|Evicted|ContainerCannotRun|DeadlineExceeded|Unknown|NotReady|Signal|ExitCode/;

/** The tone of a kubectl STATUS word. */
export function toneOf(status: string): Tone {
  if (status === "Running") return "ok";
  if (status === "Completed" || status === "Succeeded") return "done";
  if (status === "Terminating") return "gone";
  if (BAD.test(status)) return "bad";
  return "wait";
}

/** Glyph per tone: the shape carries the meaning as well as the colour. */
export const TONE_GLYPH: Record<Tone, string> = { ok: "●", wait: "◌", done: "✓", bad: "✕", gone: "◐", idle: "○" };

export const TONE_CLASS: Record<Tone, string> = {
  ok: "bg-emerald-500/15 text-emerald-300 ring-emerald-400/40",
  wait: "bg-amber-400/15 text-amber-200 ring-amber-300/40",
  done: "bg-sky-400/15 text-sky-200 ring-sky-300/40",
  bad: "bg-rose-500/20 text-rose-200 ring-rose-400/50",
  gone: "bg-violet-400/15 text-violet-200 ring-violet-300/40",
  idle: "bg-slate-500/15 text-slate-300 ring-slate-400/30",
};

/** A status word with its glyph; re-keyed so a change of status flashes. */
export const StatusBadge = memo(function StatusBadge({ text, tone, className = "" }: { text: string; tone?: Tone; className?: string }) {
  const t = tone ?? toneOf(text);
  return (
    <span key={text} className={`status-change inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium ring-1 ${TONE_CLASS[t]} ${className}`}>
      <span aria-hidden="true">{TONE_GLYPH[t]}</span>
      {text}
    </span>
  );
});

/** Virtual ms of an RFC 3339 timestamp the simulation wrote. */
export function virtualMs(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t - DEFAULT_EPOCH_MS;
}

/** Seconds left until a virtual instant, ticking with the clock. Only this element re-renders. */
export const Countdown = memo(function Countdown({ until, prefix, className = "" }: { until: number; prefix: string; className?: string }) {
  const left = useAppStore((s) => Math.max(0, Math.ceil((until - s.clock.time) / 1000)));
  return (
    <span className={className}>
      {prefix} {formatSeconds(left * 1000)}
    </span>
  );
});
