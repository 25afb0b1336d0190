/**
 * Presenter mode's header: the app's name, the current lesson step when a lesson is open, and the
 * way out. It replaces the normal header while the editor, console, inspector and dock are hidden
 * and the graph fills the screen.
 */
import { chrome } from "./chrome";
import { LessonStep } from "./LessonStep";

export function PresenterBar() {
  return (
    <header aria-label="Presenter mode" className="presenter-bar flex min-h-12 items-center gap-4 border-b border-slate-700 bg-slate-900 px-4 py-1.5">
      <img src="/favicon.svg" alt="" className="h-7 w-7" />
      <h1 className="shrink-0 text-[22px] font-semibold">Podlab</h1>
      <div className="min-w-0 flex-1">
        <LessonStep />
      </div>
      <span className="shrink-0 text-[14px] text-slate-300">
        Press <kbd className="rounded border border-slate-500 px-1 font-mono">?</kbd> for shortcuts
      </span>
      <button type="button" aria-pressed="true" className="shrink-0 rounded border border-slate-500 px-3 py-1 text-[16px] font-medium text-slate-100 hover:bg-slate-800" onClick={() => chrome.setPresenter(false)}>
        Leave presenter mode
      </button>
    </header>
  );
}

/** The header button that turns presenter mode on. */
export function PresenterToggle() {
  return (
    <button type="button" aria-pressed="false" title="Presenter mode (p)" onClick={() => chrome.setPresenter(true)} className="rounded border border-slate-700 px-2 py-0.5 text-[12px] text-slate-300 hover:bg-slate-800">
      Presenter mode
    </button>
  );
}
