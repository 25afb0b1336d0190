/**
 * The Job controller (pkg/controller/job): runs a Job's pods to the completions it asks for —
 * NonIndexed or Indexed (`<job>-<index>-<5 chars>`, JOB_COMPLETION_INDEX), `parallelism` at a time —
 * replacing failed pods after an exponential back-off until backoffLimit (or backoffLimitPerIndex),
 * activeDeadlineSeconds or a podFailurePolicy rule fails the Job; honours suspend; tracks finished
 * pods through the `batch.kubernetes.io/job-tracking` finalizer; and writes the conditions and status
 * kubectl shows. Pod events batch into one sync a second later (syncJobBatchPeriod), as Kubernetes
 * does. Events come from `job-controller`: "Created pod: pi-abcde", "Job completed".
 */
import { Controller, keyOf, splitKey } from "./controller";
import type { KObject } from "../api/types";
import type { BackoffRecord } from "./job/backoff";
import { isJobFinished, JOB_CONTROLLER, JOB_TRACKING_FINALIZER, type JobObject } from "./job/conditions";
import { hasTrackingFinalizer, type JobEnv } from "./job/context";
import { controlledBy, controllerRefOf, indexByController, isNotFound, PodControl, type PodObject } from "./job/pod-control";
import { fromLabelSelector, matches } from "../api/labels";
import { syncJob } from "./job/sync";
import { deepEqual } from "../util/object";

export { JOB_CONTROLLER, JOB_TRACKING_FINALIZER };

/** Work-queue keys of orphan pods whose tracking finalizer must go (the controller's orphan queue). */
const ORPHAN_PREFIX = "orphan-pod:";

export class JobController extends Controller {
  readonly name = JOB_CONTROLLER;
  private env!: JobEnv;

  protected setup(): void {
    const { cluster } = this;
    indexByController(cluster, "Pod");
    this.env = {
      cluster,
      podControl: new PodControl(cluster, JOB_CONTROLLER),
      backoffs: new Map<string, BackoffRecord>(),
      enqueueAfter: (key, ms) => this.enqueueAfter(key, ms),
    };
    cluster.api.watch("Job", (e) => {
      const job = e.object as JobObject;
      const key = keyOf(job.metadata.namespace, job.metadata.name!);
      if (e.type === "MODIFIED" && e.old) {
        const old = e.old as JobObject;
        // Status-only changes (its own writes, mostly) wait for the batch; spec changes act at once.
        if (old.metadata.generation === job.metadata.generation) this.batched(key);
        else this.enqueue(key);
        if (isJobFinished(job)) this.cleanupPodFinalizers(job);
        const ads = job.spec?.activeDeadlineSeconds;
        if (job.status?.startTime && ads !== undefined && ads !== null && ads !== old.spec?.activeDeadlineSeconds) {
          this.enqueueAfter(key, ads * 1000 - (cluster.clock.now - cluster.clock.parseTimestamp(job.status.startTime)));
        }
        return;
      }
      this.enqueue(key);
      if (e.type === "DELETED") this.cleanupPodFinalizers(job);
    });
    cluster.api.watch("Pod", (e) => {
      const pod = e.object as PodObject;
      const old = e.old as PodObject | undefined;
      if (e.type === "MODIFIED" && old) {
        const oldRef = controllerRefOf(old);
        if (oldRef && oldRef.uid !== controllerRefOf(pod)?.uid) this.podChanged(old, "MODIFIED", true);
      }
      this.podChanged(pod, e.type, !!old && !deepEqual(old.metadata.labels, pod.metadata.labels));
    });
  }

  private batched(key: string): void {
    this.enqueueAfter(key, this.cluster.timing("jobSyncBatchPeriod"));
  }

  private resolve(pod: PodObject): JobObject | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== "Job") return undefined;
    const job = this.cluster.store.get("Job", pod.metadata.namespace, ref.name) as JobObject | undefined;
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  /** addPod / updatePod / deletePod: wake the owning Job, or clean up an orphan's finalizer. */
  private podChanged(pod: PodObject, type: "ADDED" | "MODIFIED" | "DELETED", labelsChanged: boolean): void {
    const ns = pod.metadata.namespace;
    const ref = controllerRefOf(pod);
    if (ref) {
      // Most pods are other controllers': nothing to do for them.
      if (ref.kind !== "Job") return;
      const job = this.resolve(pod);
      if (job && !isJobFinished(job)) this.batched(keyOf(ns, job.metadata.name!));
      else if (type !== "DELETED" && hasTrackingFinalizer(pod)) this.enqueue(ORPHAN_PREFIX + keyOf(ns, pod.metadata.name!));
      return;
    }
    if (type === "DELETED") return;
    if (hasTrackingFinalizer(pod)) this.enqueue(ORPHAN_PREFIX + keyOf(ns, pod.metadata.name!));
    // An orphan may be adopted by a Job whose selector matches it: when it appears or its labels change.
    if (type === "MODIFIED" && !labelsChanged) return;
    for (const job of this.cluster.store.each("Job", ns)) {
      if (matches(fromLabelSelector(job.spec?.selector), pod.metadata.labels)) this.batched(keyOf(ns, job.metadata.name!));
    }
  }

  /** cleanupPodFinalizers: the pods of a finished or deleted Job still holding the finalizer. */
  private cleanupPodFinalizers(job: KObject): void {
    for (const pod of controlledBy<PodObject>(this.cluster, "Pod", job.metadata.namespace!, job.metadata.uid!)) {
      if (hasTrackingFinalizer(pod)) this.enqueue(ORPHAN_PREFIX + keyOf(pod.metadata.namespace, pod.metadata.name!));
    }
  }

  reconcile(key: string): void {
    if (key.startsWith(ORPHAN_PREFIX)) {
      this.syncOrphanPod(key.slice(ORPHAN_PREFIX.length));
      return;
    }
    const { namespace, name } = splitKey(key);
    syncJob(this.env, key, this.cluster.api.tryGet<JobObject>("Job", namespace, name));
  }

  /** syncOrphanPod: removes the tracking finalizer of a pod no unfinished Job controls. */
  private syncOrphanPod(podKey: string): void {
    const { namespace, name } = splitKey(podKey);
    const pod = this.cluster.api.tryGet<PodObject>("Pod", namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerRefOf(pod);
    if (ref) {
      if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1") return;
      const job = this.resolve(pod);
      if (job && !isJobFinished(job)) return;
    }
    try {
      this.cluster.api.mutate("Pod", namespace, name, { actor: JOB_CONTROLLER }, (p) => {
        p.metadata.finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (p.metadata.finalizers.length === 0) delete p.metadata.finalizers;
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
