/**
 * The inspector's own UI state: which tab is open, which part of the selected pod (a container, a
 * volume) the user clicked, the bottom dock (events, pod timeline), the logs view's switches and
 * the event filters. The selected object itself lives in the app store (`selected`).
 */
import { create } from "zustand";

export type InspectorTab = "overview" | "scheduling" | "logs" | "describe" | "yaml";
export type DockTab = "events" | "timeline";

/** A part of a pod the user pointed at in the graph. */
export interface PodPart {
  container?: string;
  volume?: string;
}

/** Filters of the events table. */
export interface EventFilter {
  /** "kind/name" as kubectl's OBJECT column prints it (with the namespace: "ns kind/name"), or "". */
  object: string;
  type: "" | "Normal" | "Warning";
  text: string;
}

export interface InspectorState {
  tab: InspectorTab;
  /** The part of the selected pod clicked last (cleared by a click elsewhere in the graph). */
  part?: PodPart;
  dockOpen: boolean;
  dockTab: DockTab;
  /** Height of the dock in pixels. */
  dockHeight: number;
  /** The container the logs view reads. */
  logContainer?: string;
  logPrevious: boolean;
  logFollow: boolean;
  logTimestamps: boolean;
  eventFilter: EventFilter;
  /** The timeline shows the pod's lifetime, or the whole recorded history. */
  timelineRange: "pod" | "all";
}

export const useInspector = create<InspectorState>()(() => ({
  tab: "overview",
  dockOpen: (globalThis.innerHeight ?? 900) >= 820,
  dockTab: "events",
  dockHeight: Math.round(Math.min(270, (globalThis.innerHeight ?? 900) * 0.34)),
  logPrevious: false,
  logFollow: true,
  logTimestamps: false,
  eventFilter: { object: "", type: "", text: "" },
  timelineRange: "pod",
}));

const set = useInspector.setState;

/** Inspector actions. */
export const inspector = {
  setTab(tab: InspectorTab): void {
    set({ tab });
  },
  setPart(part: PodPart | undefined): void {
    set(part?.container ? { part, logContainer: part.container } : { part });
  },
  openDock(dockTab: DockTab): void {
    set({ dockOpen: true, dockTab });
  },
  setDockOpen(dockOpen: boolean): void {
    set({ dockOpen });
  },
  setDockHeight(dockHeight: number): void {
    set({ dockHeight: Math.round(Math.min(Math.max(dockHeight, 120), 640)) });
  },
  showLogs(container: string, previous = false): void {
    set({ tab: "logs", logContainer: container, logPrevious: previous });
  },
  setLogContainer(logContainer: string): void {
    set({ logContainer });
  },
  setLogPrevious(logPrevious: boolean): void {
    set({ logPrevious });
  },
  setLogFollow(logFollow: boolean): void {
    set({ logFollow });
  },
  setLogTimestamps(logTimestamps: boolean): void {
    set({ logTimestamps });
  },
  setEventFilter(patch: Partial<EventFilter>): void {
    set({ eventFilter: { ...useInspector.getState().eventFilter, ...patch } });
  },
  setTimelineRange(timelineRange: "pod" | "all"): void {
    set({ timelineRange });
  },
};
