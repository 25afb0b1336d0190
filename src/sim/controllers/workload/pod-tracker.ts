/**
 * PodTracker keeps, for every controller of one kind (each ReplicaSet, each ReplicationController),
 * running counts of its pods: active, ready, available and fully labeled — the numbers a status
 * needs. Kubernetes recounts them from the informer cache on every sync; here each pod event adjusts
 * the counts in O(1), so a controller with thousands of pods syncs in constant time however often its
 * pods change. Pods that are ready but still inside minReadySeconds wait in a pending set and are
 * promoted to available when asked for the counts after their time has come.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { KObject } from "../../api/types";
import type { ObjectStore, WatchEvent } from "../../store/store";
import { controlledBy, controllerRefOf } from "./owner-refs";
import { isPodActive, readyCondition } from "./pod-state";

/** What the tracker needs to know about a pod's controller. */
export interface OwnerView {
  minReadySeconds: number;
  /** The labels of the controller's pod template (for fullyLabeledReplicas). */
  templateLabels: Record<string, string> | undefined;
}

/** A controller's pod counts, as its status reports them. */
export interface OwnerCounts {
  active: number;
  ready: number;
  available: number;
  fullyLabeled: number;
  /** Virtual ms when the next pending pod becomes available, if any is waiting out minReadySeconds. */
  nextAvailableAt: number | undefined;
}

interface Track {
  owner: string;
  active: boolean;
  ready: boolean;
  readySince: number;
  fullyLabeled: boolean;
  available: boolean;
}

interface Aggregate {
  active: number;
  ready: number;
  available: number;
  fullyLabeled: number;
  minReadySeconds: number;
  /** Pod key → the virtual ms its readiness started, for ready pods not yet available. */
  pending: Map<string, number>;
}

export class PodTracker {
  private readonly tracks = new Map<string, Track>();
  private readonly owners = new Map<string, Aggregate>();

  constructor(
    /** The controller kind whose pods are tracked ("ReplicaSet"). */
    private readonly kind: string,
    private readonly store: ObjectStore,
    private readonly ownerView: (namespace: string, ref: OwnerReference) => OwnerView | undefined,
    private readonly parseTime: (ts: string) => number,
    private readonly now: () => number,
  ) {}

  /** Applies one pod watch event. */
  observe(e: WatchEvent): void {
    const pod = e.object;
    // Only pods this kind controls are tracked: one that neither is nor was such a pod changes nothing.
    if (!this.controls(pod) && !(e.old && this.controls(e.old))) return;
    const key = podKey(pod);
    if (e.type === "DELETED") {
      const old = this.tracks.get(key);
      if (old) {
        this.uncount(key, old);
        this.tracks.delete(key);
      }
      return;
    }
    this.retrack(pod, key);
  }

  private controls(pod: KObject): boolean {
    return controllerRefOf(pod)?.kind === this.kind;
  }

  /** Counts a pod again. A tracked pod keeps its entry, refilled: most events are status writes of pods already counted. */
  private retrack(pod: KObject, key: string): void {
    const old = this.tracks.get(key);
    if (old) this.uncount(key, old);
    if (!this.track(pod, key, old) && old) this.tracks.delete(key);
  }

  /** Recounts every pod of one controller (its minReadySeconds or template labels changed). */
  recount(ownerUid: string): void {
    for (const pod of controlledBy(this.store, "Pod", ownerUid)) {
      this.retrack(pod, podKey(pod));
    }
  }

  /** The counts of one controller, promoting pending pods whose minReadySeconds have passed. */
  counts(ownerUid: string): OwnerCounts {
    const a = this.owners.get(ownerUid);
    if (!a) return { active: 0, ready: 0, available: 0, fullyLabeled: 0, nextAvailableAt: undefined };
    let next: number | undefined;
    if (a.pending.size > 0) {
      const now = this.now();
      const wait = a.minReadySeconds * 1000;
      for (const [key, since] of a.pending) {
        if (since + wait < now) {
          a.pending.delete(key);
          a.available++;
          const t = this.tracks.get(key);
          if (t) t.available = true;
        } else if (next === undefined || since + wait < next) {
          next = since + wait;
        }
      }
    }
    return { active: a.active, ready: a.ready, available: a.available, fullyLabeled: a.fullyLabeled, nextAvailableAt: next };
  }

  /** Counts a pod for its controller, in `into` if given; false if the pod is not this kind's to count. */
  private track(pod: KObject, key: string, into?: Track): boolean {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== this.kind) return false;
    const view = this.ownerView(pod.metadata.namespace ?? "", ref);
    const minReadySeconds = view?.minReadySeconds ?? 0;
    const active = isPodActive(pod);
    const cond = active ? readyCondition(pod) : undefined;
    const ready = cond?.status === "True";
    const readySince = ready && minReadySeconds > 0 && cond!.lastTransitionTime ? this.parseTime(cond!.lastTransitionTime) : 0;
    const available = ready && (minReadySeconds <= 0 || (cond!.lastTransitionTime !== undefined && readySince + minReadySeconds * 1000 < this.now()));
    const fullyLabeled = active && hasLabels(pod.metadata.labels, view?.templateLabels);
    const t: Track = into ?? { owner: ref.uid, active, ready, readySince, fullyLabeled, available };
    if (into) {
      into.owner = ref.uid;
      into.active = active;
      into.ready = ready;
      into.readySince = readySince;
      into.fullyLabeled = fullyLabeled;
      into.available = available;
    } else this.tracks.set(key, t);
    let a = this.owners.get(ref.uid);
    if (!a) this.owners.set(ref.uid, (a = { active: 0, ready: 0, available: 0, fullyLabeled: 0, minReadySeconds, pending: new Map() }));
    a.minReadySeconds = minReadySeconds;
    if (t.active) a.active++;
    if (t.ready) a.ready++;
    if (t.fullyLabeled) a.fullyLabeled++;
    if (t.available) a.available++;
    else if (t.ready && cond!.lastTransitionTime) a.pending.set(key, readySince);
    return true;
  }

  /** Takes a tracked pod out of its controller's counts (its entry stays until the caller drops it). */
  private uncount(key: string, t: Track): void {
    const a = this.owners.get(t.owner);
    if (!a) return;
    if (t.active) a.active--;
    if (t.ready) a.ready--;
    if (t.fullyLabeled) a.fullyLabeled--;
    if (t.available) a.available--;
    a.pending.delete(key);
    if (a.active === 0 && a.ready === 0 && a.available === 0 && a.fullyLabeled === 0 && a.pending.size === 0) this.owners.delete(t.owner);
  }
}

/** "namespace/name" of a pod. */
export function podKey(pod: KObject): string {
  return `${pod.metadata.namespace ?? ""}/${pod.metadata.name}`;
}

/** Every label of `required` is on the pod with the same value. */
function hasLabels(labels: Record<string, string> | undefined, required: Record<string, string> | undefined): boolean {
  if (!required) return true;
  for (const k in required) if (labels?.[k] !== required[k]) return false;
  return true;
}
