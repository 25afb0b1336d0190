/**
 * Controller expectations (pkg/controller/controller_utils.go, UIDTrackingControllerExpectations):
 * how many creations a controller is waiting to observe for a key, and which pods it is waiting to
 * see deleted. A controller only acts on a key again once what it asked for has been observed (or
 * the expectation expired), so a slow watch never makes it create or delete twice.
 */
import { EXPECTATIONS_TIMEOUT_MS } from "./settings";

interface Expectation {
  add: number;
  /** Pod keys ("ns/name") whose deletion is still to be observed. */
  deleting: Set<string>;
  /** Virtual ms when the expectation was set. */
  timestamp: number;
}

export class ControllerExpectations {
  private readonly records = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  /** True when the controller may sync `key`: nothing pending, all observed, or expired. */
  satisfied(key: string): boolean {
    const e = this.records.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.deleting.size === 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number): void {
    this.records.set(key, { add: count, deleting: new Set(), timestamp: this.now() });
  }

  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.records.set(key, { add: 0, deleting: new Set(podKeys), timestamp: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.records.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.records.get(key)?.deleting.delete(podKey);
  }

  /** Forgets a key (its controller object is gone). */
  delete(key: string): void {
    this.records.delete(key);
  }
}
