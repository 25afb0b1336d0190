/**
 * The message protocol between the page and the simulation worker. The page sends commands; the
 * worker answers each command with a result and streams what changed as batches — at most one per
 * animation frame, because the page returns a credit (`ack`) after applying each batch.
 *
 * Everything here is plain structured-clone data: API objects as Kubernetes writes them, runtime
 * views, and activity records. The page never sees the simulation's internals.
 */
import type { KObject } from "../sim/api/types";
import type { PodRuntimeView } from "./runtime-view";
import type { Query, QueryAnswer } from "./queries";
import type { PreviewRun } from "./preview";

export type { ContainerView, MountView, PodRuntimeView, ProbeView, SandboxView, VolumeView } from "./runtime-view";

/** "max" runs the clock as fast as the worker can; a number is virtual ms per wall ms. */
export type Speed = number | "max";

/** The speeds the time controls offer. */
export const SPEEDS: readonly Speed[] = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, "max"];

/** One input the user gave, recorded with the virtual instant it ran at, so a replay is exact. */
export interface RecordedInput {
  /** Virtual milliseconds when the input ran. */
  at: number;
  /** A session line: "kubectl apply -f -", "kubectl get pods", "podlab node stop node-1", "sleep 5s". */
  text: string;
  /** Standard input (the editor's manifest for apply and delete). */
  stdin?: string;
  /** Files the command may read by name (`-f pod.yaml` in a lesson), kept with it so a replay reads the same text. */
  files?: Record<string, string>;
  /** Where the input came from, for the timeline's markers. */
  source: InputSource;
  /**
   * Virtual ms when the input finished: later than `at` when the command ran the clock itself (a
   * delete waiting for the object to go, `kubectl wait`, `sleep`). Set on the input the result carries.
   */
  end?: number;
}

export type InputSource = "apply" | "delete" | "console";

/** A reference to an API object, as the batches name removed objects. */
export interface ObjectRefLite {
  kind: string;
  namespace: string;
  name: string;
}

/** A trace event as the page receives it: detail reduced to plain values. */
export interface ActivityEvent {
  time: number;
  component: string;
  node?: string;
  action: string;
  object?: ObjectRefLite;
  detail?: Record<string, string | number | boolean | null>;
}

/** A committed write, from the store's watch: who wrote what. The page lights the writer up. */
export interface WriteEvent {
  time: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  actor: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The clock as the time controls show it. */
export interface ClockStatus {
  /** Virtual ms now. */
  time: number;
  playing: boolean;
  speed: Speed;
  /** The furthest virtual instant this history has reached (the timeline's end). */
  horizon: number;
  /** Set while the worker rebuilds the past by replaying the recorded inputs. */
  replayingTo?: number;
  /** How many recorded inputs have run (the rest lie ahead, after a rewind). */
  cursor: number;
  /** Every recorded input's instant and source, for timeline markers. */
  inputs: number;
}

/** What changed since the last batch. */
export interface Batch {
  type: "batch";
  seq: number;
  /** True when this batch replaces everything the page holds (the first batch of a worker). */
  reset: boolean;
  added: KObject[];
  updated: KObject[];
  /**
   * Indexes into `updated` of objects whose spec is unchanged from the copy the page holds: they
   * travel with `spec: null`, and the page puts its own copy back.
   */
  sameSpec?: number[];
  removed: ObjectRefLite[];
  /** Runtime views of pods (sandbox, container instances, probes) that changed, keyed "namespace/name". */
  runtime: PodRuntimeView[];
  runtimeRemoved: string[];
  activity: ActivityEvent[];
  writes: WriteEvent[];
  /** Activity events dropped because too many happened in one frame. */
  droppedActivity: number;
  clock: ClockStatus;
  /** More changes are queued behind this batch (a large change is spread over several frames). */
  more: boolean;
}

/** A piece of a running command's output. */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

/** The outcome of one command, as a terminal shows it. */
export interface CommandOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Virtual time when the command started, as a Go duration ("1m30s"). */
  time: string;
  /** For an input of several commands (lines), each command's own outcome, in order. */
  parts?: CommandOutcome[];
}

export type ToWorker =
  | {
      type: "init";
      seed: number;
      inputs: RecordedInput[];
      time: number;
      speed: Speed;
      playing: boolean;
      /** Accept `fault` messages (the recovery tests load the page with `?faults`). */
      faults?: boolean;
    }
  | {
      type: "command";
      id: number;
      text: string;
      stdin?: string;
      source: InputSource;
      files?: Record<string, string>;
      /**
       * Run it as one recorded input even when it would stream (a lesson's `get --watch
       * --request-timeout=…`): it then drives the clock itself to its end, as the session runner does.
       */
      whole?: boolean;
    }
  /** Plays the clock; with `until`, the clock pauses exactly at that virtual instant (a lesson's `sleep`). */
  | { type: "play"; until?: number }
  | { type: "pause" }
  | { type: "speed"; speed: Speed }
  | { type: "seek"; time: number }
  | { type: "step" }
  | { type: "ack" }
  | { type: "ping"; id: number }
  | { type: "fault"; fault: "throw" | "hang" | "reject" }
  /** A read-only query (describe, logs, a scheduling record...): not recorded, the clock does not move. */
  | { type: "query"; id: number; query: Query }
  /** kubectl runs for the editor that leave no trace (server-side dry runs, reads): see preview.ts. */
  | { type: "preview"; id: number; runs: PreviewRun[] }
  /** Ctrl+C for a running live command (`get -w`, `logs -f`). */
  | { type: "interrupt"; id: number };

export type FromWorker =
  | Batch
  | {
      type: "result";
      id: number;
      outcome: CommandOutcome;
      /** The input as recorded, and the history's length once it was appended (a rewind forks it). */
      input?: RecordedInput;
      inputCount?: number;
    }
  | { type: "pong"; id: number }
  /** What a live command printed since the last message, in order. */
  | { type: "output"; id: number; chunks: OutputChunk[] }
  /** The outcomes of a preview's runs, in order. */
  | { type: "previewResult"; id: number; outcomes: CommandOutcome[] }
  /** The answer to a query, or why there is none. */
  | { type: "answer"; id: number; answer?: QueryAnswer; error?: string }
  | { type: "ready"; seed: number }
  /** The simulation failed in a way that leaves the cluster unusable; the page restarts the worker. */
  | { type: "fatal"; message: string; stack?: string; time: number };
