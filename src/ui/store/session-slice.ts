/**
 * The session slice: what the user wrote — the editor's manifest and the console history. Both
 * survive worker restarts and page reloads (they are saved to localStorage).
 */
import type { StateCreator } from "zustand";
import type { CommandOutcome, InputSource, OutputChunk } from "../../worker/protocol";
import { SAMPLE_MANIFEST } from "../editor/sample-manifest";

/** One command in the console: what was run and what it printed. */
export interface ConsoleEntry {
  id: number;
  source: InputSource;
  /** The command line as shown ("kubectl apply -f -"). */
  text: string;
  status: "running" | "done" | "lost";
  outcome?: CommandOutcome;
  /** Why an entry has no outcome (the worker was restarted while it ran). */
  note?: string;
  /** What a live command (`get -w`, `logs -f`) printed so far, while it runs. */
  streamed?: OutputChunk[];
  /** The user pressed Ctrl+C. */
  interrupted?: boolean;
}

/** A file of the editor: a named manifest, one tab. */
export interface EditorFile {
  id: string;
  name: string;
  text: string;
}

export interface SessionSlice {
  /** The text of the active file (kept equal to it by the actions). */
  editorText: string;
  console: ConsoleEntry[];
  /** The editor's files, in tab order. */
  files: EditorFile[];
  /** The id of the file shown in the editor. */
  activeFile: string;
}

/** The file a newcomer starts with. */
export const FIRST_FILE: EditorFile = { id: "file-1", name: "sample.yaml", text: SAMPLE_MANIFEST };

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = () => ({
  editorText: SAMPLE_MANIFEST,
  console: [],
  files: [FIRST_FILE],
  activeFile: FIRST_FILE.id,
});

/** The console keeps this many entries. */
export const CONSOLE_LIMIT = 200;
