/**
 * The records CoreDNS's kubernetes plugin serves for the cluster domain (DNS for Services and Pods):
 *
 * - `<svc>.<ns>.svc.cluster.local` — the ClusterIP; for a headless Service the addresses of its ready
 *   endpoints; for an ExternalName Service a CNAME to spec.externalName;
 * - `<hostname>.<svc>.<ns>.svc.cluster.local` — one endpoint of a headless Service, by the hostname
 *   the endpoint carries (pods with hostname + subdomain, StatefulSet pods) or its dashed IP;
 * - `<a-b-c-d>.<ns>.pod.cluster.local` — the address spelled in the name (`pods insecure`, kubeadm's
 *   Corefile).
 *
 * Names outside the zone are forwarded upstream (the internet the simulation knows).
 */
import type { KObject } from "../../api/types";
import { slicesOf } from "../../controllers/endpoints/slice-index";
import type { ObjectStore } from "../../store/store";
import type { DnsAnswer } from "../fabric";
import { internetAddress } from "../internet";

/** The cluster domain (kubelet clusterDomain, CoreDNS zone). */
export const CLUSTER_DOMAIN = "cluster.local";

const NXDOMAIN: DnsAnswer = { rcode: "NXDOMAIN", addresses: [] };

/** Answers an A query for `name` from the API objects in `store`. */
export function lookup(store: ObjectStore, name: string, depth = 0): DnsAnswer {
  const q = name.toLowerCase().replace(/\.$/, "");
  const zone = `.${CLUSTER_DOMAIN}`;
  if (!q.endsWith(zone)) {
    const ip = internetAddress(q);
    return ip ? { rcode: "NOERROR", addresses: [ip] } : NXDOMAIN;
  }
  const labels = q.slice(0, -zone.length).split(".");
  const kind = labels[labels.length - 1];
  if (kind === "pod" && labels.length === 3) {
    const ip = labels[0].replace(/-/g, ".");
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && labels[0].split("-").length === 4 ? { rcode: "NOERROR", addresses: [ip] } : NXDOMAIN;
  }
  if (kind !== "svc") return NXDOMAIN;
  if (labels.length === 3) return serviceRecord(store, labels[1], labels[0], depth);
  if (labels.length === 4) return endpointRecord(store, labels[2], labels[1], labels[0]);
  return NXDOMAIN;
}

function serviceRecord(store: ObjectStore, namespace: string, name: string, depth: number): DnsAnswer {
  const svc = store.get("Service", namespace, name);
  if (!svc) return NXDOMAIN;
  const spec = svc.spec ?? {};
  if (spec.type === "ExternalName") {
    const target = String(spec.externalName ?? "").replace(/\.$/, "");
    // The resolver follows the CNAME; a target that does not resolve leaves only the alias.
    const resolved = depth < 8 ? lookup(store, target, depth + 1) : NXDOMAIN;
    return { rcode: "NOERROR", addresses: resolved.addresses, canonical: resolved.canonical ?? target };
  }
  if (spec.clusterIP && spec.clusterIP !== "None") return { rcode: "NOERROR", addresses: [spec.clusterIP] };
  const addresses = readyEndpoints(store, namespace, name).map((e) => e.ip);
  return addresses.length > 0 ? { rcode: "NOERROR", addresses } : NXDOMAIN;
}

function endpointRecord(store: ObjectStore, namespace: string, service: string, host: string): DnsAnswer {
  const svc = store.get("Service", namespace, service);
  if (!svc || (svc.spec?.clusterIP && svc.spec.clusterIP !== "None")) return NXDOMAIN;
  const match = readyEndpoints(store, namespace, service).find((e) => e.hostname === host || e.ip.replace(/\./g, "-") === host);
  return match ? { rcode: "NOERROR", addresses: [match.ip] } : NXDOMAIN;
}

/** The distinct ready endpoints of a Service's slices, in slice order. */
export function readyEndpoints(store: ObjectStore, namespace: string, service: string): { ip: string; hostname?: string }[] {
  const out: { ip: string; hostname?: string }[] = [];
  const seen = new Set<string>();
  for (const slice of slicesOf(store, namespace, service) as KObject[]) {
    for (const e of (slice.endpoints ?? []) as Record<string, any>[]) {
      if (e.conditions?.ready === false) continue;
      for (const ip of (e.addresses ?? []) as string[]) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, hostname: e.hostname });
      }
    }
  }
  return out;
}
