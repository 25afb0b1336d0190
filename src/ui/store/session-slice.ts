/**
 * The session slice: what the user wrote — the editor's manifest and the console history. Both
 * survive worker restarts and page reloads (they are saved to localStorage).
 */
import type { StateCreator } from "zustand";
import type { CommandOutcome, InputSource } from "../../worker/protocol";
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
}

export interface SessionSlice {
  editorText: string;
  console: ConsoleEntry[];
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = () => ({
  editorText: SAMPLE_MANIFEST,
  console: [],
});

/** The console keeps this many entries. */
export const CONSOLE_LIMIT = 200;
