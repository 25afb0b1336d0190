/**
 * The editor panel's own state: the problems Monaco shows for the open file, the result of the
 * last Apply or Delete, whether the diff view is open, and which object's live YAML is shown. It is
 * UI state of this panel only, so it lives here rather than in the app store.
 */
import { create } from "zustand";
import type { ObjectResult } from "./kubectl-output";

/** A problem in the open file, as Monaco's markers hold it. */
export interface EditorProblem {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning" | "info";
  /** Who reported it: the schema ("yaml") or the API server ("kubectl"). */
  source: string;
}

/** What the last Apply or Delete did, object by object. */
export interface ActionResults {
  fileId: string;
  verb: "apply" | "delete";
  /** The command's exit code; undefined when the simulation restarted before it answered. */
  exitCode?: number;
  items: ObjectResult[];
}

/** An API object named by kind, namespace ("" when cluster-scoped) and name. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

interface EditorState {
  problems: EditorProblem[];
  results?: ActionResults;
  diffOpen: boolean;
  live?: ObjectRef;
}

export const useEditorState = create<EditorState>()(() => ({ problems: [], diffOpen: false }));
