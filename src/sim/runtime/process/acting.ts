/**
 * Which process is acting right now — for file ownership, permission checks and `/proc/self`. A
 * process's own step acts as itself; a server's request handler (called synchronously while the
 * client's step runs) acts as the server through `runAs`.
 */
import type { ProcessEntry } from "./process-table";
import type { ProcessScheduler } from "./scheduler";

const overrides: ProcessEntry[] = [];

/** Runs `fn` as `entry` (a listener's handler runs as its server). */
export function runAs<T>(entry: ProcessEntry, fn: () => T): T {
  overrides.push(entry);
  try {
    return fn();
  } finally {
    overrides.pop();
  }
}

/** runAs for a function of up to two arguments, without a closure per call. */
export function runAs2<R>(entry: ProcessEntry, fn: (a?: unknown, b?: unknown) => R, a: unknown, b: unknown): R {
  overrides.push(entry);
  try {
    return fn(a, b);
  } finally {
    overrides.pop();
  }
}

/** The process whose code is running, if any. */
export function actingProcess(scheduler: ProcessScheduler): ProcessEntry | undefined {
  return overrides[overrides.length - 1] ?? scheduler.current?.acting;
}
