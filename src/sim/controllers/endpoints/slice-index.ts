/**
 * The EndpointSlice index every consumer shares (the controller, kube-proxy, cluster DNS, the
 * ingress controller): slices filed under "namespace/service-name" from their
 * kubernetes.io/service-name label, as kube-proxy's and CoreDNS's informers look them up.
 */
import type { KObject } from "../../api/types";
import type { ObjectStore } from "../../store/store";

/** The label naming the Service a slice belongs to. */
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
/** The label naming who manages a slice, and this controller's value for it. */
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const MANAGED_BY_CONTROLLER = "endpointslice-controller.k8s.io";
/** The label every Endpoints/EndpointSlice of a headless Service carries. */
export const HEADLESS_LABEL = "service.kubernetes.io/headless";
/** The annotation with the time of the earliest change a write reflects. */
export const TRIGGER_TIME_ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

const INDEX = "endpointslice-service";

/** Registers the index (idempotent). */
export function ensureSliceIndex(store: ObjectStore): void {
  store.addIndex("EndpointSlice", INDEX, (o) => {
    const svc = o.metadata.labels?.[SERVICE_NAME_LABEL];
    return svc ? [`${o.metadata.namespace}/${svc}`] : [];
  });
}

/** The slices of a Service (any manager). */
export function slicesOf(store: ObjectStore, namespace: string, service: string): KObject[] {
  ensureSliceIndex(store);
  return store.byIndex("EndpointSlice", INDEX, `${namespace}/${service}`);
}
