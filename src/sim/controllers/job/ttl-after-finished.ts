/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted that long after its Complete or Failed condition was set, with
 * foreground propagation so its pods go first. It waits on the virtual clock for each Job — one timer
 * per Job, none while a Job runs.
 */
import type { KObject } from "../../api/types";
import { Controller, keyOf, splitKey } from "../controller";
import { finishedCondition, type JobObject } from "./conditions";
import { isNotFound } from "./pod-control";

export const TTL_AFTER_FINISHED_CONTROLLER = "ttl-after-finished-controller";

/** needsCleanup: a finished Job with a TTL. */
function needsCleanup(job: JobObject): boolean {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  return ttl !== undefined && ttl !== null && !job.metadata.deletionTimestamp && !!finishedCondition(job);
}

export class TTLAfterFinishedController extends Controller {
  readonly name = TTL_AFTER_FINISHED_CONTROLLER;

  protected setup(): void {
    this.cluster.api.watch("Job", (e) => {
      if (e.type === "DELETED") return;
      if (needsCleanup(e.object as JobObject)) this.enqueue(keyOf(e.object.metadata.namespace, e.object.metadata.name!));
    });
  }

  /** When the Job expires, in virtual ms (its finish time plus the TTL). */
  private expireAt(job: JobObject): number | undefined {
    const cond = finishedCondition(job);
    if (!cond?.lastTransitionTime) return undefined;
    return this.cluster.clock.parseTimestamp(cond.lastTransitionTime) + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000;
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.cluster.api.tryGet<JobObject>("Job", namespace, name);
    if (!job || !needsCleanup(job)) return;
    const at = this.expireAt(job);
    if (at === undefined) return;
    const now = this.cluster.clock.now;
    if (at > now) {
      this.enqueueAfter(key, at - now);
      return;
    }
    try {
      this.cluster.api.delete("Job", namespace, name, { actor: TTL_AFTER_FINISHED_CONTROLLER, propagationPolicy: "Foreground", uid: (job as KObject).metadata.uid });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
