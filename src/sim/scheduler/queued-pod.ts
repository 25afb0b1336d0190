/**
 * QueuedPodInfo is a pod as the scheduling queue holds it (framework.QueuedPodInfo): the pod, when it
 * entered the queue, how many times it was tried, and which plugins rejected it last time — the
 * plugins whose events may bring it back.
 */
import type { PodObject } from "./pod-info";

/** A pod in the scheduling queue, with its attempts and rejections. */
export interface QueuedPodInfo {
  pod: PodObject;
  /** "namespace/name" */
  key: string;
  priority: number;
  /** Virtual ms when the pod was last added to (or moved within) the queue. */
  timestamp: number;
  /** Virtual ms of the first scheduling attempt. */
  initialAttemptTimestamp: number | undefined;
  /** Scheduling attempts so far (incremented on every pop). */
  attempts: number;
  /** Plugins that rejected the pod in its last attempt. */
  unschedulablePlugins: Set<string>;
  /** The PreEnqueue plugin that keeps the pod out of the active queue (SchedulingGates), if any. */
  gatedBy: string | undefined;
  /** The message of that PreEnqueue rejection. */
  gatedMessage: string | undefined;
  /** Insertion order, to keep heaps stable. */
  seq: number;
}
