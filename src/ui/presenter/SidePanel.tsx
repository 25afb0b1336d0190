/**
 * A panel that floats over the right of the graph (lessons, faults and settings, share and save):
 * non-modal, so the cluster stays in view while you act on it; Escape or Close shuts it.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { chrome } from "./chrome";

export function SidePanel({ title, children, footer, width = 420 }: { title: string; children: ReactNode; footer?: ReactNode; width?: number }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && ref.current?.contains(document.activeElement)) chrome.close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <section
      ref={ref}
      role="dialog"
      aria-label={title}
      className="side-panel fixed right-3 top-12 bottom-16 z-30 flex flex-col overflow-hidden rounded-lg border border-slate-700 bg-slate-900 text-slate-100 shadow-2xl shadow-black/40"
      style={{ width: `min(${width}px, calc(100vw - 24px))` }}
    >
      <header className="flex items-center gap-2 border-b border-slate-700 px-3 py-2">
        <h2 className="text-[14px] font-semibold">{title}</h2>
        <button type="button" className="ml-auto rounded px-2 py-0.5 text-[12px] text-slate-300 hover:bg-slate-800" aria-label={`Close ${title}`} onClick={() => chrome.close()}>
          Close
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-2 text-[13px]">{children}</div>
      {footer && <footer className="max-h-[40%] shrink-0 overflow-y-auto border-t border-slate-700 bg-slate-950/50 px-3 py-2 text-[13px]">{footer}</footer>}
    </section>
  );
}

/** A titled group inside a panel. */
export function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="mb-3 border-b border-slate-800 pb-3 last:border-b-0">
      <h3 className="mb-1.5 text-[12px] font-semibold uppercase tracking-wide text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

/** The panels' button styles. */
export const btn = {
  base: "rounded px-2 py-0.5 text-[12px] font-medium disabled:cursor-not-allowed disabled:opacity-40",
  plain: "rounded border border-slate-600 px-2 py-0.5 text-[12px] text-slate-100 hover:bg-slate-800 disabled:cursor-not-allowed disabled:opacity-40",
  primary: "rounded bg-sky-600 px-2.5 py-1 text-[12px] font-medium text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-40",
  danger: "rounded border border-rose-500/60 px-2 py-0.5 text-[12px] text-rose-300 hover:bg-rose-950/60 disabled:cursor-not-allowed disabled:opacity-40",
  field: "rounded border border-slate-600 bg-slate-950 px-1.5 py-0.5 text-[12px] text-slate-100",
};
