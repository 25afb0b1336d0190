/**
 * CycleState carries what plugins compute for one pod's scheduling cycle from one extension point to
 * the next (PreFilter → Filter, PreScore → Score), as the framework's CycleState. States that
 * preemption's dry run changes by adding and removing pods implement `clone()`.
 */

/** State a plugin writes; `clone` is needed when AddPod/RemovePod extensions change it. */
export interface StateData {
  clone?(): StateData;
}

/** One scheduling cycle's plugin state, by key, and the plugins that skipped Filter or Score. */
export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose PreFilter returned Skip: their Filter does not run this cycle. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score does not run this cycle. */
  readonly skipScore = new Set<string>();
  /** The Filter plugins that run this cycle (those not skipped), worked out once by the framework. */
  activeFilters: readonly unknown[] | undefined;

  write<T extends StateData>(key: string, value: T): void {
    this.data.set(key, value);
  }

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  /** A copy whose states can change independently (states without clone() are shared). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone ? v.clone() : v);
    for (const p of this.skipFilter) c.skipFilter.add(p);
    for (const p of this.skipScore) c.skipScore.add(p);
    return c;
  }
}
