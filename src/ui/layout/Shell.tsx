/**
 * The page's layout: a header, the control-plane strip, the editor and console on the left (the
 * divider between them and the graph can be dragged), the cluster graph, and the time controls.
 */
import { useRef } from "react";
import { TimeControls } from "../controls/TimeControls";
import { EditorPanel } from "../editor/EditorPanel";
import { ClusterGraph } from "../graph/ClusterGraph";
import { Dock } from "../inspector/Dock";
import { Inspector } from "../inspector/Inspector";
import { ControlPlaneStrip } from "../graph/ControlPlaneStrip";
import { ui, useAppStore } from "../store/store";
import { ConsolePanel } from "../console/ConsolePanel";
import { ErrorBanner } from "./ErrorBanner";
import { FaultsButton } from "../faults/FaultsButton";
import { FaultsPanel } from "../faults/FaultsPanel";
import { PresenterBar, PresenterToggle } from "../presenter/PresenterBar";
import { ShortcutHelp } from "../presenter/ShortcutHelp";
import { ThemeToggle } from "../theme/ThemeToggle";
import { LessonsButton, LessonsSlot } from "../lessons/LessonsPanel";

/** The faults and cluster settings panel, when it is the one open. */
function FaultsSlot() {
  return useChrome((s) => s.panel === "faults") ? <FaultsPanel /> : null;
}
import { useChrome, chrome as shareChrome } from "../presenter/chrome";
import { NoticeBar } from "../share/NoticeBar";
import { SharePanel } from "../share/SharePanel";

/** The header button of the share and save panel. */
function ShareButton() {
  const open = useChrome((s) => s.panel === "share");
  return (
    <button type="button" aria-pressed={open} onClick={() => shareChrome.toggle("share")} className="rounded border border-slate-700 px-2 py-0.5 text-[12px] text-slate-300 hover:bg-slate-800">
      Share &amp; save
    </button>
  );
}

/** The share and save panel, when it is the one open. */
function ShareSlot() {
  return useChrome((s) => s.panel === "share") ? <SharePanel /> : null;
}

function WorkerStatus() {
  const worker = useAppStore((s) => s.worker);
  const text = worker === "ready" ? "simulation running in a worker" : worker === "starting" ? "starting the simulation…" : "restarting the simulation…";
  return (
    <span role="status" className="text-[12px] text-slate-500">
      {text}
    </span>
  );
}

function Divider() {
  const start = useRef<{ x: number; w: number } | undefined>(undefined);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the editor"
      tabIndex={0}
      className="w-1.5 shrink-0 cursor-col-resize bg-slate-800 hover:bg-sky-700 focus:bg-sky-700 focus:outline-none"
      onPointerDown={(e) => {
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        start.current = { x: e.clientX, w: useAppStore.getState().editorWidth };
      }}
      onPointerMove={(e) => {
        if (start.current) ui.setEditorWidth(start.current.w + e.clientX - start.current.x);
      }}
      onPointerUp={() => (start.current = undefined)}
      onKeyDown={(e) => {
        const w = useAppStore.getState().editorWidth;
        if (e.key === "ArrowLeft") ui.setEditorWidth(w - 20);
        if (e.key === "ArrowRight") ui.setEditorWidth(w + 20);
      }}
    />
  );
}

export function Shell() {
  const editorWidth = useAppStore((s) => s.editorWidth);
  // Presenter mode: the graph fills the screen; editor, console, inspector and dock are hidden.
  const presenter = useChrome((s) => s.presenter);
  const editorOpen = useAppStore((s) => s.editorOpen) && !presenter;
  return (
    <div className={`flex h-screen flex-col overflow-hidden bg-slate-950 text-slate-100${presenter ? " presenter-root" : ""}`}>
      {presenter ? <PresenterBar /> : <header className="flex items-center gap-3 border-b border-slate-800 px-4 py-1.5">
        <img src="/favicon.svg" alt="" className="h-5 w-5" />
        <h1 className="text-[15px] font-semibold">Podlab</h1>
        <span className="hidden text-[12px] text-slate-400 min-[1360px]:inline">a Kubernetes playground in your browser</span>
        <span className="ml-auto">
          <WorkerStatus />
        </span>
        <LessonsButton />
        <FaultsButton />
        <ShareButton />
        <PresenterToggle />
        <ThemeToggle />
        <button type="button" aria-pressed={editorOpen} onClick={() => ui.toggleEditor()} className="rounded border border-slate-700 px-2 py-0.5 text-[12px] text-slate-300 hover:bg-slate-800">
          {editorOpen ? "Hide editor" : "Show editor"}
        </button>
      </header>}
      <ControlPlaneStrip />
      <ErrorBanner />
      <NoticeBar />
      <div className="flex min-h-0 flex-1">
        <aside aria-label="Editor and console" hidden={!editorOpen} className="flex min-h-0 shrink-0 flex-col border-r border-slate-800" style={{ width: editorWidth, display: editorOpen ? undefined : "none" }}>
          <EditorPanel />
          <div className="h-[38%] min-h-32 border-t border-slate-800">
            <ConsolePanel />
          </div>
        </aside>
        {editorOpen && <Divider />}
        <div className="flex min-w-0 flex-1 flex-col">
          <main className="relative min-h-0 min-w-0 flex-1" aria-label="Cluster">
            <ClusterGraph />
          </main>
          {!presenter && <Dock />}
        </div>
        {!presenter && <Inspector />}
      </div>
      <div className={presenter ? "presenter-time shrink-0" : "shrink-0"}>
        <TimeControls />
      </div>
      <FaultsSlot />
      <ShortcutHelp />
      <ShareSlot />
      <LessonsSlot />
    </div>
  );
}
