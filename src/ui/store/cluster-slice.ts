/**
 * The cluster slice: the mirror of the worker's cluster, the clock the time controls show, and the
 * worker's health. Only the bridge writes it.
 */
import type { StateCreator } from "zustand";
import type { ClockStatus, RecordedInput } from "../../worker/protocol";
import { ClusterMirror } from "./mirror";

/** How the simulation worker is doing. */
export type WorkerStatus = "starting" | "ready" | "restarting";

/** A failure shown to the user: never swallowed. */
export interface SimError {
  /** What happened, in a sentence. */
  message: string;
  /** The underlying error text. */
  detail?: string;
  /** Wall-clock instant (Date.now) it was shown, so the banner can tell repeats apart. */
  at: number;
}

export interface ClusterSlice {
  mirror: ClusterMirror;
  /** Bumped on every applied batch. */
  version: number;
  /** Bumped when boxes appear, vanish or change shape: the graph lays out again. */
  structure: number;
  /** Bumped when links change (endpoints, volume sources, bindings). */
  links: number;
  clock: ClockStatus;
  worker: WorkerStatus;
  error?: SimError;
  /** How many times the worker was restarted after a failure. */
  restarts: number;
  /** The recorded inputs of this history, for the timeline's markers. */
  history: readonly RecordedInput[];
}

export const INITIAL_CLOCK: ClockStatus = { time: 0, playing: false, speed: 1, horizon: 0, cursor: 0, inputs: 0 };

export const createClusterSlice: StateCreator<ClusterSlice, [], [], ClusterSlice> = () => ({
  mirror: new ClusterMirror(),
  version: 0,
  structure: 0,
  links: 0,
  clock: INITIAL_CLOCK,
  worker: "starting",
  restarts: 0,
  history: [],
});
