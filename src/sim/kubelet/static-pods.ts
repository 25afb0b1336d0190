/**
 * Static pods (config/file.go, pod/mirror_client.go): pods a node runs from its own manifests, not
 * from the API server. The kubelet names each `<name>-<node>`, gives it a uid derived from the
 * manifest, and publishes a mirror pod in the API (annotations kubernetes.io/config.mirror,
 * config.source, config.hash, owned by the Node) so `kubectl get pods` shows it. Deleting the mirror
 * pod does not stop the static pod: the kubelet creates the mirror again. Removing the manifest
 * stops the pod and deletes the mirror.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import { hashString } from "../random";
import { deepClone } from "../util/object";
import type { Kubelet } from "./kubelet";
import type { PodRecord } from "./pods/pod-record";

export class StaticPods {
  /** manifest name → static pod uid. */
  private byName = new Map<string, string>();

  constructor(private readonly kubelet: Kubelet) {}

  /** Adds (or replaces) a manifest. Returns the static pod's full name. */
  add(manifest: Pod): string {
    const node = this.kubelet.nodeName;
    const base = manifest.metadata?.name;
    if (!base) throw new Error("static pod manifest has no metadata.name");
    const name = `${base}-${node}`;
    const namespace = manifest.metadata?.namespace ?? "default";
    const hash = hashString(`${node}/${JSON.stringify(manifest)}`).toString(16).padStart(8, "0") + hashString(JSON.stringify(manifest) + node).toString(16).padStart(8, "0");
    const uid = `${hash.slice(0, 8)}${hash.slice(8, 16)}${hash.slice(0, 8)}${hash.slice(8, 16)}`;
    const existing = this.byName.get(name);
    if (existing === uid) return name;
    if (existing) this.remove(base);
    const pod: Pod = deepClone(manifest);
    pod.apiVersion = "v1";
    pod.kind = "Pod";
    pod.metadata = {
      ...pod.metadata,
      name,
      namespace,
      uid,
      creationTimestamp: this.kubelet.cluster.clock.timestamp(),
      annotations: {
        ...pod.metadata?.annotations,
        "kubernetes.io/config.hash": uid,
        "kubernetes.io/config.seen": this.kubelet.cluster.clock.microTimestamp().replace(/Z$/, "+00:00"),
        "kubernetes.io/config.source": "file",
      },
    };
    pod.spec = {
      ...pod.spec!,
      nodeName: node,
      enableServiceLinks: pod.spec?.enableServiceLinks ?? true,
      tolerations: [...(pod.spec?.tolerations ?? []), { operator: "Exists", effect: "NoExecute" }],
    };
    this.byName.set(name, uid);
    this.kubelet.addStaticPod(pod);
    return name;
  }

  /** Removes a manifest by its own name (without the node suffix): the pod stops. */
  remove(base: string): boolean {
    const name = `${base}-${this.kubelet.nodeName}`;
    const uid = this.byName.get(name);
    if (!uid) return false;
    const w = this.kubelet.workers.get(uid);
    if (w) {
      w.pr.apiPod = { ...w.pr.apiPod, metadata: { ...w.pr.apiPod.metadata, deletionTimestamp: this.kubelet.cluster.clock.timestamp(), deletionGracePeriodSeconds: w.pr.apiPod.spec?.terminationGracePeriodSeconds ?? 30 } };
      w.terminate();
    }
    this.byName.delete(name);
    return true;
  }

  list(): string[] {
    return [...this.byName.keys()];
  }

  forgotten(pr: PodRecord): void {
    if (this.byName.get(pr.name) === pr.uid) this.byName.delete(pr.name);
  }

  /** True for the mirror pod of one of this node's static pods. */
  isMirrorOf(pod: Pod): PodRecord | undefined {
    if (!pod.metadata?.annotations?.["kubernetes.io/config.mirror"]) return undefined;
    const uid = this.byName.get(pod.metadata.name ?? "");
    return uid ? this.kubelet.workers.get(uid)?.pr : undefined;
  }

  /** Creates the mirror pod if it is missing (or was deleted). */
  ensureMirror(pr: PodRecord): void {
    if (pr.apiPod.metadata?.deletionTimestamp) return;
    const api = this.kubelet.cluster.api;
    const current = api.store.get("Pod", pr.namespace, pr.name);
    if (current) {
      if (current.metadata.deletionTimestamp && current.metadata.annotations?.["kubernetes.io/config.mirror"]) {
        // A mirror pod being deleted is replaced.
        try {
          api.delete("Pod", pr.namespace, pr.name, { actor: this.kubelet.ctx.actor, gracePeriodSeconds: 0 });
        } catch {
          return;
        }
      } else return;
    }
    const node = api.store.get("Node", undefined, this.kubelet.nodeName);
    const mirror: KObject = {
      ...(deepClone(pr.apiPod) as KObject),
      metadata: {
        name: pr.name,
        namespace: pr.namespace,
        labels: pr.apiPod.metadata?.labels,
        annotations: { ...pr.apiPod.metadata?.annotations, "kubernetes.io/config.mirror": pr.uid },
        ownerReferences: node ? [{ apiVersion: "v1", kind: "Node", name: this.kubelet.nodeName, uid: node.metadata.uid!, controller: true }] : undefined,
      },
    };
    delete mirror.status;
    if (!mirror.metadata.labels) delete mirror.metadata.labels;
    if (!mirror.metadata.ownerReferences) delete mirror.metadata.ownerReferences;
    try {
      api.create(mirror, { actor: this.kubelet.ctx.actor });
      this.kubelet.ctx.trace("mirror-create", pr.apiPod, { uid: pr.uid });
      this.kubelet.status.rewrite(pr.uid);
    } catch {
      // Retried on the next sync.
    }
  }

  /** Deletes the mirror pod (the static pod is gone). */
  deleteMirror(pr: PodRecord): void {
    const api = this.kubelet.cluster.api;
    const current = api.store.get("Pod", pr.namespace, pr.name);
    if (!current?.metadata.annotations?.["kubernetes.io/config.mirror"]) return;
    try {
      api.delete("Pod", pr.namespace, pr.name, { actor: this.kubelet.ctx.actor, gracePeriodSeconds: 0 });
    } catch {
      // Already gone.
    }
  }
}
