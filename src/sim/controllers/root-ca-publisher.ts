/**
 * The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every
 * namespace has the ConfigMap kube-root-ca.crt holding the cluster CA (ca.crt), which the
 * kube-api-access volume of every pod projects.
 */
import type { KObject } from "../api/types";
import type { Random } from "../random";
import { Controller } from "./controller";

export const ROOT_CA_CONFIG_MAP_NAME = "kube-root-ca.crt";
const DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/**
 * A stand-in cluster CA certificate in PEM form. The simulation signs nothing, so it is the right
 * shape (a base64 DER body in 64-column lines) drawn from the seeded random source.
 */
export function clusterCACertificate(random: Random): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const body = `MIIDBTCCAe2gAwIBAgII${random.chars(1000, alphabet)}`;
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

export class RootCACertPublisher extends Controller {
  readonly name = "root-ca-cert-publisher";
  private caCert = "";

  protected setup(): void {
    const api = this.cluster.api;
    this.caCert = clusterCACertificate(this.cluster.random);
    api.watch("Namespace", (e) => {
      if (e.type === "DELETED") return;
      // Published at once, like the default ServiceAccount, so the first pods of a namespace find it.
      if (e.type === "ADDED") this.ensure(e.object.metadata.name!);
      else this.enqueue(e.object.metadata.name!);
    });
    api.watch("ConfigMap", (e) => {
      if (e.object.metadata.name === ROOT_CA_CONFIG_MAP_NAME && e.actor !== this.actor) this.enqueue(e.object.metadata.namespace!);
    });
    for (const ns of api.store.each("Namespace")) this.ensure(ns.metadata.name!);
  }

  reconcile(namespace: string): void {
    this.ensure(namespace);
  }

  private ensure(namespace: string): void {
    const api = this.cluster.api;
    const ns = api.store.get("Namespace", undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const data = { "ca.crt": this.caCert };
    const cm = api.store.get("ConfigMap", namespace, ROOT_CA_CONFIG_MAP_NAME);
    if (!cm) {
      const obj: KObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: ROOT_CA_CONFIG_MAP_NAME, namespace, annotations: { "kubernetes.io/description": DESCRIPTION } }, data };
      api.create(obj, { actor: this.actor });
    } else if (cm.data?.["ca.crt"] !== this.caCert || cm.metadata.annotations?.["kubernetes.io/description"] !== DESCRIPTION) {
      api.update({ ...cm, data: { ...cm.data, ...data }, metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, "kubernetes.io/description": DESCRIPTION } } }, { actor: this.actor });
    }
  }
}
