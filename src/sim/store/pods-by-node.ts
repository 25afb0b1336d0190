/**
 * The store's index of pods by spec.nodeName, shared by the components that look up a node's pods
 * (the kubelets, the node lifecycle and taint eviction controllers) instead of walking every pod.
 */
import type { KObject } from "../api/types";
import type { ObjectStore } from "./store";

const PODS_BY_NODE = "spec.nodeName";

/** Registers the index (once per store; later calls do nothing). */
export function indexPodsByNode(store: ObjectStore): void {
  store.addIndex("Pod", PODS_BY_NODE, (o) => (o.spec?.nodeName ? [o.spec.nodeName] : []));
}

/** The pods bound to a node. The index must be registered. */
export function podsOnNode(store: ObjectStore, nodeName: string): KObject[] {
  return store.byIndex("Pod", PODS_BY_NODE, nodeName);
}
