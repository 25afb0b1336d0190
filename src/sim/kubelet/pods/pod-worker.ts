/**
 * PodWorker: the per-pod state machine of pod_workers.go. Work for a pod is serialized — one sync at
 * a time, always acting on the latest spec — and moves through three states: syncing (SyncPod, again
 * after every trigger and on the resync interval: 60–90 s after success, 10–15 s after a failure),
 * terminating (SyncTerminatingPod: stop every container within the grace period) and terminated
 * (SyncTerminatedPod: unmount, remove the sandbox, and delete the API object if it was deleted).
 */
import type { TimerHandle } from "../../clock";
import type { Cluster } from "../../cluster";
import { Cancelled, Fiber } from "../fiber";
import { kubeletTiming } from "../timings";
import type { PodRecord } from "./pod-record";

export type WorkerState = "syncing" | "terminating" | "terminated" | "finished";

export interface PodWorkerHost {
  sync(fiber: Fiber, pr: PodRecord): Promise<{ terminal: boolean; failed: boolean }>;
  syncTerminating(fiber: Fiber, pr: PodRecord): Promise<void>;
  /** Returns true when the pod is gone for good. */
  syncTerminated(fiber: Fiber, pr: PodRecord): Promise<boolean>;
  /** A periodic resync with nothing new to act on, done without a full sync; false if it needs one. */
  quickResync(pr: PodRecord): boolean;
  finished(pr: PodRecord): void;
  /** True while the kubelet is stopped: no sync starts (the kubelet queues every worker when it starts again). */
  paused?(): boolean;
}

export class PodWorker {
  state: WorkerState = "syncing";
  private fiber: Fiber | undefined;
  private timer: TimerHandle | undefined;
  private again = false;
  private terminateRequested = false;
  /** When the last sync ended, and how. */
  lastSync: { at: number; failed: boolean } | undefined;

  constructor(
    private readonly cluster: Cluster,
    readonly pr: PodRecord,
    private readonly host: PodWorkerHost,
  ) {}

  get busy(): boolean {
    return !!this.fiber && !this.fiber.done;
  }

  /** Asks for a sync `delayMs` from now (the earliest request wins). */
  queue(delayMs = 0): void {
    if (this.state === "finished") return;
    this.pr.dirty = true;
    if (delayMs <= 0 && this.busy) {
      this.again = true;
      return;
    }
    this.scheduleAt(this.cluster.clock.now + Math.max(0, delayMs));
  }

  /** UpdatePod(kill): the pod was deleted (or force deleted): stop it. */
  terminate(): void {
    if (this.state !== "syncing") {
      this.queue(0);
      return;
    }
    this.terminateRequested = true;
    if (this.busy) this.fiber!.cancel();
    this.queue(0);
  }

  /** Requeues after the resync interval (success) or the back-off period (failure), jittered +50%. */
  private scheduleResync(failed: boolean): void {
    const base = kubeletTiming(this.cluster, failed ? "syncBackOffPeriod" : "syncFrequency");
    this.scheduleAt(this.cluster.clock.now + base + Math.floor(this.cluster.random.next() * base * 0.5));
  }

  private scheduleAt(at: number): void {
    if (this.timer && !this.timer.cancelled && this.timer.at <= at) return;
    this.timer?.cancel();
    this.timer = this.cluster.clock.at(at, () => this.run(), `pod worker ${this.pr.namespace}/${this.pr.name}`);
  }

  private run(): Promise<void> | void {
    this.timer = undefined;
    if (this.state === "finished" || this.host.paused?.()) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    if (this.state === "syncing" && !this.terminateRequested && this.host.quickResync(this.pr)) {
      this.scheduleResync(false);
      return;
    }
    const { fiber, settled } = Fiber.start(this.cluster.clock, `pod ${this.pr.namespace}/${this.pr.name}`, (f) => this.work(f));
    this.fiber = fiber;
    return settled;
  }

  private async work(f: Fiber): Promise<void> {
    try {
      do {
        this.again = false;
        if (this.state === "syncing") {
          if (this.terminateRequested) {
            this.state = "terminating";
            this.again = true;
            continue;
          }
          let r: { terminal: boolean; failed: boolean };
          try {
            r = await this.host.sync(f, this.pr);
          } catch (e) {
            if (e instanceof Cancelled) {
              // The sync was interrupted by a deletion; terminate in a fresh fiber.
              this.again = true;
              return;
            }
            throw e;
          }
          this.lastSync = { at: this.cluster.clock.now, failed: r.failed };
          if (r.terminal) {
            this.state = "terminating";
            this.again = true;
            continue;
          }
          this.scheduleResync(r.failed);
        } else if (this.state === "terminating") {
          await this.host.syncTerminating(f, this.pr);
          this.state = "terminated";
          this.again = true;
        } else if (this.state === "terminated") {
          if (await this.host.syncTerminated(f, this.pr)) {
            this.state = "finished";
            this.timer?.cancel();
            this.host.finished(this.pr);
            return;
          }
        }
      } while (this.again);
    } finally {
      if (this.fiber === f) this.fiber = undefined;
      if (this.again && this.state !== "finished") this.scheduleAt(this.cluster.clock.now);
    }
  }
}
