/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): for a Service
 * without a selector whose Endpoints someone wrote by hand, it keeps EndpointSlices that mirror
 * them — one per subset, `addresses` ready and `notReadyAddresses` not — so kube-proxy, which reads
 * only slices, routes to them. Endpoints labelled `endpointslice.kubernetes.io/skip-mirror: "true"`
 * (the API server's own `kubernetes`) and Endpoints of Services with a selector are left alone.
 */
import type { KObject } from "../api/types";
import { deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { serviceSelector } from "./endpoints/membership";
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL, slicesOf } from "./endpoints/slice-index";

export const MIRRORING_CONTROLLER = "endpointslicemirroring-controller";
const MANAGED_BY = "endpointslicemirroring-controller.k8s.io";
const SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";

export class EndpointSliceMirroringController extends Controller {
  readonly name = MIRRORING_CONTROLLER;

  protected setup(): void {
    const enqueue = (o: KObject) => this.enqueue(keyOf(o.metadata.namespace, o.metadata.name!));
    this.cluster.api.watch("Endpoints", (e) => enqueue(e.object));
    this.cluster.api.watch("Service", (e) => enqueue(e.object));
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store, api } = this.cluster;
    const svc = store.get("Service", namespace, name);
    const ep = store.get("Endpoints", namespace, name);
    const mirror = svc && ep && !serviceSelector(svc) && ep.metadata.labels?.[SKIP_MIRROR] !== "true";
    const existing = slicesOf(store, namespace!, name).filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    const desired = mirror ? desiredSlices(ep) : [];
    for (let i = 0; i < Math.max(desired.length, existing.length); i++) {
      const want = desired[i];
      const have = existing[i];
      if (!want) {
        api.delete("EndpointSlice", namespace, have.metadata.name!, { actor: this.actor });
        continue;
      }
      const labels = { ...(ep!.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
      const body: KObject = {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: {
          ...(have?.metadata ?? { generateName: `${name}-` }),
          namespace,
          labels,
          ownerReferences: [{ apiVersion: "v1", kind: "Endpoints", name, uid: ep!.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: "IPv4",
        endpoints: want.endpoints,
        ports: want.ports,
      };
      if (!have) api.create(body, { actor: this.actor });
      else if (!deepEqual(have.endpoints, want.endpoints) || !deepEqual(have.ports, want.ports) || !deepEqual(have.metadata.labels, labels)) api.update(body, { actor: this.actor });
    }
  }
}

function desiredSlices(ep: KObject): { endpoints: Record<string, unknown>[]; ports: Record<string, unknown>[] }[] {
  return ((ep.subsets ?? []) as Record<string, any>[]).map((ss) => {
    const endpoint = (a: Record<string, any>, ready: boolean) => ({
      addresses: [a.ip],
      conditions: { ready },
      ...(a.hostname ? { hostname: a.hostname } : {}),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
      ...(a.targetRef ? { targetRef: a.targetRef } : {}),
    });
    return {
      endpoints: [...(ss.addresses ?? []).map((a: Record<string, any>) => endpoint(a, true)), ...(ss.notReadyAddresses ?? []).map((a: Record<string, any>) => endpoint(a, false))],
      ports: (ss.ports ?? []).map((p: Record<string, any>) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP", ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
    };
  });
}
