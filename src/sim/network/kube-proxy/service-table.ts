/**
 * ServiceTable is what kube-proxy programs into the kernel, as lookup tables: each Service port by
 * ClusterIP:port, by nodePort (on every node address), and by load-balancer ingress IP and
 * externalIPs, each with the endpoints its EndpointSlices list for that port name. It is rebuilt one
 * Service at a time, for the Services whose objects changed since the last sync.
 */
import type { ServicePort } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { SERVICE_NAME_LABEL, slicesOf } from "../../controllers/endpoints/slice-index";
import type { ObjectStore } from "../../store/store";

/** One endpoint of a Service port. */
export interface ProxyEndpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName: string | undefined;
  /** "namespace/name" of the pod behind it, when the slice says. */
  pod: string | undefined;
}

/** A Service port with everything needed to route to it. */
export interface ServicePortEntry {
  /** "namespace/name". */
  service: string;
  /** "namespace/name:portName" (the iptables chain comment). */
  id: string;
  port: number;
  protocol: string;
  nodePort: number | undefined;
  clusterIP: string | undefined;
  type: string;
  externalTrafficPolicy: "Cluster" | "Local";
  internalTrafficPolicy: "Cluster" | "Local";
  /** ClientIP affinity timeout, when the Service has it. */
  affinityMs: number | undefined;
  endpoints: ProxyEndpoint[];
}

export class ServiceTable {
  readonly byClusterIP = new Map<string, ServicePortEntry>();
  readonly byNodePort = new Map<string, ServicePortEntry>();
  readonly byExternalIP = new Map<string, ServicePortEntry>();
  /** Load-balancer and external IPs, by address alone (a port no Service uses there is refused). */
  readonly externalAddresses = new Map<string, ServicePortEntry>();
  /** The table keys each Service owns, to drop them when it is rebuilt. */
  private readonly owned = new Map<string, { map: Map<string, ServicePortEntry>; key: string }[]>();

  constructor(private readonly store: ObjectStore) {}

  /** Rebuilds one Service's entries from the store (removes them when the Service is gone). */
  rebuild(namespace: string, name: string): void {
    const svcKey = `${namespace}/${name}`;
    for (const { map, key } of this.owned.get(svcKey) ?? []) map.delete(key);
    this.owned.delete(svcKey);
    const svc = this.store.get("Service", namespace, name);
    if (!svc || svc.spec?.type === "ExternalName") return;
    const clusterIP: string | undefined = svc.spec?.clusterIP && svc.spec.clusterIP !== "None" ? svc.spec.clusterIP : undefined;
    const slices = slicesOf(this.store, namespace, name);
    const keys: { map: Map<string, ServicePortEntry>; key: string }[] = [];
    const put = (map: Map<string, ServicePortEntry>, key: string, e: ServicePortEntry) => {
      map.set(key, e);
      keys.push({ map, key });
    };
    const lbIPs: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string }) => i.ip).filter(Boolean);
    const externalIPs: string[] = svc.spec?.externalIPs ?? [];
    for (const sp of (svc.spec?.ports ?? []) as ServicePort[]) {
      const protocol = sp.protocol ?? "TCP";
      const entry: ServicePortEntry = {
        service: svcKey,
        id: `${svcKey}${sp.name ? `:${sp.name}` : ""}`,
        port: sp.port,
        protocol,
        nodePort: sp.nodePort ?? undefined,
        clusterIP,
        type: svc.spec?.type ?? "ClusterIP",
        externalTrafficPolicy: svc.spec?.externalTrafficPolicy === "Local" ? "Local" : "Cluster",
        internalTrafficPolicy: svc.spec?.internalTrafficPolicy === "Local" ? "Local" : "Cluster",
        affinityMs: svc.spec?.sessionAffinity === "ClientIP" ? (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10_800) * 1000 : undefined,
        endpoints: endpointsFor(slices, sp.name ?? "", protocol),
      };
      // Headless Services have no virtual IP: kube-proxy leaves them alone.
      if (!clusterIP) continue;
      put(this.byClusterIP, `${clusterIP}/${protocol}/${sp.port}`, entry);
      if (sp.nodePort) put(this.byNodePort, `${protocol}/${sp.nodePort}`, entry);
      for (const ip of [...lbIPs, ...externalIPs]) {
        put(this.byExternalIP, `${ip}/${protocol}/${sp.port}`, entry);
        put(this.externalAddresses, ip, entry);
      }
    }
    if (keys.length > 0) this.owned.set(svcKey, keys);
  }

  /** The Service a slice belongs to, as "namespace/name". */
  static serviceOfSlice(slice: KObject): string | undefined {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    return svc ? `${slice.metadata.namespace}/${svc}` : undefined;
  }
}

function endpointsFor(slices: KObject[], portName: string, protocol: string): ProxyEndpoint[] {
  const out: ProxyEndpoint[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    if (slice.addressType && slice.addressType !== "IPv4") continue;
    const port = ((slice.ports ?? []) as { name?: string; port?: number; protocol?: string }[]).find((p) => (p.name ?? "") === portName && (p.protocol ?? "TCP") === protocol);
    if (!port?.port) continue;
    for (const e of (slice.endpoints ?? []) as Record<string, any>[]) {
      const ip = e.addresses?.[0];
      if (!ip || seen.has(`${ip}:${port.port}`)) continue;
      seen.add(`${ip}:${port.port}`);
      const c = e.conditions ?? {};
      // Unset ready means ready, unset serving follows ready (the API's documented defaults).
      const ready = c.ready !== false;
      const ref = e.targetRef?.kind === "Pod" && e.targetRef?.name ? `${e.targetRef.namespace ?? slice.metadata.namespace}/${e.targetRef.name}` : undefined;
      out.push({ ip, port: port.port, ready, serving: c.serving ?? ready, terminating: c.terminating === true, nodeName: e.nodeName, pod: ref });
    }
  }
  return out;
}
