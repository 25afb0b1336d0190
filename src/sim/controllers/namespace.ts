/**
 * The namespace controller (pkg/controller/namespace): a deleted namespace is Terminating while
 * everything in it is deleted (pods with their grace periods); once it is empty its "kubernetes"
 * finalizer is cleared and the namespace goes.
 */
import { KINDS } from "../api/kinds";
import { Controller } from "./controller";

export class NamespaceController extends Controller {
  readonly name = "namespace-controller";
  private terminating = new Set<string>();

  protected setup(): void {
    const api = this.cluster.api;
    api.watch("Namespace", (e) => {
      const name = e.object.metadata.name!;
      if (e.type === "DELETED") {
        this.terminating.delete(name);
        return;
      }
      if (e.object.metadata.deletionTimestamp) {
        this.terminating.add(name);
        this.enqueue(name);
      }
    });
    // Contents leaving a terminating namespace bring the controller back to finish the job.
    api.watch("*", (e) => {
      const ns = e.object.metadata.namespace;
      if (e.type === "DELETED" && ns && this.terminating.has(ns)) this.enqueue(ns);
    });
  }

  reconcile(namespace: string): void {
    const api = this.cluster.api;
    const ns = api.store.get("Namespace", undefined, namespace);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    for (const info of KINDS) {
      if (!info.namespaced || !info.verbs.includes("delete")) continue;
      for (const obj of api.list(info.kind, namespace)) {
        if (obj.metadata.deletionTimestamp && info.kind !== "Pod") continue;
        try {
          api.delete(info.kind, namespace, obj.metadata.name!, { actor: this.actor, propagationPolicy: "Background" });
        } catch {
          // Already gone, or refused: looked at again on the next pass.
        }
      }
    }
    if (KINDS.some((info) => info.namespaced && api.store.count(info.kind, namespace) > 0)) {
      this.enqueueAfter(namespace, this.cluster.timing("namespaceContentRecheck"));
      return;
    }
    api.mutate("Namespace", undefined, namespace, { actor: this.actor }, (obj) => {
      obj.spec = { ...obj.spec, finalizers: [] };
    });
  }
}
