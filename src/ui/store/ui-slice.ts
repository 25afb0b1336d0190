/**
 * The UI slice: what the user is looking at — the selected object, collapsed nodes, namespace and
 * label filters, level of detail, motion — and how the panels are arranged.
 */
import type { StateCreator } from "zustand";

/** How much of each pod the graph draws: full cards, small chips, or counts per node. */
export type Detail = "cards" | "chips" | "counts";
export type DetailSetting = "auto" | Detail;

export interface UiSlice {
  /** The selected object: "Kind/namespace/name". */
  selected?: string;
  /** Names of nodes drawn collapsed (counts only). */
  collapsed: ReadonlySet<string>;
  /** Namespace filter: "" shows every namespace, "name" one, "!name" all but one (see SYSTEM_HIDDEN). */
  namespace: string;
  /** Label selector filter for pods ("app=web,tier!=db"); "" shows all. */
  labelFilter: string;
  detail: DetailSetting;
  /** The user's motion switch; the system's prefers-reduced-motion also turns motion off. */
  motion: boolean;
  reducedMotion: boolean;
  /** Width of the editor panel in pixels. */
  editorWidth: number;
  /** The editor and console panel is shown (hide it to give a projector the whole width). */
  editorOpen: boolean;
}

/** The default filter: everything but kube-system, whose system pods would crowd a learner's first view. */
export const SYSTEM_HIDDEN = "!kube-system";

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = () => ({
  collapsed: new Set(),
  namespace: SYSTEM_HIDDEN,
  labelFilter: "",
  detail: "auto",
  motion: true,
  reducedMotion: false,
  editorWidth: 460,
  editorOpen: true,
});

/** True when transitions, pulses and travelling dots should play. */
export function motionOn(s: Pick<UiSlice, "motion" | "reducedMotion">): boolean {
  return s.motion && !s.reducedMotion;
}
