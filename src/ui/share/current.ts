/**
 * The workspace the page shows: taken from the store and the bridge (for a link, a file or the
 * autosave), and put back (a link opened, a file imported, the autosave restored, a lesson opened).
 * Opening one replaces the editor's files and the console, and rebuilds the cluster by replaying
 * its inputs up to its time, paused there.
 */
import { bridge } from "../bridge";
import type { ConsoleEntry, EditorFile } from "../store/session-slice";
import { useAppStore } from "../store/store";
import { makeWorkspace, type Workspace, type WorkspaceFile, type WorkspaceLesson } from "./workspace";

/** How a part of the page that keeps its own state (the lesson player) joins the workspace. */
export interface LessonSlot {
  capture(): WorkspaceLesson | undefined;
  restore(lesson: WorkspaceLesson | undefined): void;
}

let lessonSlot: LessonSlot | undefined;

/** Lets the lesson player save and restore where it is. */
export function registerLessonSlot(slot: LessonSlot): void {
  lessonSlot = slot;
}

/** The virtual instant the page shows (the target of a rebuild while one runs). */
export function shownTime(): number {
  const clock = useAppStore.getState().clock;
  return clock.replayingTo ?? clock.time;
}

/** The current workspace; `console` adds the console history (autosave and exported files). */
export function captureWorkspace(opts: { console: boolean }): Workspace {
  const s = useAppStore.getState();
  const files: WorkspaceFile[] = s.files.map((f) => ({ name: f.name, text: f.text }));
  const active = s.files.find((f) => f.id === s.activeFile)?.name;
  const lesson = lessonSlot?.capture();
  return makeWorkspace({
    seed: bridge.currentSeed,
    speed: s.clock.speed,
    files,
    ...(active ? { active } : {}),
    inputs: bridge.history.map((i) => ({ ...i })),
    time: shownTime(),
    ...(opts.console ? { console: s.console } : {}),
    ...(lesson ? { lesson } : {}),
  });
}

/** The editor files of a workspace, with fresh ids. */
export function editorFiles(ws: Pick<Workspace, "files" | "active">): { files: EditorFile[]; activeFile: string } {
  const list = ws.files.length > 0 ? ws.files : [{ name: "untitled.yaml", text: "" }];
  const files = list.map((f, i) => ({ id: `file-${i + 1}`, name: f.name, text: f.text }));
  const activeFile = files.find((f) => f.name === ws.active)?.id ?? files[0].id;
  return { files, activeFile };
}

/**
 * Shows a workspace: its files in the editor, its console, and its cluster rebuilt at its time.
 * The clock stays paused there unless `playing`.
 */
export function openWorkspace(ws: Workspace, opts: { playing?: boolean } = {}): void {
  const { files, activeFile } = editorFiles(ws);
  const clock = useAppStore.getState().clock;
  useAppStore.setState({
    files,
    activeFile,
    editorText: files.find((f) => f.id === activeFile)!.text,
    console: restoredConsole(ws),
    // Until the worker reports, the page shows where the rebuild is going.
    clock: { ...clock, time: ws.time, playing: false, replayingTo: ws.time, cursor: 0, inputs: ws.inputs.length },
  });
  bridge.restore({ inputs: ws.inputs, time: ws.time, seed: ws.seed, speed: ws.speed, playing: opts.playing ?? false });
  lessonSlot?.restore(ws.lesson);
}

/**
 * A workspace's console entries, ready to show. They get negative ids: the bridge numbers new
 * entries from 1, and two entries with one id would share their updates.
 */
function restoredConsole(ws: Workspace): ConsoleEntry[] {
  const list = ws.console ?? [];
  return list.map((e, i) => ({
    ...e,
    id: i - list.length,
    ...(e.status === "running" ? { status: "lost" as const, note: "The page was closed while this ran." } : {}),
  }));
}
