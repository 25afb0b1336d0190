/** The lesson gallery: every lesson with its number, level, summary and source, and a button to open it. */
import { lessons } from "../../scenarios/bundle";
import { btn } from "../presenter/SidePanel";
import { openLesson } from "./page-player";
import { Say } from "./Say";

const LEVEL_STYLE: Record<string, string> = {
  beginner: "border-emerald-600/60 text-emerald-300",
  intermediate: "border-amber-600/60 text-amber-300",
};

export function LessonGallery() {
  return (
    <div>
      <p className="mb-2 text-[12px] text-slate-400">
        Each lesson runs its commands on a fresh cluster, step by step, and explains what happens. Opening one keeps your own workspace aside.
      </p>
      <ol aria-label="Lessons" className="space-y-2">
        {lessons.map((entry) => {
          const { lesson } = entry;
          const number = String(entry.number).padStart(2, "0");
          return (
            <li key={entry.id} aria-label={lesson.title} className="rounded-md border border-slate-700/80 bg-slate-950/40 p-2.5">
              <div className="flex items-start gap-2">
                <span className="mt-px font-mono text-[12px] text-slate-500">{number}</span>
                <div className="min-w-0 flex-1">
                  <h3 className="text-[13px] font-semibold leading-snug text-slate-100">{lesson.title}</h3>
                  <p className="mt-0.5 text-[12px] leading-snug text-slate-300">{lesson.summary}</p>
                  <p className="mt-1 text-[11px] leading-snug text-slate-500">
                    <span className="text-slate-400">Source: </span>
                    <Say text={lesson.source} />
                  </p>
                  <div className="mt-1.5 flex items-center gap-2">
                    <span className={`rounded border px-1.5 py-px text-[11px] ${LEVEL_STYLE[lesson.level] ?? ""}`}>{lesson.level}</span>
                    <span className="text-[11px] text-slate-500">
                      {lesson.steps.length} steps
                    </span>
                    <button type="button" className={`ml-auto ${btn.primary}`} aria-label={`Open lesson ${number}: ${lesson.title}`} onClick={() => void openLesson(entry.id)}>
                      Open
                    </button>
                  </div>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
