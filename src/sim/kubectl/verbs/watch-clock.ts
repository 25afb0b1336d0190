/**
 * How a watch (`get -w`, `events -w`) spends virtual time. A real watch streams until Ctrl+C; here the
 * watch itself advances the virtual clock, printing as changes arrive, and ends at --request-timeout
 * when one is given, otherwise once `kubectlWatchIdle` of virtual time passes with no change to the
 * watched objects (and after `kubectlWatchMax` in all), or as soon as the stop signal is raised.
 */
import { parseDuration } from "../../clock";
import { KubectlError } from "../kubectl";
import type { Invocation } from "../verb";

/** Virtual time per step when a host paces the watch through StopSignal.tick. */
const PACED_STEP_MS = 1000;

export interface WatchState {
  /** Virtual time of the last change printed. */
  lastChange: number;
  /** A change arrived since the clock was last started (stops it so the deadline is recomputed). */
  changed: boolean;
}

export function newWatchState(inv: Invocation): WatchState {
  return { lastChange: inv.cluster.clock.now, changed: false };
}

/** Records that the watch printed a change. */
export function noteChange(inv: Invocation, state: WatchState): void {
  state.lastChange = inv.cluster.clock.now;
  state.changed = true;
}

/** Runs the virtual clock until the watch ends. */
export async function runWatchClock(inv: Invocation, state: WatchState): Promise<void> {
  const clock = inv.cluster.clock;
  const timeoutText = inv.flag<string | undefined>("request-timeout") ?? "0";
  const timeout = parseDuration(timeoutText);
  if (timeout === undefined) throw new KubectlError(`invalid argument "${timeoutText}" for "--request-timeout" flag: time: invalid duration "${timeoutText}"`);
  const start = clock.now;
  const idle = Number(inv.cluster.timings.kubectlWatchIdle ?? 60_000);
  const max = Number(inv.cluster.timings.kubectlWatchMax ?? 600_000);
  const signal = inv.signal;
  for (;;) {
    if (signal?.stopped) return;
    let target = timeout > 0 ? start + timeout : signal?.untilStopped ? Infinity : Math.min(state.lastChange + idle, start + max);
    if (clock.now >= target) return;
    if (signal?.tick) target = Math.min(target, clock.now + (signal.stepMs ?? PACED_STEP_MS));
    state.changed = false;
    await clock.runUntil(target, () => state.changed || signal?.stopped === true);
    if (signal?.tick) await signal.tick();
  }
}
