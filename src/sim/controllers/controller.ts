/**
 * Controller is the shape of every kube-controller-manager loop here, after Kubernetes' own: watch
 * handlers only enqueue keys; a work loop, woken on the virtual clock, calls reconcile(key), which
 * re-reads current state, compares it with the desired state, acts and writes status. A reconcile
 * that throws is retried with the work queue's exponential back-off (5 ms doubling to 1000 s).
 */
import type { Cluster, Component } from "../cluster";
import type { TimerHandle } from "../clock";

const BASE_RETRY_MS = 5;
const MAX_RETRY_MS = 1_000_000;

export abstract class Controller implements Component {
  abstract readonly name: string;
  protected cluster!: Cluster;
  private dirty = new Set<string>();
  private wake: TimerHandle | undefined;
  private delayed = new Map<string, TimerHandle>();
  private failures = new Map<string, number>();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.setup();
  }

  /** Registers watches (which call enqueue). */
  protected abstract setup(): void;

  /** Brings the object with this key to its desired state. */
  abstract reconcile(key: string): void | Promise<void>;

  /** The actor name this controller writes as ("replicaset-controller"). */
  get actor(): string {
    return this.name;
  }

  /** Queues a key; the work loop runs after the controller's reaction delay. */
  enqueue(key: string): void {
    this.dirty.add(key);
    if (!this.wake) {
      this.wake = this.cluster.clock.after(this.cluster.timing("controllerReaction"), () => this.drain(), `${this.name} work loop`);
    }
  }

  /** Queues a key after `delayMs` (workqueue.AddAfter); a later call with an earlier time wins. */
  enqueueAfter(key: string, delayMs: number): void {
    const at = this.cluster.clock.now + delayMs;
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= at) return;
    existing?.cancel();
    this.delayed.set(
      key,
      this.cluster.clock.at(at, () => {
        this.delayed.delete(key);
        this.enqueue(key);
      }, `${this.name} requeue ${key}`),
    );
  }

  /** Forgets the retry history of a key after a successful reconcile. */
  protected forget(key: string): void {
    this.failures.delete(key);
  }

  private async drain(): Promise<void> {
    this.wake = undefined;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) {
      try {
        const r = this.reconcile(key);
        if (r) await r;
        this.failures.delete(key);
      } catch (e) {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.onError(key, e);
        this.enqueueAfter(key, Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** (n - 1)));
      }
    }
  }

  /** Called when reconcile throws; the key is retried with back-off. */
  protected onError(_key: string, _error: unknown): void {}
}

/** The store key of a namespaced object, as the work queues use it: "namespace/name". */
export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Splits a work-queue key back into namespace and name. */
export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf("/");
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
