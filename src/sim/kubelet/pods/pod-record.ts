/**
 * PodRecord: everything one kubelet keeps about one pod it runs — the latest spec, the runtime
 * record (sandboxes and container instances), the reasons of the last failed container starts, the
 * hooks run — independent of the pod worker that drives it.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { HookRecord } from "../lifecycle/hooks";
import { RuntimePod } from "../runtime-pod";
import { effectivePod } from "./defaults";
import type { StartFailure } from "../status/generate";

/** What a pod without failures or back-offs shows (its maps are made on first use: most pods never need them). */
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

export class PodRecord {
  readonly rp: RuntimePod;
  private failures: Map<string, StartFailure> | undefined;
  private backOffs: Map<string, number> | undefined;
  readonly hooks: HookRecord[] = [];
  /** The pod as last seen (from the API server, or the static manifest). */
  private pod: Pod;
  /** effectivePod of `pod`, once asked for; forgotten with the version it was made from. */
  private effectivePod: Pod | undefined;
  /** Set for static pods: the node's manifest is the source, a mirror pod shows it in the API. */
  readonly isStatic: boolean;
  /**
   * Something happened to the pod since its last sync (a spec change, a container exit, a probe
   * verdict). A periodic resync of a pod that is not dirty and whose last sync had nothing to do
   * changes nothing, so it is skipped.
   */
  dirty = true;
  /** The last sync neither failed nor changed anything. */
  settled = false;
  /** A hard kill's grace period (seconds) that overrides the pod's: eviction kills at once. */
  graceOverride: number | undefined;

  constructor(pod: Pod, isStatic = false) {
    this.pod = pod;
    this.isStatic = isStatic;
    this.rp = new RuntimePod(pod.metadata!.uid!);
  }

  /** reasonCache: container name → the last start failure. */
  get reasons(): ReadonlyMap<string, StartFailure> {
    return this.failures ?? NONE;
  }

  /** Records a container's last start failure, or clears it (undefined). */
  setReason(container: string, failure: StartFailure | undefined): void {
    if (failure) (this.failures ??= new Map()).set(container, failure);
    else this.failures?.delete(container);
  }

  /** The container restart back-off expiry per container, for the view. */
  get backOffUntil(): ReadonlyMap<string, number> {
    return this.backOffs ?? NONE;
  }

  /** Records when a container's restart back-off ends, or clears it (undefined). */
  setBackOff(container: string, until: number | undefined): void {
    if (until !== undefined) (this.backOffs ??= new Map()).set(container, until);
    else this.backOffs?.delete(container);
  }

  get uid(): string {
    return this.rp.uid;
  }

  get namespace(): string {
    return this.apiPod.metadata?.namespace ?? "default";
  }

  get name(): string {
    return this.apiPod.metadata?.name ?? "";
  }

  get apiPod(): Pod {
    return this.pod;
  }

  /**
   * A new version drops the effective pod of the old one: kept until the next question, it would
   * keep the old version alive too, a pod's worth of memory for every pod that has settled.
   */
  set apiPod(pod: Pod) {
    this.pod = pod;
    this.effectivePod = undefined;
  }

  /**
   * The pod with the defaults the kubelet relies on (effectivePod of apiPod), worked out once per
   * API object: every probe of the pod asks for it.
   */
  get effective(): Pod {
    return (this.effectivePod ??= effectivePod(this.pod));
  }

  addHook(h: HookRecord): HookRecord {
    this.hooks.push(h);
    if (this.hooks.length > 50) this.hooks.shift();
    return h;
  }
}
