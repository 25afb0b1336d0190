/**
 * Pod helpers the Job, DaemonSet and StatefulSet controllers share, after Kubernetes'
 * pkg/controller/controller_utils.go and pkg/api/v1/pod: controller references, pods built from a
 * template (GetPodFromTemplate), readiness and availability, the ActivePods deletion order, claiming
 * (adopting and releasing) objects by selector, and RealPodControl, which creates and deletes pods and
 * records "Created pod: NAME" / "Deleted pod: NAME" events as the owner's controller.
 */
import type { Pod, PodCondition, PodTemplateSpec } from "kubernetes-types/core/v1";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { Cluster } from "../../cluster";
import type { KObject } from "../../api/types";
import { matches, type Selector } from "../../api/labels";
import { StatusError } from "../../api/errors";
import { deepClone } from "../../util/object";
import { controlledBy as controlledByUid, controllerRefOf, ensureOwnerIndexes, newControllerRef, orphansIn } from "../workload/owner-refs";
import { errorText, isNamespaceTerminating, podsPrefix } from "../workload/pod-control";

export type PodObject = Pod & KObject;

/** Registers the owner indexes (by controller uid, and orphans by namespace) on a kind (idempotent). */
export function indexByController(cluster: Cluster, kind: string): void {
  ensureOwnerIndexes(cluster.store, kind);
}

export { controllerRefOf, newControllerRef };

/** Objects of `kind` in `namespace` whose controller reference carries `uid`. */
export function controlledBy<T extends KObject = KObject>(cluster: Cluster, kind: string, namespace: string, uid: string): T[] {
  return controlledByUid(cluster.store, kind, uid).filter((o) => o.metadata.namespace === namespace) as T[];
}

/**
 * ClaimObjects (PodControllerRefManager and friends): the objects `owner` controls, after adopting
 * orphans its selector matches and releasing controlled objects it no longer matches. Adoption and
 * release are PATCHes of ownerReferences; an owner being deleted neither adopts nor releases.
 * `accept` narrows what may be claimed at all (a StatefulSet only claims pods named after it).
 */
export function claimObjects<T extends KObject = KObject>(
  cluster: Cluster,
  kind: string,
  owner: KObject,
  selector: Selector,
  actor: string,
  opts: { accept?: (o: T) => boolean; adoptFinalizer?: string } = {},
): T[] {
  const ns = owner.metadata.namespace ?? "default";
  const uid = owner.metadata.uid!;
  const deleting = !!owner.metadata.deletionTimestamp;
  const accept = opts.accept ?? (() => true);
  const claimed: T[] = [];
  for (const obj of controlledBy<T>(cluster, kind, ns, uid)) {
    if (matches(selector, obj.metadata.labels) && accept(obj)) {
      claimed.push(obj);
      continue;
    }
    if (deleting) {
      claimed.push(obj);
      continue;
    }
    release(cluster, kind, obj, uid, actor);
  }
  if (deleting) return claimed;
  for (const obj of orphansIn(cluster.store, kind, ns) as T[]) {
    if (obj.metadata.deletionTimestamp || !matches(selector, obj.metadata.labels) || !accept(obj)) continue;
    const adopted = adopt(cluster, kind, obj, owner, actor, opts.adoptFinalizer);
    if (adopted) claimed.push(adopted as T);
  }
  return claimed;
}

function adopt(cluster: Cluster, kind: string, obj: KObject, owner: KObject, actor: string, finalizer: string | undefined): KObject | undefined {
  try {
    return cluster.api.mutate(kind, obj.metadata.namespace, obj.metadata.name!, { actor }, (o) => {
      if (controllerRefOf(o)) throw new StatusError(409, "Conflict", "already controlled");
      o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), newControllerRef(owner)];
      if (finalizer && !(o.metadata.finalizers ?? []).includes(finalizer)) o.metadata.finalizers = [...(o.metadata.finalizers ?? []), finalizer];
    });
  } catch {
    return undefined;
  }
}

function release(cluster: Cluster, kind: string, obj: KObject, uid: string, actor: string): void {
  try {
    cluster.api.mutate(kind, obj.metadata.namespace, obj.metadata.name!, { actor }, (o) => {
      o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
    });
  } catch {
    // Gone already: nothing to release.
  }
}

/** GetPodFromTemplate: a pod with the template's labels, annotations, finalizers and spec, owned by `ref`. */
export function podFromTemplate(template: PodTemplateSpec, ownerName: string, ref?: OwnerReference): PodObject {
  const meta = template.metadata ?? {};
  const pod: PodObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: podsPrefix(ownerName),
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers?.length ? { finalizers: [...meta.finalizers] } : {}),
      ...(ref ? { ownerReferences: [ref] } : {}),
    },
    spec: deepClone(template.spec ?? { containers: [] }),
  };
  return pod;
}

function condition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return condition(pod, "Ready")?.status === "True";
}

/** podutil.IsPodAvailable: ready for longer than minReadySeconds at `nowMs` (virtual ms). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number, parse: (ts: string) => number): boolean {
  const ready = condition(pod, "Ready");
  if (ready?.status !== "True") return false;
  if (!minReadySeconds) return true;
  if (!ready.lastTransitionTime) return false;
  return parse(ready.lastTransitionTime) + minReadySeconds * 1000 < nowMs;
}

/** A pod that finished: phase Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/** controller.IsPodTerminating: being deleted but not finished yet. */
export function isPodTerminating(pod: Pod): boolean {
  return !isPodTerminal(pod) && !!pod.metadata?.deletionTimestamp;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount ?? 0);
  return max;
}

/** A timestamp, with empty as the latest possible (afterOrZero treats zero as "after"). */
function afterOrZero(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return !a;
  return a > b;
}

/**
 * controller.ActivePods' order: the pods to remove first come first — unassigned before assigned,
 * Pending before Unknown before Running, not ready before ready, ready for less time before more,
 * more restarts before fewer, newer before older.
 */
export function compareActivePods(a: Pod, b: Pod): number {
  const less = (x: Pod, y: Pod): boolean => {
    const xn = x.spec?.nodeName ?? "";
    const yn = y.spec?.nodeName ?? "";
    if (xn !== yn && (!xn || !yn)) return !xn;
    const xp = PHASE_ORDINAL[x.status?.phase ?? ""] ?? 0;
    const yp = PHASE_ORDINAL[y.status?.phase ?? ""] ?? 0;
    if (xp !== yp) return xp < yp;
    const xr = isPodReady(x);
    const yr = isPodReady(y);
    if (xr !== yr) return !xr;
    if (xr && yr) {
      const xt = condition(x, "Ready")?.lastTransitionTime;
      const yt = condition(y, "Ready")?.lastTransitionTime;
      if (xt !== yt) return afterOrZero(xt, yt);
    }
    const xc = maxRestarts(x);
    const yc = maxRestarts(y);
    if (xc !== yc) return xc > yc;
    const xs = x.metadata?.creationTimestamp;
    const ys = y.metadata?.creationTimestamp;
    if (xs !== ys) return afterOrZero(xs, ys);
    return false;
  };
  return less(a, b) ? -1 : less(b, a) ? 1 : 0;
}

/**
 * RealPodControl: creates and deletes pods for a controller and records what it did on the owner,
 * as the controller's event source ("job-controller", "daemonset-controller").
 */
export class PodControl {
  constructor(
    private readonly cluster: Cluster,
    private readonly component: string,
  ) {}

  /** The controller the writes are made as. */
  get actor(): string {
    return this.component;
  }

  /** Creates a pod from `template` (CreatePodsWithGenerateName); throws what the API server refused with. */
  create(namespace: string, template: PodTemplateSpec, owner: KObject, ref: OwnerReference, generateName?: string): PodObject {
    const pod = podFromTemplate(template, owner.metadata.name!, ref);
    pod.metadata.namespace = namespace;
    if (generateName) pod.metadata.generateName = generateName;
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error("unable to create pods, no labels");
    const { cluster, component } = this;
    let created: PodObject;
    try {
      created = cluster.api.create<PodObject>(pod, { actor: component });
    } catch (e) {
      // A terminating namespace refuses every create; Kubernetes does not record that as FailedCreate.
      if (!isNamespaceTerminating(e)) cluster.events.record(owner, "Warning", "FailedCreate", `Error creating: ${errorText(e)}`, { component });
      throw e;
    }
    cluster.events.record(owner, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`, { component });
    this.trace("create", namespace, created.metadata.name!, owner);
    return created;
  }

  /** Deletes a pod; a pod already gone is not an error worth an event. */
  delete(namespace: string, name: string, owner: KObject): void {
    const { cluster, component } = this;
    try {
      cluster.api.delete("Pod", namespace, name, { actor: component });
    } catch (e) {
      if (e instanceof StatusError && e.reason === "NotFound") throw e;
      cluster.events.record(owner, "Warning", "FailedDelete", `Error deleting: ${errorText(e)}`, { component });
      throw e;
    }
    cluster.events.record(owner, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`, { component });
    this.trace("delete", namespace, name, owner);
  }

  private trace(action: string, namespace: string, name: string, owner: KObject): void {
    const trace = this.cluster.trace;
    if (trace.active) trace.emit({ time: this.cluster.clock.now, component: this.component, action, object: { kind: "Pod", namespace, name }, detail: { owner: `${owner.kind}/${owner.metadata.name}` } });
  }
}

/** True when an API error is NotFound. */
export function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.reason === "NotFound";
}
