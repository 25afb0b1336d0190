/**
 * The ServiceAccount controller (pkg/controller/serviceaccount): every active namespace has a
 * "default" ServiceAccount, recreated if deleted.
 */
import type { KObject } from "../api/types";
import { Controller } from "./controller";

export const DEFAULT_SERVICE_ACCOUNT_NAME = "default";

export class ServiceAccountController extends Controller {
  readonly name = "serviceaccount-controller";

  protected setup(): void {
    const api = this.cluster.api;
    api.watch("Namespace", (e) => {
      if (e.type === "DELETED") return;
      // WARNING: the account is made at once, not after the work queue's delay: the ServiceAccount
      // admission plugin waits for the default account of a fresh namespace (it retries for about
      // a second), so a Namespace and its Pods applied together are admitted.
      if (e.type === "ADDED") this.ensure(e.object.metadata.name!);
      else this.enqueue(e.object.metadata.name!);
    });
    api.watch("ServiceAccount", (e) => {
      if (e.type === "DELETED" && e.object.metadata.name === DEFAULT_SERVICE_ACCOUNT_NAME) this.enqueue(e.object.metadata.namespace!);
    });
    for (const ns of api.store.each("Namespace")) this.ensure(ns.metadata.name!);
  }

  reconcile(namespace: string): void {
    this.ensure(namespace);
  }

  private ensure(namespace: string): void {
    const api = this.cluster.api;
    const ns = api.store.get("Namespace", undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === "Terminating") return;
    if (api.store.get("ServiceAccount", namespace, DEFAULT_SERVICE_ACCOUNT_NAME)) return;
    const sa: KObject = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: DEFAULT_SERVICE_ACCOUNT_NAME, namespace } };
    api.create(sa, { actor: this.actor });
  }
}
