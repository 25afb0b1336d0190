/**
 * The StatefulSet control loop, after stateful_set_control.go's updateStatefulSet: pods in the
 * ordinal range are created (claims first), replaced when they fail or succeed, and held to their
 * identity; pods beyond it are condemned and deleted from the highest ordinal down. OrderedReady
 * ("monotonic") stops at the first pod that is not Running and Ready; Parallel acts on all of them.
 * A RollingUpdate then deletes the highest-ordinal pod at or above the partition that is not at the
 * update revision, one at a time, waiting for each replacement to become available. OnDelete leaves
 * that to the user.
 */
import type { StatefulSetStatus } from "kubernetes-types/apps/v1";
import type { Cluster } from "../../cluster";
import { StatusError } from "../../api/errors";
import { deepClone } from "../../util/object";
import { isNotFound, isPodTerminal, type PodObject } from "../job/pod-control";
import type { RevisionObject } from "./history";
import { claimsMatchRetentionPolicy, createPersistentVolumeClaims, podClaimIsStale, STATEFULSET_CONTROLLER, updateClaimsForRetentionPolicy } from "./claims";
import {
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  isCreated,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  isUnavailable,
  newVersionedStatefulSetPod,
  ordinalOf,
  podRevision,
  replicasOf,
  startOrdinal,
  storageMatches,
  updateIdentity,
  updateStorage,
  type StatefulSetObject,
} from "./identity";
import { applyRevision } from "./revisions";

/** Why a step stopped the loop: the control loop ends its pass there (the `shouldExit` of Kubernetes). */
type Step = boolean;

/** StatefulPodControl: pod and claim writes of the controller, each with its event. */
class StatefulPodControl {
  constructor(private readonly cluster: Cluster) {}

  /** recordPodEvent; successful creates and deletes also go to the trace. */
  private event(set: StatefulSetObject, verb: string, pod: PodObject, error?: string): void {
    const { cluster } = this;
    const source = { component: STATEFULSET_CONTROLLER };
    const title = verb[0].toUpperCase() + verb.slice(1);
    if (error !== undefined) {
      cluster.events.record(set, "Warning", `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error}`, source);
      return;
    }
    cluster.events.record(set, "Normal", `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, source);
    if (cluster.trace.active && verb !== "update") {
      cluster.trace.emit({ time: cluster.clock.now, component: STATEFULSET_CONTROLLER, action: verb, object: { kind: "Pod", namespace: set.metadata.namespace ?? "", name: pod.metadata.name! }, detail: { owner: `StatefulSet/${set.metadata.name}` } });
    }
  }

  create(set: StatefulSetObject, pod: PodObject): void {
    const claimError = createPersistentVolumeClaims(this.cluster, set, pod);
    if (claimError !== undefined) {
      this.event(set, "create", pod, claimError);
      throw new Error(claimError);
    }
    let created: PodObject;
    try {
      created = this.cluster.api.create<PodObject>(pod, { actor: STATEFULSET_CONTROLLER });
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === "AlreadyExists")) this.event(set, "create", pod, (e as Error).message);
      throw e;
    }
    updateClaimsForRetentionPolicy(this.cluster, set, created);
    this.event(set, "create", pod);
  }

  update(set: StatefulSetObject, pod: PodObject): void {
    const copy = deepClone(pod);
    let consistent = true;
    if (!identityMatches(set, copy)) {
      updateIdentity(set, copy);
      consistent = false;
    }
    if (!storageMatches(set, copy)) {
      updateStorage(set, copy);
      consistent = false;
      const err = createPersistentVolumeClaims(this.cluster, set, copy);
      if (err !== undefined) {
        this.event(set, "update", copy, err);
        throw new Error(err);
      }
    }
    if (!claimsMatchRetentionPolicy(this.cluster, set, copy)) {
      updateClaimsForRetentionPolicy(this.cluster, set, copy);
      consistent = false;
    }
    if (consistent) return;
    try {
      this.cluster.api.update(copy, { actor: STATEFULSET_CONTROLLER });
    } catch (e) {
      this.event(set, "update", copy, (e as Error).message);
      throw e;
    }
    this.event(set, "update", copy);
  }

  delete(set: StatefulSetObject, pod: PodObject): void {
    try {
      this.cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name!, { actor: STATEFULSET_CONTROLLER });
    } catch (e) {
      this.event(set, "delete", pod, (e as Error).message);
      throw e;
    }
    this.event(set, "delete", pod);
  }
}

/** computeReplicaStatus over the given pod lists. */
function countStatus(status: StatefulSetStatus, minReadySeconds: number, current: RevisionObject, update: RevisionObject, now: number, parse: (ts: string) => number, ...lists: PodObject[][]): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const list of lists) {
    for (const pod of list) {
      if (isCreated(pod)) status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now, parse)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = podRevision(pod);
        if (rev === current.metadata.name) status.currentReplicas++;
        if (rev === update.metadata.name) status.updatedReplicas++;
      }
    }
  }
}

/** What a pass of the control loop observed, and the error that cut it short, if any. */
export interface PassResult {
  status: StatefulSetStatus;
  error?: unknown;
}

/**
 * updateStatefulSet: one pass of the control loop over the set's pods. The status is returned even
 * when a write failed, so the caller can store what was observed before retrying.
 */
export function updateStatefulSet(cluster: Cluster, set: StatefulSetObject, current: RevisionObject, update: RevisionObject, collisionCount: number, pods: PodObject[]): PassResult {
  const pass = new ControlPass(cluster, set, current, update, collisionCount, pods);
  try {
    return { status: pass.run() };
  } catch (error) {
    return { status: pass.observed(), error };
  }
}

/** One pass: the pods sorted into replicas and condemned, and the steps over them. */
class ControlPass {
  private readonly control: StatefulPodControl;
  private readonly now: number;
  private readonly parse: (ts: string) => number;
  private readonly minReady: number;
  private readonly currentSet: StatefulSetObject;
  private readonly updateSet: StatefulSetObject;
  private readonly status: StatefulSetStatus;
  private readonly replicas: PodObject[];
  private readonly condemned: PodObject[] = [];
  private readonly monotonic: boolean;
  private firstUnavailable: PodObject | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly set: StatefulSetObject,
    private readonly current: RevisionObject,
    private readonly update: RevisionObject,
    collisionCount: number,
    pods: PodObject[],
  ) {
    this.control = new StatefulPodControl(cluster);
    this.now = cluster.clock.now;
    this.parse = (ts: string) => cluster.clock.parseTimestamp(ts);
    this.minReady = set.spec?.minReadySeconds ?? 0;
    this.currentSet = applyRevision(set, current);
    this.updateSet = applyRevision(set, update);
    this.monotonic = set.spec?.podManagementPolicy !== "Parallel";
    this.status = { observedGeneration: set.metadata.generation, currentRevision: current.metadata.name, updateRevision: update.metadata.name, collisionCount, replicas: 0 };
    countStatus(this.status, this.minReady, current, update, this.now, this.parse, pods);

    const start = startOrdinal(set);
    this.replicas = new Array(replicasOf(set));
    for (const pod of pods) {
      if (inOrdinalRange(pod, set)) this.replicas[ordinalOf(pod) - start] = pod;
      else if (ordinalOf(pod) >= 0) this.condemned.push(pod);
    }
    for (let ord = start; ord <= endOrdinal(set); ord++) {
      if (!this.replicas[ord - start]) this.replicas[ord - start] = newVersionedStatefulSetPod(this.currentSet, this.updateSet, current.metadata.name!, update.metadata.name!, ord);
    }
    this.condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    for (const p of this.replicas) if (!this.firstUnavailable && this.unavailable(p)) this.firstUnavailable = p;
    for (let i = this.condemned.length - 1; i >= 0 && !this.firstUnavailable; i--) if (this.unavailable(this.condemned[i])) this.firstUnavailable = this.condemned[i];
  }

  private unavailable(pod: PodObject): boolean {
    return isUnavailable(pod, this.minReady, this.now, this.parse);
  }

  private available(pod: PodObject): boolean {
    return isRunningAndAvailable(pod, this.minReady, this.now, this.parse);
  }

  /** The status over everything the pass has seen (pods it created count once they exist). */
  observed(): StatefulSetStatus {
    countStatus(this.status, this.minReady, this.current, this.update, this.now, this.parse, this.replicas, this.condemned);
    return this.status;
  }

  run(): StatefulSetStatus {
    const { set, monotonic } = this;
    if (set.metadata.deletionTimestamp) return this.status;
    if (runForAll(this.replicas, (i) => this.processReplica(i), monotonic)) return this.observed();
    if (runForAll(this.condemned, (i) => this.fixClaims(i), monotonic)) return this.observed();
    if (runForAll(this.condemned, (i) => this.processCondemned(i), monotonic)) return this.observed();
    const status = this.observed();
    if (set.spec?.updateStrategy?.type === "OnDelete") return status;
    return this.rollingUpdate(status);
  }

  private processReplica(i: number): Step {
    const { cluster, set, control, monotonic } = this;
    const pod = this.replicas[i];
    // Failed and Succeeded pods alike are replaced: a stateful pod is meant to run.
    if (isPodTerminal(pod)) {
      if (!pod.metadata.deletionTimestamp) control.delete(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (podClaimIsStale(cluster, set, pod)) return true;
      control.create(set, pod);
      if (monotonic) return true;
      return false;
    }
    if (pod.status?.phase === "Pending") {
      const err = createPersistentVolumeClaims(cluster, set, pod);
      if (err !== undefined) throw new Error(err);
      updateClaimsForRetentionPolicy(cluster, set, pod);
    }
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!this.available(pod) && monotonic) return true;
    if (identityMatches(set, pod) && storageMatches(set, pod) && claimsMatchRetentionPolicy(cluster, this.updateSet, pod)) return false;
    control.update(this.updateSet, pod);
    return false;
  }

  private fixClaims(i: number): Step {
    const pod = this.condemned[i];
    if (!claimsMatchRetentionPolicy(this.cluster, this.updateSet, pod)) updateClaimsForRetentionPolicy(this.cluster, this.updateSet, pod);
    return false;
  }

  private processCondemned(i: number): Step {
    const { monotonic } = this;
    const pod = this.condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== this.firstUnavailable) return true;
    if (!this.available(pod) && monotonic && pod !== this.firstUnavailable) return true;
    this.control.delete(this.set, pod);
    return true;
  }

  /** The highest ordinal at or above the partition not at the update revision goes first; one at a time. */
  private rollingUpdate(status: StatefulSetStatus): StatefulSetStatus {
    const updateMin = this.set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = this.replicas.length - 1; target >= updateMin; target--) {
      const pod = this.replicas[target];
      if (podRevision(pod) !== this.update.metadata.name && !isTerminating(pod)) {
        try {
          this.control.delete(this.set, pod);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return status;
      }
      if (this.unavailable(pod)) return status;
    }
    return status;
  }
}

/**
 * runForAll: in order, stopping at the first step that says so (OrderedReady); or every item, with
 * only errors stopping the pass (Parallel, Kubernetes' slow-start batches). True when the pass ends.
 */
function runForAll(items: PodObject[], fn: (i: number) => Step, monotonic: boolean): boolean {
  if (monotonic) {
    for (let i = 0; i < items.length; i++) if (fn(i)) return true;
    return false;
  }
  let batch = Math.min(items.length, 1);
  let i = 0;
  while (batch > 0) {
    const errors: unknown[] = [];
    for (let k = 0; k < batch; k++) {
      try {
        fn(i++);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
    batch = Math.min(2 * batch, items.length - i, 500);
  }
  return false;
}
