/** Fixture builders for storage tests: volumes, claims, classes and pods that use claims. */
import type { KObject } from "../api/types";

export const make = {
  pv(name: string, o: { capacity?: string; modes?: string[]; storageClassName?: string; path?: string; reclaim?: string; labels?: Record<string, string>; claimRef?: { namespace: string; name: string }; node?: string; nfs?: boolean } = {}): KObject {
    const spec: Record<string, unknown> = {
      capacity: { storage: o.capacity ?? "10Gi" },
      accessModes: o.modes ?? ["ReadWriteOnce"],
      ...(o.storageClassName !== undefined ? { storageClassName: o.storageClassName } : {}),
      ...(o.reclaim ? { persistentVolumeReclaimPolicy: o.reclaim } : {}),
      ...(o.nfs ? { nfs: { server: "nfs.example.com", path: "/exports" } } : { hostPath: { path: o.path ?? `/mnt/${name}` } }),
      ...(o.claimRef ? { claimRef: o.claimRef } : {}),
    };
    if (o.node) spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [o.node] }] }] } };
    return { apiVersion: "v1", kind: "PersistentVolume", metadata: { name, ...(o.labels ? { labels: o.labels } : {}) }, spec };
  },
  pvc(name: string, o: { request?: string; modes?: string[]; storageClassName?: string | null; volumeName?: string; selector?: Record<string, string>; namespace?: string } = {}): KObject {
    return {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name, namespace: o.namespace ?? "default" },
      spec: {
        accessModes: o.modes ?? ["ReadWriteOnce"],
        resources: { requests: { storage: o.request ?? "1Gi" } },
        ...(o.storageClassName !== undefined && o.storageClassName !== null ? { storageClassName: o.storageClassName } : {}),
        ...(o.volumeName ? { volumeName: o.volumeName } : {}),
        ...(o.selector ? { selector: { matchLabels: o.selector } } : {}),
      },
    };
  },
  storageClass(name: string, o: { provisioner?: string; mode?: string; reclaim?: string; isDefault?: boolean } = {}): KObject {
    return {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name, ...(o.isDefault ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}) },
      provisioner: o.provisioner ?? "rancher.io/local-path",
      ...(o.mode ? { volumeBindingMode: o.mode } : {}),
      ...(o.reclaim ? { reclaimPolicy: o.reclaim } : {}),
    };
  },
  pod(name: string, claims: string[], o: { nodeName?: string; image?: string; command?: string[] } = {}): KObject {
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: "default" },
      spec: {
        ...(o.nodeName ? { nodeName: o.nodeName } : {}),
        containers: [{ name: "app", image: o.image ?? "busybox", command: o.command ?? ["sleep", "3600"], volumeMounts: claims.map((_c, i) => ({ name: `v${i}`, mountPath: `/data${i}` })) }],
        volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })),
      },
    };
  },
};
