/**
 * The garbage collector (pkg/controller/garbagecollector): keeps a graph of ownerReferences and
 *
 * - deletes dependents whose owners are all gone (background cascading deletion, and objects created
 *   with a reference to an owner that does not exist);
 * - for an owner deleted in the foreground (deletionTimestamp and the `foregroundDeletion`
 *   finalizer), deletes its dependents — dependents that have dependents of their own in the
 *   foreground too — and removes the finalizer once no dependent with blockOwnerDeletion is left;
 * - for an owner deleted with the `orphan` finalizer, removes its reference from every dependent,
 *   then the finalizer.
 *
 * Work items are "delete|<id>" (attemptToDeleteItem), "owner|<id>" (processDeletingDependentsItem)
 * and "orphan|<id>" (attemptToOrphan), where <id> is kind, namespace, name and uid.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { StatusError } from "../api/errors";
import { kindInfo } from "../api/kinds";
import type { KObject } from "../api/types";
import type { WatchEvent } from "../store/store";
import { deepEqual } from "../util/object";
import { Controller } from "./controller";

export const GARBAGE_COLLECTOR = "generic-garbage-collector";

/** The finalizer of an owner waiting for its dependents to be deleted first. */
export const FOREGROUND_DELETION = "foregroundDeletion";
/** The finalizer of an owner whose dependents are to be orphaned. */
export const ORPHAN = "orphan";

interface Identity {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

const SEP = "\u0000";

function idOf(obj: KObject): string {
  return [obj.kind, obj.metadata.namespace ?? "", obj.metadata.name, obj.metadata.uid].join(SEP);
}

function parseId(id: string): Identity {
  const [kind, namespace, name, uid] = id.split(SEP);
  return { kind, namespace, name, uid };
}

function hasFinalizer(obj: KObject, finalizer: string): boolean {
  return obj.metadata.finalizers?.includes(finalizer) ?? false;
}

/** Being deleted in the foreground: deletionTimestamp and the foregroundDeletion finalizer. */
function deletingDependents(obj: KObject): boolean {
  return !!obj.metadata.deletionTimestamp && hasFinalizer(obj, FOREGROUND_DELETION);
}

export class GarbageCollector extends Controller {
  readonly name = GARBAGE_COLLECTOR;
  /** Owner uid → ids of the objects that reference it. */
  private readonly dependents = new Map<string, Set<string>>();

  protected setup(): void {
    const store = this.cluster.store;
    for (const kind of store.kindNames()) {
      for (const obj of store.each(kind)) this.addDependent(idOf(obj), obj.metadata.ownerReferences);
    }
    store.watch("*", (e) => this.onEvent(e));
  }

  /** The ids of the objects that reference the owner with this uid (for tests). */
  dependentsOf(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])];
  }

  reconcile(key: string): void {
    const bar = key.indexOf("|");
    const work = key.slice(0, bar);
    const who = parseId(key.slice(bar + 1));
    const obj = this.cluster.store.get(who.kind, who.namespace || undefined, who.name);
    if (!obj || obj.metadata.uid !== who.uid) return;
    if (work === "delete") this.attemptToDelete(obj);
    else if (work === "owner") this.processDeletingDependents(obj);
    else if (work === "orphan") this.orphanDependents(obj);
  }

  // ---- the graph ---------------------------------------------------------------------------------

  private onEvent(e: WatchEvent): void {
    const obj = e.object;
    const refs = obj.metadata.ownerReferences;
    const oldRefs = e.old?.metadata.ownerReferences;
    if (e.type === "DELETED") {
      const id = idOf(obj);
      this.removeDependent(id, refs);
      // The owner is gone: its dependents may now be garbage.
      const deps = this.dependents.get(obj.metadata.uid!);
      if (deps) for (const dep of deps) this.enqueue(`delete|${dep}`);
      // A dependent is gone: an owner deleting in the foreground may be done.
      this.wakeDeletingOwners(obj, refs);
      return;
    }
    // As the graph builder's referencesDiffs: an update that keeps the same references (a
    // heartbeat renewing a node's Lease, a spec change) leaves the graph as it is.
    if (refs !== oldRefs && !deepEqual(refs, oldRefs)) {
      const id = idOf(obj);
      if (e.old) this.removeDependent(idOf(e.old), oldRefs);
      this.addDependent(id, refs);
      if (refs && refs.some((r) => this.ownerNeedsAttention(obj, r))) this.enqueue(`delete|${id}`);
      // References removed (released or orphaned): their owners may be waiting on this object.
      if (oldRefs) this.wakeDeletingOwners(obj, oldRefs.filter((r) => !refs?.some((n) => n.uid === r.uid)));
    }
    const meta = obj.metadata;
    if (!meta.deletionTimestamp || !meta.finalizers) return;
    const old = e.old?.metadata;
    if (old && old.deletionTimestamp === meta.deletionTimestamp && old.finalizers === meta.finalizers) return;
    if (meta.finalizers.includes(FOREGROUND_DELETION)) this.enqueue(`owner|${idOf(obj)}`);
    if (meta.finalizers.includes(ORPHAN)) this.enqueue(`orphan|${idOf(obj)}`);
  }

  private addDependent(id: string, refs: OwnerReference[] | undefined): void {
    if (!refs) return;
    for (const r of refs) {
      let set = this.dependents.get(r.uid);
      if (!set) this.dependents.set(r.uid, (set = new Set()));
      set.add(id);
    }
  }

  private removeDependent(id: string, refs: OwnerReference[] | undefined): void {
    if (!refs) return;
    for (const r of refs) {
      const set = this.dependents.get(r.uid);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.dependents.delete(r.uid);
    }
  }

  private wakeDeletingOwners(dependent: KObject, refs: OwnerReference[] | undefined): void {
    for (const r of refs ?? []) {
      const owner = this.owner(dependent, r);
      if (owner && owner.metadata.uid === r.uid && deletingDependents(owner)) this.enqueue(`owner|${idOf(owner)}`);
    }
  }

  /** The object a reference names (by kind, namespace and name; the caller checks the uid). */
  private owner(dependent: KObject, ref: OwnerReference): KObject | undefined {
    const info = kindInfo(ref.kind);
    if (!info) return undefined;
    return this.cluster.store.get(ref.kind, info.namespaced ? dependent.metadata.namespace : undefined, ref.name);
  }

  /** The referenced owner is missing, is another object by now, or waits for its dependents. */
  private ownerNeedsAttention(dependent: KObject, ref: OwnerReference): boolean {
    if (!kindInfo(ref.kind)) return false;
    const owner = this.owner(dependent, ref);
    return !owner || owner.metadata.uid !== ref.uid || deletingDependents(owner);
  }

  // ---- the work --------------------------------------------------------------------------------

  /** attemptToDeleteItem. */
  private attemptToDelete(obj: KObject): void {
    if (obj.metadata.deletionTimestamp && !deletingDependents(obj)) return;
    if (deletingDependents(obj)) return this.processDeletingDependents(obj);
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of refs) {
      if (!kindInfo(r.kind)) {
        solid.push(r);
        continue;
      }
      const owner = this.owner(obj, r);
      if (!owner || owner.metadata.uid !== r.uid) dangling.push(r);
      else if (deletingDependents(owner)) waiting.push(r);
      else solid.push(r);
    }
    const api = this.cluster.api;
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Still owned: only drop the references to owners that are gone or going.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.writeRefs(obj, refs.filter((r) => !drop.has(r.uid)));
      return;
    }
    let policy: "Background" | "Foreground" | "Orphan" = "Background";
    if (waiting.length > 0 && this.dependents.has(obj.metadata.uid!)) policy = "Foreground";
    else if (hasFinalizer(obj, ORPHAN)) policy = "Orphan";
    else if (hasFinalizer(obj, FOREGROUND_DELETION)) policy = "Foreground";
    try {
      api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name!, { actor: this.actor, propagationPolicy: policy, uid: obj.metadata.uid });
    } catch (e) {
      if (!(e instanceof StatusError && (e.reason === "NotFound" || e.reason === "Conflict"))) throw e;
    }
  }

  /** processDeletingDependentsItem: delete what blocks the owner, or let the owner go. */
  private processDeletingDependents(owner: KObject): void {
    if (!deletingDependents(owner)) return;
    const blocking: KObject[] = [];
    for (const id of this.dependents.get(owner.metadata.uid!) ?? []) {
      const who = parseId(id);
      const dep = this.cluster.store.get(who.kind, who.namespace || undefined, who.name);
      if (!dep || dep.metadata.uid !== who.uid) continue;
      const ref = dep.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
      if (ref?.blockOwnerDeletion) blocking.push(dep);
    }
    if (blocking.length === 0) {
      this.removeFinalizer(owner, FOREGROUND_DELETION);
      return;
    }
    for (const dep of blocking) if (!deletingDependents(dep)) this.enqueue(`delete|${idOf(dep)}`);
  }

  /** attemptToOrphan: remove the owner's reference from every dependent, then the orphan finalizer. */
  private orphanDependents(owner: KObject): void {
    if (!owner.metadata.deletionTimestamp || !hasFinalizer(owner, ORPHAN)) return;
    const uid = owner.metadata.uid!;
    for (const id of [...(this.dependents.get(uid) ?? [])]) {
      const who = parseId(id);
      const dep = this.cluster.store.get(who.kind, who.namespace || undefined, who.name);
      if (!dep || dep.metadata.uid !== who.uid) continue;
      const refs = dep.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === uid)) continue;
      this.writeRefs(dep, refs.filter((r) => r.uid !== uid));
    }
    this.removeFinalizer(owner, ORPHAN);
  }

  private writeRefs(obj: KObject, refs: OwnerReference[]): void {
    const metadata = { ...obj.metadata, ownerReferences: refs.length > 0 ? refs : undefined };
    if (!metadata.ownerReferences) delete metadata.ownerReferences;
    try {
      this.cluster.api.update({ ...obj, metadata }, { actor: this.actor });
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === "NotFound")) throw e;
    }
  }

  private removeFinalizer(obj: KObject, finalizer: string): void {
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const metadata = { ...obj.metadata, finalizers: finalizers.length > 0 ? finalizers : undefined };
    if (!metadata.finalizers) delete metadata.finalizers;
    try {
      this.cluster.api.update({ ...obj, metadata }, { actor: this.actor });
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === "NotFound")) throw e;
    }
  }
}
