/**
 * The lesson player's panel: the step's title and explanation, where it is in the lesson, each
 * command as it runs with the claims on its output checked (✓ / ✗), and the buttons that drive it.
 * A step stops at its end; with auto-advance on, the following steps play one after another.
 */
import { useEffect, useRef } from "react";
import { create } from "zustand";
import { useStore } from "zustand";
import { btn } from "../presenter/SidePanel";
import { closeLesson, pagePlayer } from "./page-player";
import type { LessonState, RunEntry } from "./player";
import { Say } from "./Say";

/** Whether Play goes on through the following steps (the user's choice, kept while the page lives). */
const useAutoAdvance = create<{ on: boolean }>()(() => ({ on: false }));

function usePlayer<T>(select: (s: LessonState) => T): T {
  return useStore(pagePlayer.store, select);
}

function StatusLine({ status, index, count }: { status: LessonState["status"]; index: number; count: number }) {
  const words = { ready: "ready", running: "playing", paused: "paused", done: index + 1 === count ? "lesson complete" : "step done" }[status];
  return (
    <p className="text-[12px] text-slate-400">
      <span aria-label="Step position">
        Step {index + 1} of {count}
      </span>
      <span className="mx-1.5 text-slate-600">·</span>
      <span aria-label="Player status" className={status === "running" ? "text-sky-300" : status === "done" ? "text-emerald-300" : ""}>
        {words}
      </span>
    </p>
  );
}

function Entry({ entry }: { entry: RunEntry }) {
  const failed = entry.claims.some((c) => !c.ok);
  return (
    <li className="py-1" aria-label={`Command ${entry.text}`}>
      <div className="flex items-start gap-1.5 font-mono text-[12px]">
        <span className={entry.status === "running" ? "text-sky-300" : failed ? "text-rose-300" : "text-slate-500"}>$</span>
        <span className="min-w-0 break-all text-slate-200">{entry.kind === "sleep" ? `${entry.text}  (the clock plays)` : entry.text}</span>
        {entry.status === "running" && <span className="ml-auto shrink-0 font-sans text-[11px] text-sky-300">running…</span>}
      </div>
      {entry.claims.length > 0 && (
        <ul aria-label="Claims" className="mt-0.5 space-y-px pl-4">
          {entry.claims.map((c, i) => (
            <li key={i} aria-label={`${c.ok ? "Claim holds" : "Claim fails"}: ${c.text}`} className="flex items-start gap-1.5 text-[12px]">
              <span aria-hidden className={c.ok ? "text-emerald-400" : "font-bold text-rose-400"}>
                {c.ok ? "✓" : "✗"}
              </span>
              <span className={`min-w-0 break-words ${c.ok ? "text-slate-300" : "text-rose-200"}`}>{c.text}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The step's explanation and what ran: the panel's body. */
export function LessonPlayerBody() {
  const id = usePlayer((s) => s.id);
  const index = usePlayer((s) => s.step);
  const status = usePlayer((s) => s.status);
  const command = usePlayer((s) => s.command);
  const log = usePlayer((s) => s.log);
  const problem = usePlayer((s) => s.problem);
  const logEnd = useRef<HTMLDivElement>(null);
  // WARNING: Chromium's scrollIntoView returns a promise; returned from the effect, React would call it as the cleanup.
  useEffect(() => {
    logEnd.current?.scrollIntoView?.({ block: "nearest" });
  }, [log]);
  const entry = pagePlayer.lesson();
  if (!id || !entry) return null;
  const step = entry.lesson.steps[index];
  const count = entry.lesson.steps.length;
  // Later paragraphs appear as the step reaches the commands they explain.
  const reached = status === "done" ? Infinity : status === "ready" ? 0 : Math.max(command, ...log.map((e) => e.index + (e.status === "done" ? 1 : 0)));
  return (
    <div aria-label="Lesson progress">
      <p className="text-[12px] font-medium text-slate-400">{entry.lesson.title}</p>
      <StatusLine status={status} index={index} count={count} />
      <h3 className="mt-1.5 text-[15px] font-semibold leading-snug text-slate-50" aria-label="Step title">
        {step.title}
      </h3>
      <div aria-label="Step explanation" className="mt-1 space-y-1.5 text-[13px] leading-relaxed text-slate-200">
        {step.say.map((p, i) =>
          step.sayAt[i] <= reached ? (
            <p key={i}>
              <Say text={p} />
            </p>
          ) : null,
        )}
      </div>
      {log.length > 0 && (
        <section aria-label="Commands run" className="mt-3 rounded border border-slate-800 bg-slate-950/60 px-2 py-1">
          <ul className="divide-y divide-slate-800/70">
            {log.map((e) => (
              <Entry key={e.index} entry={e} />
            ))}
          </ul>
        </section>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-[12px] text-amber-300">
          {problem}
        </p>
      )}
      <div ref={logEnd} />
    </div>
  );
}

/** The buttons: Play step / Continue / Next step, Pause, Previous step, Replay lesson, Close lesson. */
export function LessonPlayerControls() {
  const status = usePlayer((s) => s.status);
  const index = usePlayer((s) => s.step);
  const auto = useAutoAdvance((s) => s.on);
  const entry = pagePlayer.lesson();
  if (!entry) return null;
  const last = index + 1 >= entry.lesson.steps.length;
  const label = status === "paused" ? "Continue" : status === "done" ? (last ? "Lesson complete" : "Next step") : "Play step";
  const go = () => (auto ? pagePlayer.playAll() : pagePlayer.next());
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <button type="button" className={btn.primary} disabled={status === "running" || (status === "done" && last)} onClick={go}>
          {label}
        </button>
        <button type="button" className={btn.plain} disabled={status !== "running"} onClick={() => pagePlayer.pause()}>
          Pause
        </button>
        <button type="button" className={btn.plain} disabled={index === 0 && status === "ready"} onClick={() => pagePlayer.previous()} title="Back to the start of the previous step, the cluster as it was then">
          Previous step
        </button>
        <button type="button" className={btn.plain} onClick={() => pagePlayer.replay()} title="Start over on a fresh cluster and play every step">
          Replay lesson
        </button>
      </div>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-1.5 text-[12px] text-slate-300">
          <input type="checkbox" checked={auto} onChange={(e) => useAutoAdvance.setState({ on: e.target.checked })} className="accent-sky-500" />
          Auto-advance to the next steps
        </label>
        <button type="button" className={`ml-auto ${btn.plain}`} onClick={() => closeLesson()} title="Close the lesson; the cluster and the files stay as they are">
          Close lesson
        </button>
      </div>
    </div>
  );
}
