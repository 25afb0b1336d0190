/**
 * The CronJob controller (pkg/controller/cronjob, v2): on each schedule time it creates a Job named
 * `<cronjob>-<scheduled minutes since the epoch>` from the jobTemplate, subject to
 * concurrencyPolicy (Allow, Forbid: skip while one runs, Replace: delete the running one),
 * startingDeadlineSeconds (too late: MissSchedule) and suspend; it notices finished Jobs
 * (SawCompletedJob, lastSuccessfulTime), deletes the oldest beyond successfulJobsHistoryLimit and
 * failedJobsHistoryLimit, and keeps status.active and lastScheduleTime. It waits on one timer per
 * CronJob for the next activation; a suspended CronJob waits on none. Events come from
 * `cronjob-controller`: "Created job hello-27943240".
 */
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { ObjectReference } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import { StatusError } from "../api/errors";
import { deepClone, deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { finishedCondition, isJobFinished } from "./job/conditions";
import { controlledBy, controllerRefOf, indexByController, isNotFound, newControllerRef } from "./job/pod-control";
import { parseWithTimeZone, ScheduleError, type Schedule } from "./cronjob/schedule";
import { mostRecentScheduleTime, nextScheduleTimeDuration } from "./cronjob/schedule-times";
import { loadLocation } from "./cronjob/zone";

export const CRONJOB_CONTROLLER = "cronjob-controller";

/** The annotation with the time a Job was scheduled for (CronJobScheduledTimestampAnnotation). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

type CronJobObject = CronJob & KObject;
type JobObject = Job & KObject;

/** RFC 1123 with a numeric zone, as Go formats time.RFC1123Z in UTC. */
function rfc1123z(unixMs: number): string {
  const d = new Date(unixMs);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 in a zone, as Go's Time.Format(time.RFC3339) writes the scheduled-timestamp annotation. */
function rfc3339In(unixMs: number, timeZone: string | undefined): string {
  const zone = loadLocation(timeZone ?? "");
  if ("error" in zone || zone.name === "UTC") return new Date(unixMs).toISOString().replace(".000Z", "Z");
  const offset = zone.offsetAt(unixMs);
  const local = new Date(unixMs + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export class CronJobController extends Controller {
  readonly name = CRONJOB_CONTROLLER;
  /** Parsed schedules by `timeZone|schedule`: a CronJob is looked at several times a run. */
  private readonly schedules = new Map<string, Schedule>();

  private parse(schedule: string, timeZone: string | undefined): Schedule {
    const key = `${timeZone ?? ""}|${schedule}`;
    let parsed = this.schedules.get(key);
    if (!parsed) {
      parsed = parseWithTimeZone(schedule, timeZone);
      if (this.schedules.size >= 1000) this.schedules.clear();
      this.schedules.set(key, parsed);
    }
    return parsed;
  }

  protected setup(): void {
    const { cluster } = this;
    indexByController(cluster, "Job");
    cluster.api.watch("CronJob", (e) => {
      const cj = e.object as CronJobObject;
      const key = keyOf(cj.metadata.namespace, cj.metadata.name!);
      const old = e.old as CronJobObject | undefined;
      if (e.type === "MODIFIED" && old && (old.spec?.schedule !== cj.spec?.schedule || old.spec?.timeZone !== cj.spec?.timeZone)) {
        this.scheduleChanged(cj, key);
        return;
      }
      // Status writes (its own) need no look; everything else does.
      if (e.type === "MODIFIED" && old && deepEqual(old.spec, cj.spec) && deepEqual(old.metadata.labels, cj.metadata.labels) && old.metadata.deletionTimestamp === cj.metadata.deletionTimestamp) return;
      this.enqueue(key);
    });
    cluster.api.watch("Job", (e) => {
      const job = e.object as JobObject;
      const ref = controllerRefOf(job);
      const oldRef = e.old ? controllerRefOf(e.old) : undefined;
      if (oldRef && oldRef.uid !== ref?.uid && oldRef.kind === "CronJob") this.enqueue(keyOf(job.metadata.namespace, oldRef.name));
      if (ref?.kind !== "CronJob") return;
      const cj = cluster.store.get("CronJob", job.metadata.namespace, ref.name);
      if (cj && cj.metadata.uid === ref.uid) this.enqueue(keyOf(job.metadata.namespace, ref.name));
    });
  }

  /** updateCronJob with a new schedule: requeue for the new next time (or warn that it cannot be parsed). */
  private scheduleChanged(cj: CronJobObject, key: string): void {
    let schedule: Schedule;
    try {
      schedule = this.parse(cj.spec!.schedule, cj.spec?.timeZone);
    } catch {
      this.cluster.events.record(cj, "Warning", "UnParseableCronJobSchedule", `unparseable schedule for cronjob: ${cj.spec?.schedule}`, { component: CRONJOB_CONTROLLER });
      return;
    }
    const t = nextScheduleTimeDuration(cj, this.cluster.clock.unixMs, schedule, (ts) => Date.parse(ts), this.cluster.timing("cronJobNextScheduleDelta"));
    if (t !== undefined) this.enqueueAfter(key, Math.max(0, t));
  }

  private event(cj: KObject, type: "Normal" | "Warning", reason: string, message: string): void {
    this.cluster.events.record(cj, type, reason, message, { component: CRONJOB_CONTROLLER });
  }

  /** Job creations and deletions, for the UI's activity view. */
  private trace(action: "create" | "delete", cj: KObject, job: string): void {
    const { trace, clock } = this.cluster;
    if (trace.active) trace.emit({ time: clock.now, component: CRONJOB_CONTROLLER, action, object: { kind: "Job", namespace: cj.metadata.namespace ?? "", name: job }, detail: { owner: `CronJob/${cj.metadata.name}` } });
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.cluster.api.tryGet<CronJobObject>("CronJob", namespace, name);
    if (!stored) return;
    const jobs = controlledBy<JobObject>(this.cluster, "Job", namespace ?? "default", stored.metadata.uid!).filter((j) => controllerRefOf(j)?.name === stored.metadata.name);
    const cj = deepClone(stored);
    const statusCleanup = this.cleanupFinishedJobs(cj, jobs);
    const { requeueAfter, updateStatus } = this.syncCronJob(cj, jobs);
    if (statusCleanup || updateStatus) {
      // status.active is omitempty: an empty list is left out.
      if (cj.status?.active?.length === 0) delete cj.status.active;
      this.cluster.api.updateStatus({ ...cj, metadata: { ...cj.metadata, resourceVersion: undefined } }, { actor: CRONJOB_CONTROLLER });
    }
    if (requeueAfter !== undefined) this.enqueueAfter(key, Math.max(0, requeueAfter));
  }

  /** syncCronJob: reconciles the active list with the Jobs, then starts the due Job if it may. */
  private syncCronJob(cj: CronJobObject, jobs: JobObject[]): { requeueAfter?: number; updateStatus: boolean } {
    const { cluster } = this;
    const status = (cj.status ??= {});
    let updateStatus = false;
    const children = new Set<string>();
    const activeUids = new Set((status.active ?? []).map((a) => a.uid));
    for (const j of jobs) {
      children.add(j.metadata.uid!);
      const found = activeUids.has(j.metadata.uid);
      if (!found && !isJobFinished(j)) {
        this.event(cj, "Warning", "UnexpectedJob", `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (isJobFinished(j)) {
        if (found) {
          const cond = finishedCondition(j)!;
          status.active = (status.active ?? []).filter((a) => a.uid !== j.metadata.uid);
          this.event(cj, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, condition: ${cond.type}`);
          updateStatus = true;
        }
        const complete = finishedCondition(j)?.type === "Complete";
        const completion = j.status?.completionTime;
        if (complete && completion && (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime))) {
          status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
      }
    }
    for (const a of [...(status.active ?? [])]) {
      if (children.has(a.uid!)) continue;
      if (cluster.api.tryGet("Job", a.namespace, a.name!)) continue;
      this.event(cj, "Normal", "MissingJob", `Active job went missing: ${a.name}`);
      status.active = (status.active ?? []).filter((x) => x.uid !== a.uid);
      updateStatus = true;
    }
    if (cj.metadata.deletionTimestamp) return { updateStatus };

    const timeZone = cj.spec?.timeZone;
    if (timeZone !== undefined && timeZone !== null) {
      const loc = loadLocation(timeZone);
      if ("error" in loc) {
        this.event(cj, "Warning", "UnknownTimeZone", `invalid timeZone: ${JSON.stringify(timeZone)}: ${loc.error}`);
        return { updateStatus };
      }
    }
    if (cj.spec?.suspend) return { updateStatus };
    if (cj.spec!.schedule.includes("TZ")) {
      this.event(cj, "Warning", "UnsupportedSchedule", `CRON_TZ or TZ used in schedule ${JSON.stringify(cj.spec!.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    }
    let schedule: Schedule;
    try {
      schedule = this.parse(cj.spec!.schedule, timeZone);
    } catch (e) {
      if (!(e instanceof ScheduleError)) throw e;
      this.event(cj, "Warning", "UnparseableSchedule", `unparseable schedule: ${JSON.stringify(cj.spec!.schedule)} : ${e.message}`);
      return { updateStatus };
    }
    const now = cluster.clock.unixMs;
    const parse = (ts: string) => Date.parse(ts);
    const delta = cluster.timing("cronJobNextScheduleDelta");
    const next = () => nextScheduleTimeDuration(cj, now, schedule, parse, delta);
    const times = mostRecentScheduleTime(cj, now, schedule, parse, true);
    if (times.error && times.mostRecent === undefined) {
      this.event(cj, "Warning", "InvalidSchedule", `invalid schedule: ${cj.spec!.schedule} : ${times.error}`);
      return { updateStatus };
    }
    const scheduled = times.mostRecent;
    if (scheduled === undefined || scheduled > now) return { requeueAfter: next(), updateStatus };
    if (times.missed === "many") this.event(cj, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");

    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      this.event(cj, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return { requeueAfter: next(), updateStatus };
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
    const lastScheduled = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
    if ((status.active ?? []).some((a) => a.name === jobName && a.namespace === cj.metadata.namespace) || lastScheduled === scheduled) {
      return { requeueAfter: next(), updateStatus };
    }
    if (cj.spec?.concurrencyPolicy === "Forbid" && (status.active ?? []).length > 0) {
      this.event(cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
      return { requeueAfter: next(), updateStatus };
    }
    if (cj.spec?.concurrencyPolicy === "Replace") {
      for (const a of [...(status.active ?? [])]) {
        const job = cluster.api.tryGet<JobObject>("Job", a.namespace, a.name!);
        if (!job) {
          this.event(cj, "Warning", "FailedGet", `Get job: jobs.batch "${a.name}" not found`);
          throw new StatusError(404, "NotFound", `jobs.batch "${a.name}" not found`);
        }
        if (!this.deleteJob(cj, job)) throw new Error(`could not replace job ${job.metadata.namespace}/${job.metadata.name}`);
        updateStatus = true;
      }
    }

    let created: JobObject;
    try {
      created = cluster.api.create<JobObject>(this.jobFromTemplate(cj, jobName, scheduled), { actor: CRONJOB_CONTROLLER });
      this.event(cj, "Normal", "SuccessfulCreate", `Created job ${created.metadata.name}`);
      this.trace("create", cj, created.metadata.name!);
    } catch (e) {
      if (!(e instanceof StatusError) || e.reason !== "AlreadyExists") {
        this.event(cj, "Warning", "FailedCreate", `Error creating job: ${(e as Error).message}`);
        throw e;
      }
      const existing = cluster.api.tryGet<JobObject>("Job", cj.metadata.namespace, jobName);
      if (!existing || controllerRefOf(existing)?.uid !== cj.metadata.uid) return { updateStatus };
      if ((status.active ?? []).some((a) => a.uid === existing.metadata.uid)) return { updateStatus };
      created = existing;
    }
    const ref: ObjectReference = { apiVersion: "batch/v1", kind: "Job", name: created.metadata.name, namespace: created.metadata.namespace, resourceVersion: created.metadata.resourceVersion, uid: created.metadata.uid };
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = new Date(scheduled).toISOString().replace(".000Z", "Z");
    return { requeueAfter: next(), updateStatus: true };
  }

  /** getJobFromTemplate2: the Job for one scheduled time. */
  private jobFromTemplate(cj: CronJobObject, name: string, scheduled: number): JobObject {
    const template = cj.spec!.jobTemplate;
    const annotations = { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduled, cj.spec?.timeZone) };
    return {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
        annotations,
        ownerReferences: [newControllerRef(cj)],
      },
      spec: deepClone(template.spec!),
    };
  }

  /** deleteJob: the Job goes (background propagation), and out of the active list. */
  private deleteJob(cj: CronJobObject, job: JobObject): boolean {
    try {
      this.cluster.api.delete("Job", job.metadata.namespace, job.metadata.name!, { actor: CRONJOB_CONTROLLER, propagationPolicy: "Background" });
    } catch (e) {
      if (!isNotFound(e)) {
        this.event(cj, "Warning", "FailedDelete", `Deleted job: ${(e as Error).message}`);
        return false;
      }
    }
    const status = (cj.status ??= {});
    status.active = (status.active ?? []).filter((a) => a.uid !== job.metadata.uid);
    this.event(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
    this.trace("delete", cj, job.metadata.name!);
    return true;
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond the history limits go. */
  private cleanupFinishedJobs(cj: CronJobObject, jobs: JobObject[]): boolean {
    const successLimit = cj.spec?.successfulJobsHistoryLimit;
    const failedLimit = cj.spec?.failedJobsHistoryLimit;
    if ((successLimit === undefined || successLimit === null) && (failedLimit === undefined || failedLimit === null)) return false;
    const succeeded: JobObject[] = [];
    const failed: JobObject[] = [];
    for (const j of jobs) {
      const cond = finishedCondition(j)?.type;
      if (cond === "Complete") succeeded.push(j);
      else if (cond === "Failed") failed.push(j);
    }
    let update = false;
    if (successLimit !== undefined && successLimit !== null && this.removeOldest(cj, succeeded, successLimit)) update = true;
    if (failedLimit !== undefined && failedLimit !== null && this.removeOldest(cj, failed, failedLimit)) update = true;
    return update;
  }

  private removeOldest(cj: CronJobObject, jobs: JobObject[], max: number): boolean {
    const n = jobs.length - max;
    if (n <= 0) return false;
    let update = false;
    for (const j of [...jobs].sort(byJobStartTime).slice(0, n)) if (this.deleteJob(cj, j)) update = true;
    return update;
  }
}

/** byJobStartTime: started Jobs first, oldest first, then by name. */
function byJobStartTime(a: JobObject, b: JobObject): number {
  const as = a.status?.startTime;
  const bs = b.status?.startTime;
  if (!as && bs) return 1;
  if (as && !bs) return -1;
  if (as === bs) return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  return as! < bs! ? -1 : 1;
}
