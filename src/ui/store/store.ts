/**
 * The app's one zustand store, made of slices (cluster mirror, UI state, the user's session), with
 * its actions at module level. Components select what they need with module-level selectors.
 */
import { create } from "zustand";
import { createClusterSlice, type ClusterSlice } from "./cluster-slice";
import { CONSOLE_LIMIT, createSessionSlice, type ConsoleEntry, type SessionSlice } from "./session-slice";
import { createUiSlice, type DetailSetting, type UiSlice } from "./ui-slice";

export type AppState = ClusterSlice & UiSlice & SessionSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createClusterSlice(...a),
  ...createUiSlice(...a),
  ...createSessionSlice(...a),
}));

const set = useAppStore.setState;
const get = useAppStore.getState;

/** UI actions. */
export const ui = {
  select(key: string | undefined): void {
    set({ selected: key });
  },
  toggleCollapsed(node: string): void {
    const next = new Set(get().collapsed);
    if (next.has(node)) next.delete(node);
    else next.add(node);
    set({ collapsed: next });
  },
  setNamespace(namespace: string): void {
    set({ namespace });
  },
  setLabelFilter(labelFilter: string): void {
    set({ labelFilter });
  },
  setDetail(detail: DetailSetting): void {
    set({ detail });
  },
  setMotion(motion: boolean): void {
    set({ motion });
  },
  setReducedMotion(reducedMotion: boolean): void {
    set({ reducedMotion });
  },
  toggleEditor(): void {
    set({ editorOpen: !get().editorOpen });
  },
  setEditorWidth(editorWidth: number): void {
    set({ editorWidth: Math.round(Math.min(Math.max(editorWidth, 280), 900)) });
  },
};

/** Session actions: the editor's text and the console history. */
export const session = {
  setEditorText(editorText: string): void {
    const { files, activeFile } = get();
    set({ editorText, files: files.map((f) => (f.id === activeFile && f.text !== editorText ? { ...f, text: editorText } : f)) });
  },
  addEntry(entry: ConsoleEntry): void {
    set({ console: [...get().console, entry].slice(-CONSOLE_LIMIT) });
  },
  updateEntry(id: number, patch: Partial<ConsoleEntry>): void {
    set({ console: get().console.map((e) => (e.id === id ? { ...e, ...patch } : e)) });
  },
  clearConsole(): void {
    set({ console: [] });
  },
};
