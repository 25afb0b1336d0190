/**
 * When a CronJob should run, after cronjob/utils.go: the most recent unmet schedule time since the
 * last one (or since creation, or since startingDeadlineSeconds ago), how many were missed (more
 * than 100 is "too many"), and how long to wait for the next — a single timer, however many times
 * were missed, and never a per-minute tick.
 */
import type { CronJob } from "kubernetes-types/batch/v1";
import type { Schedule } from "./schedule";

export type MissedSchedules = "none" | "few" | "many";

/** What mostRecentScheduleTime finds: the earliest time considered, the most recent due time, and how many were missed. */
export interface ScheduleTimes {
  earliest: number;
  mostRecent?: number;
  missed: MissedSchedules;
  /** "time difference between two schedules is less than 1 second", for a schedule that can never run. */
  error?: string;
}

/**
 * mostRecentScheduleTime (times are Unix ms). The number missed is estimated from the interval
 * between the next two activations, as Kubernetes does, so a year of missed minutes costs no more
 * than a couple of them.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, parse: (ts: string) => number, includeStartingDeadline: boolean): ScheduleTimes {
  let earliest = parse(cj.metadata!.creationTimestamp!);
  if (cj.status?.lastScheduleTime) earliest = parse(cj.status.lastScheduleTime);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined && deadline !== null) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = t1 === 0 ? 0 : schedule.next(t1);
  const never = { earliest, missed: "none" as const, error: "time difference between two schedules is less than 1 second" };
  // A schedule with no activation within five years (February 31st) never runs.
  if (t1 === 0) return never;
  if (now < t1) return { earliest, missed: "none" };
  if (t2 === 0) return never;
  if (now < t2) return { earliest, mostRecent: t1, missed: "none" };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return never;
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t !== 0 && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: MissedSchedules = missedCount > 100 ? "many" : missedCount > 0 ? "few" : "none";
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: ms until the next activation after the most recent one, plus `delta`. */
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: Schedule, parse: (ts: string) => number, delta: number): number | undefined {
  const r = mostRecentScheduleTime(cj, now, schedule, parse, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === "none" ? r.earliest : now;
  else from = r.mostRecent;
  const next = schedule.next(from);
  return next === 0 ? undefined : next + delta - now;
}
