/** The current lesson step for presenter mode's header: the lesson, which step of how many, its title and state. */
import { useLessonPlayer } from "../lessons/player";

const STATUS: Record<string, string> = { ready: "", running: "running", paused: "paused", done: "done" };

export function LessonStep() {
  const view = useLessonPlayer();
  if (!view) return null;
  const status = view.playing ? "running" : STATUS[view.status];
  return (
    <div role="status" aria-label="Lesson step" className="min-w-0">
      <p className="truncate text-[15px] text-slate-300">
        {view.lesson} · step {view.index + 1} of {view.count}
        {status ? ` · ${status}` : ""}
      </p>
      <p className="truncate text-[20px] font-semibold leading-tight text-slate-100">{view.title}</p>
    </div>
  );
}
