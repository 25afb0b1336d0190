/**
 * The PV protection controller (pkg/controller/volume/pvprotection): a volume being deleted keeps its
 * kubernetes.io/pv-protection finalizer — and stays Terminating — while it is Bound to a claim;
 * once released (or never bound) the finalizer goes and so does the volume. Volumes that lack the
 * finalizer get it.
 */
import { Controller } from "../controllers/controller";
import { PV_PROTECTION_CONTROLLER, PV_PROTECTION_FINALIZER } from "./names";
import type { PV } from "./volume-matching";

export class PVProtectionController extends Controller {
  readonly name = PV_PROTECTION_CONTROLLER;

  protected setup(): void {
    this.cluster.api.watch("PersistentVolume", (e) => {
      if (e.type !== "DELETED") this.enqueue(e.object.metadata.name!);
    });
    for (const pv of this.cluster.store.each("PersistentVolume")) this.enqueue(pv.metadata.name!);
  }

  reconcile(name: string): void {
    const pv = this.cluster.store.get("PersistentVolume", undefined, name) as PV | undefined;
    if (!pv) return;
    const has = (pv.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER);
    if (pv.metadata.deletionTimestamp) {
      // isBeingUsed: a Bound volume is in use.
      if (!has || pv.status?.phase === "Bound") return;
      this.cluster.api.mutate<PV>("PersistentVolume", undefined, name, { actor: this.actor }, (v) => {
        v.metadata.finalizers = (v.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION_FINALIZER);
        if (v.metadata.finalizers.length === 0) delete v.metadata.finalizers;
      });
      return;
    }
    if (!has) {
      this.cluster.api.mutate<PV>("PersistentVolume", undefined, name, { actor: this.actor }, (v) => {
        v.metadata.finalizers = [...(v.metadata.finalizers ?? []), PV_PROTECTION_FINALIZER];
      });
    }
  }
}
