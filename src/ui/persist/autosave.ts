/**
 * Autosave: the workspace — editor files, console, recorded inputs and the current time — is written
 * to IndexedDB shortly after every change and when the page is hidden, and restored when the page
 * loads, so a reload, a crash or a closed tab loses nothing. Before a link, a file or a lesson
 * replaces the workspace, the one it replaces is kept aside, and can be brought back.
 *
 * While only the clock moves, only the time is written (a record of its own, naming the workspace
 * record it moves on): the inputs of a large cluster run to megabytes, and writing them every
 * second cost the page a dropped frame each time.
 *
 * What localStorage held before (persist.ts: the editor and the console) still loads first; the
 * autosave, which also has the cluster's history, wins when there is one.
 */
import { create } from "zustand";
import { bridge } from "../bridge";
import { FIRST_FILE, type EditorFile } from "../store/session-slice";
import { useAppStore, type AppState } from "../store/store";
import { formatClock } from "../controls/format-time";
import { captureWorkspace, openWorkspace } from "../share/current";
import { decodeLink, linkData } from "../share/link";
import { notices } from "../share/notice";
import { parseWorkspace, WorkspaceError, type Workspace } from "../share/workspace";
import type { KeyValueStore } from "./kv";

/** The autosaved workspace. */
export const AUTOSAVE_KEY = "workspace";
/** The workspace a link, a file or a lesson replaced. */
export const PREVIOUS_KEY = "previous";

/** The time of the autosaved workspace, saved on its own while nothing else changes. */
export const CLOCK_KEY = "workspace-clock";

/** A workspace as the autosave keeps it. */
export interface SavedWorkspace {
  workspace: Workspace;
  /** Whether the clock was playing. */
  playing: boolean;
  /** Wall-clock instant of the save (Date.now). */
  savedAt: number;
}

/** The clock of an autosaved workspace, moved on since the workspace record was written. */
export interface SavedClock {
  /** Virtual ms the cluster is shown at. */
  time: number;
  playing: boolean;
  /** Wall-clock instant of the save (Date.now). */
  savedAt: number;
  /** `savedAt` of the workspace record this clock moves on. */
  of: number;
}

/** What the page knows of its saved workspaces, for the share panel. */
interface SavedState {
  /** A workspace replaced by a link, a file or a lesson is kept and can be brought back. */
  previous: boolean;
  /** Wall-clock instant (Date.now) of the last autosave that reached storage. */
  savedAt?: number;
  /** Why the last autosave failed (storage full, no IndexedDB), until one succeeds. */
  failed?: string;
}

export const useSaved = create<SavedState>()(() => ({ previous: false }));

/** Wall milliseconds to wait after an edit before saving (edits come in bursts). */
const EDIT_DELAY_MS = 400;
/** Wall milliseconds between saves while only the clock moves. */
const CLOCK_EVERY_MS = 1000;

/** What triggers a prompt save: the user's work, as opposed to the clock moving. */
function workChanged(s: AppState, prev: AppState): boolean {
  return s.files !== prev.files || s.activeFile !== prev.activeFile || s.console !== prev.console || s.history !== prev.history || s.clock.playing !== prev.clock.playing || s.clock.speed !== prev.clock.speed;
}

/** Whether two workspaces differ in nothing but their time. Compares the inputs' texts by reference first: they are the same strings until the user adds one. */
export function sameButTime(a: Workspace, b: Workspace): boolean {
  if (a.seed !== b.seed || a.speed !== b.speed || a.active !== b.active || a.console !== b.console) return false;
  if (a.files.length !== b.files.length || a.inputs.length !== b.inputs.length) return false;
  for (let i = 0; i < a.files.length; i++) if (a.files[i].name !== b.files[i].name || a.files[i].text !== b.files[i].text) return false;
  for (let i = 0; i < a.inputs.length; i++) {
    const x = a.inputs[i];
    const y = b.inputs[i];
    if (x.at !== y.at || x.text !== y.text || x.source !== y.source || x.stdin !== y.stdin || x.end !== y.end) return false;
    if (!sameStrings(x.files, y.files)) return false;
  }
  return JSON.stringify(a.lesson) === JSON.stringify(b.lesson);
}

function sameStrings(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The autosaved workspace, at the time of its clock record when that record moves it on. */
export async function readAutosave(kv: KeyValueStore | undefined): Promise<SavedWorkspace | undefined> {
  const saved = await kv?.get<SavedWorkspace>(AUTOSAVE_KEY).catch(() => undefined);
  if (!saved) return undefined;
  const clock = await kv?.get<SavedClock>(CLOCK_KEY).catch(() => undefined);
  if (!clock || clock.of !== saved.savedAt || clock.savedAt < saved.savedAt) return saved;
  return { workspace: { ...saved.workspace, time: clock.time }, playing: clock.playing, savedAt: clock.savedAt };
}

/** Saves the workspace on every change until the returned function is called. */
export function startAutosave(kv: KeyValueStore, capture: () => Workspace = () => captureWorkspace({ console: true }), now: () => number = Date.now): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  let writing: Promise<void> = Promise.resolve();
  /** The last workspace record that reached storage. */
  let stored: SavedWorkspace | undefined;
  const done = (savedAt: number) => useSaved.setState({ savedAt, failed: undefined });
  // Storage full or unavailable: the workspace still lives in memory and in localStorage.
  const failed = (e: unknown) => useSaved.setState({ failed: e instanceof Error ? e.message : String(e) });
  const save = () => {
    timer = undefined;
    const s = useAppStore.getState();
    // A rebuild in progress has not reached the time it will show; save when it has.
    if (s.clock.replayingTo !== undefined) return schedule(CLOCK_EVERY_MS);
    const record: SavedWorkspace = { workspace: capture(), playing: s.clock.playing, savedAt: now() };
    const base = stored;
    // Play and pause go in the clock record too: at 150,000 pods the inputs are megabytes of YAML,
    // and writing them again took a frame's worth of the page each time the clock started.
    if (base && sameButTime(base.workspace, record.workspace)) {
      const clock: SavedClock = { time: record.workspace.time, playing: record.playing, savedAt: record.savedAt, of: base.savedAt };
      writing = writing.then(() => kv.set(CLOCK_KEY, clock)).then(() => done(clock.savedAt), failed);
      return;
    }
    writing = writing
      .then(() => kv.set(AUTOSAVE_KEY, record))
      .then(() => {
        stored = record;
        done(record.savedAt);
      }, failed);
  };
  const schedule = (delay: number) => {
    const at = now() + delay;
    if (timer !== undefined && due <= at) return;
    if (timer !== undefined) clearTimeout(timer);
    due = at;
    timer = setTimeout(save, delay);
  };
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (workChanged(s, prev)) schedule(EDIT_DELAY_MS);
    else if (s.clock.time !== prev.clock.time) schedule(CLOCK_EVERY_MS);
  });
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  };
  const onHide = () => {
    if (document.visibilityState === "hidden") flush();
  };
  globalThis.addEventListener?.("pagehide", flush);
  globalThis.document?.addEventListener("visibilitychange", onHide);
  return () => {
    unsubscribe();
    flush();
    globalThis.removeEventListener?.("pagehide", flush);
    globalThis.document?.removeEventListener("visibilitychange", onHide);
  };
}

/** Keeps the autosaved workspace aside before something replaces it. */
export async function keepPrevious(kv: KeyValueStore | undefined): Promise<void> {
  if (!kv) return;
  try {
    const current: SavedWorkspace = { workspace: captureWorkspace({ console: true }), playing: false, savedAt: Date.now() };
    await kv.set(PREVIOUS_KEY, current);
    useSaved.setState({ previous: true });
  } catch {
    // Nothing to keep, or no room: the replacement goes ahead.
  }
}

/** Brings back the workspace a link, a file or a lesson replaced. */
export async function restorePrevious(kv: KeyValueStore | undefined): Promise<boolean> {
  const saved = await kv?.get<SavedWorkspace>(PREVIOUS_KEY).catch(() => undefined);
  if (!saved) return false;
  const ws = parseWorkspace(saved.workspace);
  await keepPrevious(kv);
  openWorkspace(ws);
  return true;
}

/** Whether a replaced workspace is kept (called once the page has loaded). */
export async function checkPrevious(kv: KeyValueStore | undefined): Promise<void> {
  const saved = await kv?.get<SavedWorkspace>(PREVIOUS_KEY).catch(() => undefined);
  useSaved.setState({ previous: saved !== undefined });
}

/**
 * Shows another workspace in place of the current one (an imported file, a lesson), keeping the
 * current one aside first so "Restore the previous workspace" can bring it back.
 */
export async function replaceWorkspace(kv: KeyValueStore | undefined, ws: Workspace): Promise<void> {
  await keepPrevious(kv);
  openWorkspace(ws);
}

/** The editor's files as the older localStorage save brought them back. */
export interface EditorSnapshot {
  files: EditorFile[];
  activeFile: string;
}

/** How the page came to show what it shows. */
export type Restored = "link" | "autosave" | "none";

/**
 * Opens a share link's data in place of the workspace, after `keep` has put the one it replaces
 * aside (it says whether there was one). A link that cannot be read changes nothing: the notice
 * says why. Resolves whether the link was opened.
 */
export async function openLink(kv: KeyValueStore | undefined, data: string, keep: () => Promise<boolean>): Promise<boolean> {
  try {
    const ws = await decodeLink(data);
    const kept = await keep();
    openWorkspace(ws);
    notices.show({
      kind: "info",
      text: `Opened a shared workspace at ${formatClock(ws.time)}, paused. Press Play to go on from there.`,
      ...(kept ? { action: { label: "Back to my workspace", run: () => void restorePrevious(kv) } } : {}),
    });
    return true;
  } catch (e) {
    notices.show({ kind: "error", text: e instanceof WorkspaceError ? e.message : `This link could not be opened: ${(e as Error).message}` });
    return false;
  }
}

/** Whether the page shows only what a newcomer starts with (nothing worth keeping aside). */
function pristine(): boolean {
  const s = useAppStore.getState();
  return s.files.length === 1 && s.files[0].text === FIRST_FILE.text && s.console.length === 0 && bridge.history.length === 0;
}

/**
 * Restores the workspace when the page loads: a share link in the URL's fragment first (the
 * fragment is then removed, so a reload does not open the link again), else the autosave. The
 * workspace a link replaces — the autosave, or what the older localStorage save brought back — is
 * kept as the previous one. When the localStorage save brought the editor's files back, they win
 * over the autosave's (`opts.editor`): they are never older.
 */
export async function restoreOnLoad(kv: KeyValueStore | undefined, location: Pick<Location, "hash">, replaceUrl: (hash: string) => void, opts: { editor?: EditorSnapshot } = {}): Promise<Restored> {
  const data = linkData(location.hash);
  if (data !== undefined) {
    replaceUrl("");
    const keep = async () => {
      const saved = await readAutosave(kv);
      if (saved) {
        await kv?.set(PREVIOUS_KEY, saved).then(() => useSaved.setState({ previous: true }), () => {});
        return true;
      }
      if (pristine()) return false;
      await keepPrevious(kv);
      return true;
    };
    if (await openLink(kv, data, keep)) return "link";
  }
  const saved = await readAutosave(kv);
  if (!saved) return "none";
  try {
    const ws = parseWorkspace(saved.workspace);
    openWorkspace(ws, { playing: saved.playing });
    // localStorage is written synchronously when the page goes away; IndexedDB may not have finished.
    if (opts.editor) {
      const { files, activeFile } = opts.editor;
      useAppStore.setState({ files, activeFile, editorText: files.find((f) => f.id === activeFile)?.text ?? files[0].text });
    }
    return "autosave";
  } catch (e) {
    notices.show({ kind: "error", text: `Your saved workspace could not be restored: ${(e as Error).message}` });
    return "none";
  }
}

/**
 * Opens a link pasted into the address bar of a page already open (only the fragment changes, so
 * the page does not reload). The workspace shown is kept as the previous one.
 */
export function openLinksOnHashChange(kv: KeyValueStore | undefined, replaceUrl: (hash: string) => void): () => void {
  const onHash = () => {
    const data = linkData(globalThis.location.hash);
    if (data === undefined) return;
    replaceUrl("");
    void openLink(kv, data, async () => {
      await keepPrevious(kv);
      return true;
    });
  };
  globalThis.addEventListener("hashchange", onHash);
  return () => globalThis.removeEventListener("hashchange", onHash);
}
