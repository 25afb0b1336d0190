/**
 * Owner references as the controllers use them (metav1.GetControllerOf, NewControllerRef), the store
 * indexes that find an owner's dependents without listing a namespace, and the adopt/release writes
 * of Kubernetes' ControllerRefManager.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { ApiServer } from "../../api/server";
import type { KObject } from "../../api/types";
import type { ObjectStore } from "../../store/store";

/** Index of objects by the uid of their controller (the ownerReference with controller: true). */
export const CONTROLLER_UID_INDEX = "metadata.ownerReferences.controller.uid";

/** Index of objects with no controller, by namespace: the candidates for adoption. */
export const ORPHAN_INDEX = "metadata.ownerReferences.orphan";

/** The ownerReference with controller: true, if any (metav1.GetControllerOf). */
export function controllerRefOf(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}

/** The controller reference a controller puts on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** True when `owner` is the controller of `obj` (metav1.IsControlledBy). */
export function isControlledBy(obj: KObject, owner: KObject): boolean {
  return controllerRefOf(obj)?.uid === owner.metadata.uid;
}

/** Registers the controller-uid and orphan indexes on a kind (idempotent). */
export function ensureOwnerIndexes(store: ObjectStore, kind: string): void {
  store.addIndex(kind, CONTROLLER_UID_INDEX, (o) => {
    const ref = controllerRefOf(o);
    return ref ? [ref.uid] : [];
  });
  store.addIndex(kind, ORPHAN_INDEX, (o) => (controllerRefOf(o) ? [] : [o.metadata.namespace ?? ""]));
}

/** Objects of `kind` controlled by the object with this uid. */
export function controlledBy(store: ObjectStore, kind: string, uid: string): KObject[] {
  return store.byIndex(kind, CONTROLLER_UID_INDEX, uid);
}

/** Objects of `kind` in `namespace` that have no controller. */
export function orphansIn(store: ObjectStore, kind: string, namespace: string): KObject[] {
  return store.byIndex(kind, ORPHAN_INDEX, namespace);
}

/**
 * Adopts `obj` for `owner`: appends the owner's controller reference, as the ControllerRefManager's
 * strategic-merge patch does. Returns the stored object.
 */
export function adopt(api: ApiServer, obj: KObject, owner: KObject, actor: string): KObject {
  const refs = [...(obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid), newControllerRef(owner)];
  return api.update({ ...obj, metadata: { ...obj.metadata, ownerReferences: refs } }, { actor });
}

/** Releases `obj` from the owner with `ownerUid`: removes that reference (a `$patch: delete` by uid). */
export function release(api: ApiServer, obj: KObject, ownerUid: string, actor: string): KObject {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  const metadata = { ...obj.metadata, ownerReferences: refs.length > 0 ? refs : undefined };
  if (!metadata.ownerReferences) delete metadata.ownerReferences;
  return api.update({ ...obj, metadata }, { actor });
}
