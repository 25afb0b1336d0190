/**
 * The editor's files (one tab each): open, create, rename and delete them. They live in the store's
 * session slice, which persist.ts saves, so a reload or a restarted worker keeps them.
 */
import type { EditorFile } from "../store/session-slice";
import { useAppStore } from "../store/store";

const set = useAppStore.setState;
const get = useAppStore.getState;

/** Why a file name cannot be used, or undefined when it can. */
export function fileNameProblem(name: string, files: readonly EditorFile[], except?: string): string | undefined {
  const n = name.trim();
  if (n === "") return "A file needs a name.";
  if (/[/\\\s]/.test(n)) return "A file name has no spaces or slashes.";
  if (files.some((f) => f.id !== except && f.name === n)) return `There is already a file named ${n}.`;
  return undefined;
}

/** A name like "untitled-2.yaml" that no file has yet. */
export function freshName(files: readonly EditorFile[], base = "untitled"): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base}.yaml` : `${base}-${i}.yaml`;
    if (!files.some((f) => f.name === name)) return name;
  }
}

function nextId(files: readonly EditorFile[]): string {
  const used = new Set(files.map((f) => f.id));
  for (let i = files.length + 1; ; i++) if (!used.has(`file-${i}`)) return `file-${i}`;
}

export const files = {
  /** Shows a file in the editor. */
  open(id: string): void {
    const file = get().files.find((f) => f.id === id);
    if (file) set({ activeFile: id, editorText: file.text });
  },
  /** Adds a file and opens it; returns its id. */
  create(name = freshName(get().files), text = ""): string {
    const all = get().files;
    const file: EditorFile = { id: nextId(all), name: name.trim(), text };
    set({ files: [...all, file], activeFile: file.id, editorText: text });
    return file.id;
  },
  rename(id: string, name: string): void {
    set({ files: get().files.map((f) => (f.id === id ? { ...f, name: name.trim() } : f)) });
  },
  /** Sets a file's text (the active file's text is also the editor's). */
  setText(id: string, text: string): void {
    const { files: all, activeFile } = get();
    set({ files: all.map((f) => (f.id === id ? { ...f, text } : f)), ...(id === activeFile ? { editorText: text } : {}) });
  },
  /** Deletes a file; the last one left is emptied rather than removed. Opens its neighbour. */
  remove(id: string): void {
    const all = get().files;
    const i = all.findIndex((f) => f.id === id);
    if (i < 0) return;
    if (all.length === 1) {
      const file = { ...all[0], name: freshName([]), text: "" };
      set({ files: [file], activeFile: file.id, editorText: "" });
      return;
    }
    const rest = all.filter((f) => f.id !== id);
    const active = get().activeFile === id ? rest[Math.min(i, rest.length - 1)] : rest.find((f) => f.id === get().activeFile)!;
    set({ files: rest, activeFile: active.id, editorText: active.text });
  },
};

/** The open file. */
export function activeFile(): EditorFile {
  const s = get();
  return s.files.find((f) => f.id === s.activeFile) ?? s.files[0];
}
