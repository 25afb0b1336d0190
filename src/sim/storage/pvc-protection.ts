/**
 * The PVC protection controller (pkg/controller/volume/pvcprotection): a claim being deleted keeps
 * its kubernetes.io/pvc-protection finalizer — and stays Terminating — while any scheduled pod in
 * its namespace still names it; once the last such pod is gone the finalizer is removed and the
 * claim goes. Claims that lack the finalizer get it.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { Controller } from "../controllers/controller";
import { PVC_PROTECTION_CONTROLLER, PVC_PROTECTION_FINALIZER } from "./names";
import { POD_CLAIM_INDEX } from "./pv-controller";
import { podClaimNames, type PVC } from "./volume-matching";

export class PVCProtectionController extends Controller {
  readonly name = PVC_PROTECTION_CONTROLLER;

  protected setup(): void {
    const { api, store } = this.cluster;
    store.addIndex("Pod", POD_CLAIM_INDEX, (pod) => podClaimNames(pod).map((c) => `${pod.metadata.namespace ?? "default"}/${c}`));
    api.watch("PersistentVolumeClaim", (e) => {
      if (e.type !== "DELETED") this.enqueue(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    // A pod that goes (or changes) may be the last user of its claims.
    api.watch("Pod", (e) => {
      if (e.type === "MODIFIED" && e.old?.spec?.nodeName === e.object.spec?.nodeName) return;
      for (const c of podClaimNames(e.object as Pod)) this.enqueue(`${e.object.metadata.namespace ?? "default"}/${c}`);
    });
    for (const pvc of store.each("PersistentVolumeClaim")) this.enqueue(`${pvc.metadata.namespace}/${pvc.metadata.name}`);
  }

  reconcile(key: string): void {
    const i = key.indexOf("/");
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const pvc = this.cluster.store.get("PersistentVolumeClaim", ns, name) as PVC | undefined;
    if (!pvc) return;
    const finalizers = pvc.metadata.finalizers ?? [];
    const has = finalizers.includes(PVC_PROTECTION_FINALIZER);
    if (pvc.metadata.deletionTimestamp) {
      if (!has || this.isBeingUsed(ns, name)) return;
      this.cluster.api.mutate<PVC>("PersistentVolumeClaim", ns, name, { actor: this.actor }, (c) => {
        c.metadata.finalizers = (c.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION_FINALIZER);
        if (c.metadata.finalizers.length === 0) delete c.metadata.finalizers;
      });
      return;
    }
    if (!has) {
      this.cluster.api.mutate<PVC>("PersistentVolumeClaim", ns, name, { actor: this.actor }, (c) => {
        c.metadata.finalizers = [...(c.metadata.finalizers ?? []), PVC_PROTECTION_FINALIZER];
      });
    }
  }

  /** podUsesPVC for every pod of the namespace: scheduled pods naming the claim use it. */
  private isBeingUsed(ns: string, name: string): boolean {
    return this.cluster.store.byIndex("Pod", POD_CLAIM_INDEX, `${ns}/${name}`).some((p) => !!p.spec?.nodeName);
  }
}
