/**
 * Saves what the user wrote — the editor's files and the console history — to localStorage, and
 * restores it on load, so neither a crashed worker nor a reloaded page loses it.
 */
import type { ConsoleEntry, EditorFile } from "./session-slice";
import { useAppStore } from "./store";

const EDITOR_KEY = "podlab.editor";
const CONSOLE_KEY = "podlab.console";
/** The editor's files and which one is open: `{ files: EditorFile[], activeFile: string }`. */
const FILES_KEY = "podlab.files";
const SAVE_DELAY_MS = 300;
/** Restored console entries are numbered from here, below any id this page hands out. */
const RESTORED_ID_BASE = -1_000_000_000;

/** Restores the saved session, then saves every change (debounced). Returns the unsubscribe. */
export function persistSession(storage: Storage | undefined = globalThis.localStorage): () => void {
  if (!storage) return () => {};
  try {
    const text = storage.getItem(EDITOR_KEY);
    const history = storage.getItem(CONSOLE_KEY);
    const restored: { editorText?: string; console?: ConsoleEntry[]; files?: EditorFile[]; activeFile?: string } = {};
    if (text !== null) {
      // A session saved before files existed had one manifest: it becomes the first file.
      restored.editorText = text;
      restored.files = useAppStore.getState().files.map((f, i) => (i === 0 ? { ...f, text } : f));
    }
    const savedFiles = readFiles(storage.getItem(FILES_KEY));
    if (savedFiles) {
      restored.files = savedFiles.files;
      restored.activeFile = savedFiles.activeFile;
      restored.editorText = savedFiles.files.find((f) => f.id === savedFiles.activeFile)!.text;
    }
    if (history) {
      // Entries that were running when the page went away will never finish.
      // New ids: the bridge numbers this page's commands from 1 again, and updates entries by id.
      restored.console = (JSON.parse(history) as ConsoleEntry[]).map((e, i) => ({ ...(e.status === "running" ? { ...e, status: "lost" as const, note: "The page was closed while this ran." } : e), id: RESTORED_ID_BASE + i }));
    }
    useAppStore.setState(restored);
  } catch {
    // Unreadable storage (private mode, corrupt JSON): start with the defaults.
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = { editorText: useAppStore.getState().editorText, console: useAppStore.getState().console, files: useAppStore.getState().files, activeFile: useAppStore.getState().activeFile };
  const save = () => {
    timer = undefined;
    const s = useAppStore.getState();
    try {
      if (s.editorText !== last.editorText) storage.setItem(EDITOR_KEY, s.editorText);
      if (s.console !== last.console) storage.setItem(CONSOLE_KEY, JSON.stringify(s.console));
      if (s.files !== last.files || s.activeFile !== last.activeFile) storage.setItem(FILES_KEY, JSON.stringify({ files: s.files, activeFile: s.activeFile }));
    } catch {
      // Storage full: the session still lives in memory.
    }
    last = { editorText: s.editorText, console: s.console, files: s.files, activeFile: s.activeFile };
  };
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.editorText === prev.editorText && s.console === prev.console && s.files === prev.files && s.activeFile === prev.activeFile) return;
    if (timer === undefined) timer = setTimeout(save, SAVE_DELAY_MS);
  });
  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  };
  globalThis.addEventListener?.("pagehide", flush);
  return () => {
    unsubscribe();
    flush();
    globalThis.removeEventListener?.("pagehide", flush);
  };
}

/** The saved files, if they are readable and name an open file among them. */
function readFiles(json: string | null): { files: EditorFile[]; activeFile: string } | undefined {
  if (!json) return undefined;
  const saved = JSON.parse(json) as { files?: unknown; activeFile?: unknown };
  if (!Array.isArray(saved.files) || saved.files.length === 0) return undefined;
  const files = saved.files.filter((f): f is EditorFile => !!f && typeof f.id === "string" && typeof f.name === "string" && typeof f.text === "string");
  if (files.length === 0) return undefined;
  const activeFile = files.some((f) => f.id === saved.activeFile) ? (saved.activeFile as string) : files[0].id;
  return { files, activeFile };
}
