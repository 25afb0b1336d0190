/**
 * Saves what the user wrote — the editor's manifest and the console history — to localStorage, and
 * restores it on load, so neither a crashed worker nor a reloaded page loses it.
 */
import type { ConsoleEntry } from "./session-slice";
import { useAppStore } from "./store";

const EDITOR_KEY = "podlab.editor";
const CONSOLE_KEY = "podlab.console";
const SAVE_DELAY_MS = 300;

/** Restores the saved session, then saves every change (debounced). Returns the unsubscribe. */
export function persistSession(storage: Storage | undefined = globalThis.localStorage): () => void {
  if (!storage) return () => {};
  try {
    const text = storage.getItem(EDITOR_KEY);
    const history = storage.getItem(CONSOLE_KEY);
    const restored: { editorText?: string; console?: ConsoleEntry[] } = {};
    if (text !== null) restored.editorText = text;
    if (history) {
      // Entries that were running when the page went away will never finish.
      restored.console = (JSON.parse(history) as ConsoleEntry[]).map((e) => (e.status === "running" ? { ...e, status: "lost", note: "The page was closed while this ran." } : e));
    }
    useAppStore.setState(restored);
  } catch {
    // Unreadable storage (private mode, corrupt JSON): start with the defaults.
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = { editorText: useAppStore.getState().editorText, console: useAppStore.getState().console };
  const save = () => {
    timer = undefined;
    const s = useAppStore.getState();
    try {
      if (s.editorText !== last.editorText) storage.setItem(EDITOR_KEY, s.editorText);
      if (s.console !== last.console) storage.setItem(CONSOLE_KEY, JSON.stringify(s.console));
    } catch {
      // Storage full: the session still lives in memory.
    }
    last = { editorText: s.editorText, console: s.console };
  };
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.editorText === prev.editorText && s.console === prev.console) return;
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
