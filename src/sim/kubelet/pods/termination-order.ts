/**
 * TerminationOrdering (kuberuntime_termination_order.go): when a pod with native sidecars stops, the
 * app containers stop first, then the sidecars in reverse order of their declaration — each sidecar
 * waits (within its grace period) for the app containers and the sidecars declared after it.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { VirtualClock } from "../../clock";
import type { Fiber } from "../fiber";
import { isRestartableInit } from "../format";

export class TerminationOrdering {
  private prereqs = new Map<string, Set<string>>();
  private done = new Set<string>();
  private waiters = new Set<() => void>();

  constructor(pod: Pod, running: readonly string[]) {
    const live = new Set(running);
    const apps = (pod.spec?.containers ?? []).map((c) => c.name).filter((n) => live.has(n));
    const sidecars = (pod.spec?.initContainers ?? []).filter(isRestartableInit).map((c) => c.name);
    sidecars.forEach((name, i) => {
      const after = sidecars.slice(i + 1).filter((n) => live.has(n));
      this.prereqs.set(name, new Set([...apps, ...after]));
    });
  }

  /** Waits until `name` may stop; returns how much of `graceMs` is left. */
  async waitForTurn(fiber: Fiber, clock: VirtualClock, name: string, graceMs: number): Promise<number> {
    const start = clock.now;
    if (this.ready(name)) return graceMs;
    await fiber.suspend<void>((resume) => {
      const w = () => {
        if (this.ready(name)) {
          this.waiters.delete(w);
          t.cancel();
          resume(undefined);
        }
      };
      const t = clock.after(graceMs, () => {
        this.waiters.delete(w);
        resume(undefined);
      }, `termination order ${name}`);
      this.waiters.add(w);
      return () => {
        this.waiters.delete(w);
        t.cancel();
      };
    });
    return Math.max(0, graceMs - (clock.now - start));
  }

  /** Marks a container as stopped. */
  containerTerminated(name: string): void {
    this.done.add(name);
    for (const w of [...this.waiters]) w();
  }

  private ready(name: string): boolean {
    const pre = this.prereqs.get(name);
    if (!pre) return true;
    for (const p of pre) if (!this.done.has(p)) return false;
    return true;
  }
}
