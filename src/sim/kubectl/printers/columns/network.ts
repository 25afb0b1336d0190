/**
 * Tables of the networking kinds: Service (TYPE CLUSTER-IP EXTERNAL-IP PORT(S) with "80:30080/TCP"),
 * Endpoints ("10.244.1.5:80,... + N more..."), EndpointSlice, Ingress, IngressClass, NetworkPolicy.
 */
import type { KObject } from "../../../api/types";
import { formatLabels, formatLabelSelector } from "../selectors";
import { age, AGE, NAME, wide, type TableDef } from "./types";

const LOAD_BALANCER_WIDTH = 16;

/** A load balancer's ingress points (IPs, else hostnames), sorted and clipped to 16 bytes unless wide. */
export function loadBalancerStatus(ingress: { ip?: string; hostname?: string }[] | undefined, isWide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort().join(",");
  if (!isWide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + "...";
  return r;
}

function serviceExternalIP(svc: KObject, isWide: boolean): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerStatus(svc.status?.loadBalancer?.ingress, isWide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
  }
  return "<unknown>";
}

/** makePortString: "80/TCP", "80:30080/TCP", comma-joined. */
export function servicePorts(ports: { port?: number; nodePort?: number; protocol?: string }[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`)).join(",");
}

export const serviceTable: TableDef = {
  columns: [NAME, { name: "Type" }, { name: "Cluster-IP" }, { name: "External-IP" }, { name: "Port(s)" }, AGE, ...wide("Selector")],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    const clusterIPs: string[] = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
    return [
      obj.metadata.name ?? "",
      spec.type ?? "ClusterIP",
      clusterIPs.length > 0 ? clusterIPs[0] : "<none>",
      serviceExternalIP(obj, ctx.wide),
      servicePorts(spec.ports) || "<none>",
      age(obj, ctx),
      formatLabels(spec.selector),
    ];
  },
};

/** formatEndpoints: up to three ip:port pairs, then "+ N more...". `ports` limits to named ports. */
export function formatEndpoints(ep: KObject | undefined, ports?: Set<string>): string {
  const subsets: any[] = ep?.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? [];
    const ssPorts: any[] = ss.ports ?? [];
    if (ssPorts.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ssPorts) {
      if (ports === undefined || ports.has(port.name ?? "")) {
        count += addresses.length;
        for (const a of addresses) {
          if (list.length === max) {
            more = true;
            break;
          }
          list.push(joinHostPort(a.ip, port.port));
        }
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** net.JoinHostPort: brackets around IPv6 hosts. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

export const endpointsTable: TableDef = {
  columns: [NAME, { name: "Endpoints" }, AGE],
  row: (obj, ctx) => [obj.metadata.name ?? "", formatEndpoints(obj), age(obj, ctx)],
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(",");
  if (more) return `${ret} + ${count - max} more...`;
  return ret === "" ? "<unset>" : ret;
}

export const endpointSliceTable: TableDef = {
  columns: [NAME, { name: "AddressType" }, { name: "Ports" }, { name: "Endpoints" }, AGE],
  row(obj, ctx) {
    const max = 3;
    const ports: string[] = [];
    let morePorts = false;
    let portCount = 0;
    for (const p of obj.ports ?? []) {
      if (ports.length < max) ports.push(typeof p.port === "number" ? String(p.port) : (p.name ?? "*"));
      else morePorts = true;
      portCount++;
    }
    const addrs: string[] = [];
    let moreAddrs = false;
    let addrCount = 0;
    for (const e of obj.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (addrs.length < max) addrs.push(a);
        else moreAddrs = true;
        addrCount++;
      }
    }
    return [obj.metadata.name ?? "", obj.addressType ?? "", listWithMore(ports, morePorts, portCount, max), listWithMore(addrs, moreAddrs, addrCount, max), age(obj, ctx)];
  },
};

function formatHosts(rules: { host?: string }[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

export const ingressTable: TableDef = {
  columns: [NAME, { name: "Class" }, { name: "Hosts" }, { name: "Address" }, { name: "Ports" }, AGE],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    return [
      obj.metadata.name ?? "",
      spec.ingressClassName ?? "<none>",
      formatHosts(spec.rules),
      loadBalancerStatus(obj.status?.loadBalancer?.ingress, ctx.wide),
      (spec.tls ?? []).length !== 0 ? "80, 443" : "80",
      age(obj, ctx),
    ];
  },
};

export const ingressClassTable: TableDef = {
  columns: [NAME, { name: "Controller" }, { name: "Parameters" }, AGE],
  row(obj, ctx) {
    const p = obj.spec?.parameters;
    let parameters = "<none>";
    if (p) parameters = `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ""}/${p.name}`;
    return [obj.metadata.name ?? "", obj.spec?.controller ?? "", parameters, age(obj, ctx)];
  },
};

export const networkPolicyTable: TableDef = {
  columns: [NAME, { name: "Pod-Selector" }, AGE],
  row: (obj, ctx) => [obj.metadata.name ?? "", formatLabelSelector(obj.spec?.podSelector ?? {}), age(obj, ctx)],
};
