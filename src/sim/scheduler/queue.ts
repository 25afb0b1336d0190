/**
 * The scheduling queue (pkg/scheduler/backend/queue, PriorityQueue in v1.31 without queueing hints):
 * activeQ, ordered by the QueueSort plugin; backoffQ, where a pod waits out its back-off (1 s doubling
 * to 10 s); and unschedulablePods, parked until a cluster event one of its rejecting plugins cares
 * about (a node added or relabelled, a pod deleted, ...) moves it back, or until it has waited five
 * minutes. The flushes run on tick grids (1 s for backoffQ, 30 s for the leftovers), as Kubernetes'
 * goroutines do, but only while something waits.
 */
import type { TimerHandle, VirtualClock } from "../clock";
import { KeyedHeap } from "./heap";
import type { ClusterEvent, EventInterest } from "./plugin";
import type { PodObject } from "./pod-info";
import type { QueuedPodInfo } from "./queued-pod";
import type { Status } from "./status";

/** Queue settings, from the timings table. */
export interface QueueOptions {
  clock: VirtualClock;
  podInitialBackoff: number;
  podMaxBackoff: number;
  /** podMaxInUnschedulablePodsDuration (5 min). */
  maxInUnschedulable: number;
  /** How often backoffQ is flushed (1 s). */
  backoffFlushInterval: number;
  /** How often unschedulable pods are checked for the 5-minute limit (30 s). */
  unschedulableFlushInterval: number;
  /** QueueSort. */
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** PreEnqueue: the gating plugin and its status, or undefined when the pod may enter activeQ. */
  preEnqueue: (pod: PodObject) => { plugin: string; status: Status } | undefined;
  /** Plugin name → the events it registered. */
  interests: ReadonlyMap<string, readonly EventInterest[]>;
  priorityOf: (pod: PodObject) => number;
  /** Called when a pod enters activeQ, so the scheduling loop wakes. */
  onActive: () => void;
  /** Called for every move, for the trace. */
  onMove?: (pod: QueuedPodInfo, queue: QueueName, event: string) => void;
}

/** The three places a pending pod can wait. */
export type QueueName = "activeQ" | "backoffQ" | "unschedulablePods";

/** The wildcard event of the 5-minute flush. */
export const UNSCHEDULABLE_TIMEOUT: ClusterEvent = { resource: "*", action: 0, label: "UnschedulableTimeout" };

/** The scheduling queue of one scheduler. */
export class SchedulingQueue {
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private seq = 0;
  /** Incremented on every pop: the cycle a popped pod is scheduled in. */
  schedulingCycle = 0;
  /** The cycle during which the last move request arrived. */
  private moveRequestCycle = -1;
  private backoffTimer: TimerHandle | undefined;
  private leftoverTimer: TimerHandle | undefined;

  constructor(private readonly o: QueueOptions) {
    this.activeQ = new KeyedHeap((p) => p.key, o.less);
    this.backoffQ = new KeyedHeap((p) => p.key, (a, b) => this.backoffTime(a) < this.backoffTime(b));
  }

  // ---- pods arriving and leaving --------------------------------------------------------------

  /** A new unscheduled pod. */
  add(pod: PodObject): void {
    this.moveToActiveQ(this.newQueued(pod), "PodAdd");
  }

  /**
   * An unscheduled pod changed. A pod parked as unschedulable goes back when its spec or labels changed
   * (not for status-only writes, such as the scheduler's own condition updates).
   */
  update(old: PodObject | undefined, pod: PodObject, specChanged: boolean): void {
    const key = keyOf(pod);
    const inActive = this.activeQ.get(key);
    if (inActive) {
      this.activeQ.addOrUpdate(this.refresh(inActive, pod));
      return;
    }
    const inBackoff = this.backoffQ.get(key);
    if (inBackoff) {
      this.backoffQ.addOrUpdate(this.refresh(inBackoff, pod));
      return;
    }
    const parked = this.unschedulable.get(key);
    if (parked) {
      this.refresh(parked, pod);
      if (!specChanged) return;
      if (this.isBackingOff(parked)) {
        this.unschedulable.delete(key);
        this.backoffQ.addOrUpdate(parked);
        this.o.onMove?.(parked, "backoffQ", "UnscheduledPodUpdate");
        this.armBackoffFlush();
        return;
      }
      this.moveToActiveQ(parked, "UnscheduledPodUpdate");
      return;
    }
    if (old === undefined || specChanged) this.moveToActiveQ(this.newQueued(pod), "UnscheduledPodUpdate");
  }

  /** The pod is gone, or no longer this queue's (bound, or handed to another scheduler). */
  delete(key: string): void {
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
  }

  has(key: string): boolean {
    return this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key);
  }

  /** Which queue holds the pod, if any. */
  whereIs(key: string): QueueName | undefined {
    if (this.activeQ.has(key)) return "activeQ";
    if (this.backoffQ.has(key)) return "backoffQ";
    if (this.unschedulable.has(key)) return "unschedulablePods";
    return undefined;
  }

  /** The queued entry of a pod, wherever it waits. */
  get(key: string): QueuedPodInfo | undefined {
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key);
  }

  get activeCount(): number {
    return this.activeQ.size;
  }

  /** Pending pods by queue, for tests and the UI. */
  pendingPods(): Record<QueueName, string[]> {
    return {
      activeQ: this.activeQ.values().map((p) => p.key).sort(),
      backoffQ: this.backoffQ.values().map((p) => p.key).sort(),
      unschedulablePods: [...this.unschedulable.keys()].sort(),
    };
  }

  // ---- the scheduling loop's side -------------------------------------------------------------

  /** Takes the next pod to schedule; each pop is a new scheduling cycle and an attempt. */
  pop(): QueuedPodInfo | undefined {
    const p = this.activeQ.pop();
    if (!p) return undefined;
    p.attempts++;
    this.schedulingCycle++;
    return p;
  }

  /**
   * Puts back a pod that failed its cycle: to backoffQ if a cluster event arrived while it was being
   * scheduled (or nothing names why it failed), else parked with the plugins that rejected it.
   */
  addUnschedulableIfNotPresent(p: QueuedPodInfo, podSchedulingCycle: number): void {
    if (this.has(p.key)) return;
    p.timestamp = this.o.clock.now;
    if (this.moveRequestCycle >= podSchedulingCycle || p.unschedulablePlugins.size === 0) {
      this.backoffQ.addOrUpdate(p);
      this.o.onMove?.(p, "backoffQ", "ScheduleAttemptFailure");
      this.armBackoffFlush();
    } else {
      this.unschedulable.set(p.key, p);
      this.o.onMove?.(p, "unschedulablePods", "ScheduleAttemptFailure");
      this.armLeftoverFlush();
    }
  }

  // ---- cluster events -----------------------------------------------------------------------

  /** MoveAllToActiveOrBackoffQueue: offers the event to every parked pod (optionally pre-filtered). */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, preCheck?: (p: QueuedPodInfo) => boolean): void {
    const pods = [...this.unschedulable.values()].filter((p) => !preCheck || preCheck(p));
    this.movePods(pods, event);
  }

  /** Moves the given parked pods whose rejecting plugins care about the event. */
  movePods(pods: readonly QueuedPodInfo[], event: ClusterEvent): void {
    for (const p of pods) {
      if (p.gatedBy) continue;
      if (!this.worthRequeuing(p, event)) continue;
      this.unschedulable.delete(p.key);
      if (this.isBackingOff(p)) {
        this.backoffQ.addOrUpdate(p);
        this.o.onMove?.(p, "backoffQ", event.label);
        this.armBackoffFlush();
      } else {
        this.moveToActiveQ(p, event.label);
      }
    }
    this.moveRequestCycle = this.schedulingCycle;
  }

  /** Parked pods, for event pre-filters (e.g. pods with affinity terms matching a new pod). */
  parkedPods(): IterableIterator<QueuedPodInfo> {
    return this.unschedulable.values();
  }

  private worthRequeuing(p: QueuedPodInfo, event: ClusterEvent): boolean {
    if (p.unschedulablePlugins.size === 0 || event.resource === "*") return true;
    for (const plugin of p.unschedulablePlugins) {
      for (const interest of this.o.interests.get(plugin) ?? []) {
        if (interest.resource === event.resource && (interest.action & event.action) !== 0) return true;
      }
    }
    return false;
  }

  // ---- back-off -----------------------------------------------------------------------------

  /** The back-off of a pod after `attempts` tries: initial, doubling, capped. */
  backoffDuration(p: QueuedPodInfo): number {
    if (p.attempts === 0) return 0;
    let d = this.o.podInitialBackoff;
    for (let i = 1; i < p.attempts; i++) {
      if (d > this.o.podMaxBackoff - d) return this.o.podMaxBackoff;
      d += d;
    }
    return d;
  }

  backoffTime(p: QueuedPodInfo): number {
    return p.timestamp + this.backoffDuration(p);
  }

  private isBackingOff(p: QueuedPodInfo): boolean {
    return !p.gatedBy && this.backoffTime(p) > this.o.clock.now;
  }

  /** flushBackoffQCompleted: pods whose back-off is over go to activeQ. */
  private flushBackoff(): void {
    this.backoffTimer = undefined;
    const now = this.o.clock.now;
    for (;;) {
      const top = this.backoffQ.peek();
      if (!top || this.backoffTime(top) > now) break;
      this.backoffQ.pop();
      this.moveToActiveQ(top, "BackoffComplete");
    }
    this.armBackoffFlush();
  }

  /** flushUnschedulablePodsLeftover: pods parked longer than five minutes go back regardless. */
  private flushLeftover(): void {
    this.leftoverTimer = undefined;
    const now = this.o.clock.now;
    const due = [...this.unschedulable.values()].filter((p) => now - p.timestamp > this.o.maxInUnschedulable);
    if (due.length > 0) this.movePods(due, UNSCHEDULABLE_TIMEOUT);
    this.armLeftoverFlush();
  }

  private armBackoffFlush(): void {
    const top = this.backoffQ.peek();
    if (!top) return;
    const at = nextTick(this.backoffTime(top), this.o.backoffFlushInterval);
    if (this.backoffTimer && this.backoffTimer.at <= at) return;
    this.backoffTimer?.cancel();
    this.backoffTimer = this.o.clock.at(at, () => this.flushBackoff(), "kube-scheduler flush backoffQ");
  }

  private armLeftoverFlush(): void {
    let earliest = Infinity;
    for (const p of this.unschedulable.values()) if (!p.gatedBy && p.timestamp < earliest) earliest = p.timestamp;
    if (earliest === Infinity) return;
    // Strictly longer than the limit, checked on the flush ticks.
    const at = nextTick(earliest + this.o.maxInUnschedulable + 1, this.o.unschedulableFlushInterval);
    if (this.leftoverTimer && !this.leftoverTimer.cancelled && this.leftoverTimer.at <= at) return;
    this.leftoverTimer?.cancel();
    this.leftoverTimer = this.o.clock.at(at, () => this.flushLeftover(), "kube-scheduler flush unschedulable pods");
  }

  // ---- internals ----------------------------------------------------------------------------

  private newQueued(pod: PodObject): QueuedPodInfo {
    return {
      pod,
      key: keyOf(pod),
      priority: this.o.priorityOf(pod),
      timestamp: this.o.clock.now,
      initialAttemptTimestamp: undefined,
      attempts: 0,
      unschedulablePlugins: new Set(),
      gatedBy: undefined,
      gatedMessage: undefined,
      seq: this.seq++,
    };
  }

  private refresh(p: QueuedPodInfo, pod: PodObject): QueuedPodInfo {
    p.pod = pod;
    p.priority = this.o.priorityOf(pod);
    return p;
  }

  /** Runs PreEnqueue; a gated pod is parked, any other enters activeQ. */
  private moveToActiveQ(p: QueuedPodInfo, event: string): boolean {
    const gate = this.o.preEnqueue(p.pod);
    p.gatedBy = gate?.plugin;
    p.gatedMessage = gate?.status.message;
    if (gate) {
      if (this.activeQ.has(p.key) || this.backoffQ.has(p.key)) return false;
      this.unschedulable.set(p.key, p);
      this.o.onMove?.(p, "unschedulablePods", event);
      return false;
    }
    p.initialAttemptTimestamp ??= this.o.clock.now;
    this.unschedulable.delete(p.key);
    this.backoffQ.delete(p.key);
    this.activeQ.addOrUpdate(p);
    this.o.onMove?.(p, "activeQ", event);
    this.o.onActive();
    return true;
  }
}

function keyOf(pod: PodObject): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}

/** The first multiple of `interval` at or after `t`. */
function nextTick(t: number, interval: number): number {
  return interval <= 0 ? t : Math.ceil(t / interval) * interval;
}
