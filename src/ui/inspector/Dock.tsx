/**
 * The dock under the graph: the cluster's event log and the selected pod's timeline, in tabs. It
 * folds down to its tab bar, and its top edge can be dragged (or moved with the arrow keys).
 */
import { useRef } from "react";
import { useShallow } from "zustand/shallow";
import { EventsPanel } from "../events/EventsPanel";
import { TimelinePanel } from "../timeline/TimelinePanel";
import { useAppStore } from "../store/store";
import { inspector, useInspector, type DockTab } from "./inspector-store";
import { parseSelection } from "./selection";

const TABS: { id: DockTab; label: string }[] = [
  { id: "events", label: "Events" },
  { id: "timeline", label: "Pod timeline" },
];

function Handle() {
  const start = useRef<{ y: number; h: number } | undefined>(undefined);
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the events and timeline panel"
      tabIndex={0}
      className="h-1.5 shrink-0 cursor-row-resize bg-slate-800 hover:bg-sky-700 focus:bg-sky-700 focus:outline-none"
      onPointerDown={(e) => {
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        start.current = { y: e.clientY, h: useInspector.getState().dockHeight };
      }}
      onPointerMove={(e) => {
        if (start.current) inspector.setDockHeight(start.current.h - (e.clientY - start.current.y));
      }}
      onPointerUp={() => (start.current = undefined)}
      onKeyDown={(e) => {
        const h = useInspector.getState().dockHeight;
        if (e.key === "ArrowUp") inspector.setDockHeight(h + 20);
        if (e.key === "ArrowDown") inspector.setDockHeight(h - 20);
      }}
    />
  );
}

export function Dock() {
  const { open, tab, height } = useInspector(useShallow((s) => ({ open: s.dockOpen, tab: s.dockTab, height: s.dockHeight })));
  const pod = useAppStore((s) => {
    const sel = parseSelection(s.selected);
    return sel?.kind === "Pod" ? sel.name : undefined;
  });
  return (
    <div className="flex shrink-0 flex-col border-t border-slate-800 bg-slate-950" style={open ? { height } : undefined}>
      {open && <Handle />}
      <div className="flex items-center gap-0.5 border-b border-slate-800 px-2">
        <div role="tablist" aria-label="Events and timeline" className="flex gap-0.5">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={open && tab === t.id}
              aria-controls="dock-panel"
              onClick={() => inspector.openDock(t.id)}
              className={`px-2.5 py-1 text-[12px] ${open && tab === t.id ? "border-b-2 border-sky-400 font-medium text-slate-100" : "border-b-2 border-transparent text-slate-400 hover:text-slate-200"}`}
            >
              {t.label}
              {t.id === "timeline" && pod ? `: ${pod}` : ""}
            </button>
          ))}
        </div>
        <button type="button" aria-expanded={open} aria-controls="dock-panel" className="ml-auto rounded px-2 py-0.5 text-[11px] text-slate-400 hover:bg-slate-800 hover:text-slate-200" onClick={() => inspector.setDockOpen(!open)}>
          {open ? "Hide ▾" : "Show ▴"}
        </button>
      </div>
      {open && (
        <div role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${tab}`} className="min-h-0 flex-1">
          {tab === "events" ? <EventsPanel /> : <TimelinePanel />}
        </div>
      )}
    </div>
  );
}
