/**
 * describe for the networking kinds: Service (ports, target ports, node ports and the endpoints
 * behind each port), Endpoints, EndpointSlice and Ingress (rules with their backends' endpoints).
 */
import type { KObject } from "../../api/types";
import { formatEndpoints, loadBalancerStatus } from "../printers/columns/network";
import { formatLabels } from "../printers/selectors";
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString, type PrefixWriter } from "./prefix-writer";

function events(obj: KObject, ctx: DescribeContext, w: PrefixWriter): void {
  if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, obj), w, ctx.clock);
}

export function describeService(svc: KObject, ctx: DescribeContext): string {
  const endpoints = ctx.cluster.store.get("Endpoints", svc.metadata.namespace, svc.metadata.name!);
  return tabbedString((w) => {
    const spec = svc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", svc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    const type = spec.type ?? "ClusterIP";
    w.write(LEVEL_0, `Type:\t${type}\n`);
    const hasIP = type !== "ExternalName";
    // The API server defaults the IP family fields of every service but ExternalName.
    if (spec.ipFamilyPolicy ?? hasIP) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy ?? "SingleStack"}\n`);
    const families: string[] = spec.ipFamilies ?? (hasIP ? ["IPv4"] : []);
    w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(",") : "<none>"}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ""}\n`);
    const ips: string[] = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
    w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(",") : "<none>"}\n`);
    if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const lbIngress: { ip?: string; hostname?: string; ipMode?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
    if (lbIngress.length > 0) {
      const list = lbIngress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : "") : (i.hostname ?? ""))).join(", ");
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const p of spec.ports ?? []) {
      const name = p.name || "<unset>";
      const protocol = p.protocol ?? "TCP";
      w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${protocol}\n`);
      if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints, new Set([p.name ?? ""]))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? "None"}\n`);
    const external = type === "NodePort" || type === "LoadBalancer";
    if (spec.externalTrafficPolicy ?? external) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy ?? "Cluster"}\n`);
    const internal = spec.internalTrafficPolicy ?? (hasIP ? "Cluster" : undefined);
    if (internal) w.write(LEVEL_0, `Internal Traffic Policy:\t${internal}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(",")}\n`);
    events(svc, ctx, w);
  });
}

export function describeEndpoints(ep: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", ep.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
    w.write(LEVEL_0, "Subsets:\n");
    for (const subset of ep.subsets ?? []) {
      const addresses = (subset.addresses ?? []).map((a: { ip: string }) => a.ip).join(",");
      w.write(LEVEL_1, `Addresses:\t${addresses || "<none>"}\n`);
      const notReady = (subset.notReadyAddresses ?? []).map((a: { ip: string }) => a.ip).join(",");
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || "<none>"}\n`);
      if ((subset.ports ?? []).length > 0) {
        w.write(LEVEL_1, "Ports:\n");
        w.write(LEVEL_2, "Name\tPort\tProtocol\n");
        w.write(LEVEL_2, "----\t----\t--------\n");
        for (const p of subset.ports) w.write(LEVEL_2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? "TCP"}\n`);
      }
      w.write(LEVEL_0, "\n");
    }
    events(ep, ctx, w);
  });
}

export function describeEndpointSlice(eps: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", eps.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ""}\n`);
    const ports = eps.ports ?? [];
    if (ports.length === 0) {
      w.write(LEVEL_0, "Ports: <unset>\n");
    } else {
      w.write(LEVEL_0, "Ports:\n");
      w.write(LEVEL_1, "Name\tPort\tProtocol\n");
      w.write(LEVEL_1, "----\t----\t--------\n");
      for (const p of ports) w.write(LEVEL_1, `${p.name || "<unset>"}\t${typeof p.port === "number" ? p.port : "<unset>"}\t${p.protocol ?? "TCP"}\n`);
    }
    const endpoints = eps.endpoints ?? [];
    if (endpoints.length === 0) {
      w.write(LEVEL_0, "Endpoints: <none>\n");
    } else {
      w.write(LEVEL_0, "Endpoints:\n");
      for (const e of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(", ") || "<none>"}\n`);
        w.write(LEVEL_2, "Conditions:\n");
        w.write(LEVEL_3, `Ready:\t${typeof e.conditions?.ready === "boolean" ? String(e.conditions.ready) : "<unset>"}\n`);
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? "<unset>"}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? "<unset>"}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? "<unset>"}\n`);
      }
    }
    events(eps, ctx, w);
  });
}

/** A backend as "svc:80 (10.244.1.5:8080,...)" with the endpoints of the service port it names. */
function describeBackend(ctx: DescribeContext, ns: string, backend: any): string {
  if (backend?.service) {
    const b = backend.service;
    const port = b.port?.number ? String(b.port.number) : (b.port?.name ?? "");
    const sb = `${b.name}:${port}`;
    const endpoints = ctx.cluster.store.get("Endpoints", ns, b.name);
    if (!endpoints) return `${sb} (<error: endpoints "${b.name}" not found>)`;
    const svc = ctx.cluster.store.get("Service", ns, b.name);
    if (!svc) return `${sb} (<error: services "${b.name}" not found>)`;
    let spName = "";
    for (const sp of svc.spec?.ports ?? []) {
      if (b.port?.number && b.port.number === sp.port) spName = sp.name ?? "";
      else if (b.port?.name && b.port.name === sp.name) spName = sp.name ?? "";
    }
    return `${sb} (${formatEndpoints(endpoints, new Set([spName]))})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? "<none>"}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return "";
}

export function describeIngress(ing: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const spec = ing.spec ?? {};
    const ns = ing.metadata.namespace ?? "";
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerStatus(ing.status?.loadBalancer?.ingress, true)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}\n`);
    const def = spec.defaultBackend ? describeBackend(ctx, ns, spec.defaultBackend) : "<default>";
    w.write(LEVEL_0, `Default backend:\t${def}\n`);
    if ((spec.tls ?? []).length > 0) {
      w.write(LEVEL_0, "TLS:\n");
      for (const t of spec.tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(",")}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(",")}\n`);
      }
    }
    w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(LEVEL_1, "----\t----\t--------\n");
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || "*"}\t\n`);
      for (const path of rule.http.paths ?? []) w.write(LEVEL_2, `\t${path.path ?? ""} \t${describeBackend(ctx, ns, path.backend)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
    printAnnotationsMultiline(w, "Annotations", ing.metadata.annotations);
    events(ing, ctx, w);
  });
}
