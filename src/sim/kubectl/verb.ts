/**
 * The contract of a kubectl verb: one file per verb (src/sim/kubectl/verbs/<verb>.ts) exporting a
 * Verb — its flags, and a run() that talks to the simulated API server and prints kubectl's output.
 */
import type { Cluster } from "../cluster";
import type { FlagSpec, FlagValue } from "./flags";

/** Where `-f` paths are read from: the session's folder in the CLI, the editor's files in the app. */
export interface FileSource {
  /** The text of a file, or undefined when there is none. */
  readFile(path: string): string | undefined;
  /** The files (full paths) of a directory, or undefined when `path` is not a directory. */
  listDir(path: string): string[] | undefined;
}

/** A cooperative stop signal: the console's Ctrl+C for `-w` and `logs -f`. */
export interface StopSignal {
  readonly stopped: boolean;
  /**
   * Awaited by watches between steps of virtual time (at most one virtual second each), so a host
   * can pace them in real time and deliver Ctrl+C; without it a watch runs as fast as it can.
   */
  tick?(): Promise<void>;
  /**
   * Virtual ms a paced watch or wait may run by itself before the next tick (default one second).
   * 0 leaves all running of the clock to the host: the command only waits, ticking, while the host
   * plays time as it would without it.
   */
  readonly stepMs?: number;
  /**
   * An interactive terminal: a watch or `logs -f` runs until the signal stops it (or its
   * --request-timeout), as kubectl does, not until the simulation's idle limit.
   */
  readonly untilStopped?: boolean;
}

/** One kubectl run: parsed flags and arguments, plus where its output goes. */
export interface Invocation {
  readonly cluster: Cluster;
  /** The verb path as typed, e.g. ["rollout", "status"]. */
  readonly command: string[];
  /** Positional arguments after the verb. */
  readonly args: string[];
  /** Arguments after a bare `--`, e.g. exec's command. */
  readonly afterDash: string[] | undefined;
  /** The value of a flag (its default when unset). */
  flag<T extends FlagValue | undefined = string>(name: string): T;
  /** True when the user gave the flag. */
  isSet(name: string): boolean;
  /** The namespace from `-n`, else "default". */
  readonly namespace: string;
  readonly files: FileSource;
  readonly stdin: string | undefined;
  readonly signal: StopSignal | undefined;
  /** Appends to standard output. */
  out(text: string): void;
  /** Appends to standard error. */
  err(text: string): void;
}

export interface Verb {
  /** The command word ("get") or words ("rollout status", "config view"). */
  name: string;
  aliases?: string[];
  /** kubectl's one-line description, as `kubectl --help` lists it. */
  summary: string;
  /** Usage line, e.g. "kubectl get [(-o|--output=)json|yaml|...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]". */
  usage?: string;
  flags: FlagSpec[];
  /** Runs the verb; resolves to the process exit code. */
  run(inv: Invocation): Promise<number> | number;
}

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string", help: "If present, the namespace scope for this CLI request" },
  { name: "request-timeout", type: "string", default: "0", help: "The length of time to wait before giving up on a single server request." },
  { name: "context", type: "string", help: "The name of the kubeconfig context to use" },
  { name: "kubeconfig", type: "string", help: "Path to the kubeconfig file to use for CLI requests." },
  { name: "v", short: "v", type: "string", help: "number for the log level verbosity" },
  { name: "help", short: "h", type: "bool", help: "help for this command" },
];
