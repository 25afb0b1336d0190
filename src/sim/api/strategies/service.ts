/**
 * The Service strategy: v1 defaults (ClusterIP, no session affinity, TCP, targetPort = port, Cluster
 * traffic policies), cluster IP and node port allocation on create, ValidateService, and the cluster
 * IP that may not change once set.
 */
import type { ServicePort } from "kubernetes-types/core/v1";
import { GoValue } from "../errors";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { dedupe, duplicate, FieldPath, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "../validation/field";
import { isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, nameIsDNS1035Label } from "../validation/names";
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from "../validation/objectmeta";
import { validatePortNumOrName } from "../validation/probes";
import { isValidPortNum } from "../validation/names";
import { schemaDecoder } from "./common";
import { allocateService, keepAllocated } from "./service-alloc";

const SPEC = FieldPath.root("spec");
const TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];

/** SetDefaults_Service. */
export function defaultService(svc: KObject): void {
  const spec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  if (!spec.type) spec.type = "ClusterIP";
  for (const p of (spec.ports ?? []) as ServicePort[]) {
    if (!p.protocol) p.protocol = "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  const external = spec.type === "NodePort" || spec.type === "LoadBalancer" || (spec.externalIPs ?? []).length > 0;
  if (external && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = "Cluster";
  if (!spec.internalTrafficPolicy && ["NodePort", "LoadBalancer", "ClusterIP"].includes(spec.type)) spec.internalTrafficPolicy = "Cluster";
  if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
}

function isHeadless(spec: Record<string, any>): boolean {
  return (spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === "None") || spec.clusterIP === "None";
}

function goServicePortKey(p: ServicePort): GoValue {
  return new GoValue(`core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? "")}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`);
}

/** ValidateService. */
export function validateService(svc: KObject): FieldError[] {
  const spec = svc.spec ?? {};
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const ports: ServicePort[] = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== "ExternalName") errs.push(required(SPEC.child("ports")));
  if (spec.type === "ExternalName") {
    const cname = String(spec.externalName ?? "").replace(/\.$/, "");
    if (cname) errs.push(...invalidEach(SPEC.child("externalName"), cname, isDNS1123Subdomain(cname)));
    else errs.push(required(SPEC.child("externalName")));
  }
  if ((spec.type === "LoadBalancer" || spec.type === "NodePort") && spec.clusterIP === "None") {
    errs.push(invalid(SPEC.child("clusterIPs").index(0), "None", `may not be set to 'None' for ${spec.type} services`));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = SPEC.child("ports").index(i);
    if (ports.length > 1 && !p.name) errs.push(required(pp.child("name")));
    else if (p.name) {
      errs.push(...invalidEach(pp.child("name"), p.name, isDNS1123Label(p.name)));
      if (names.has(p.name)) errs.push(duplicate(pp.child("name"), p.name));
      names.add(p.name);
    }
    errs.push(...invalidEach(pp.child("port"), p.port ?? 0, isValidPortNum(p.port ?? 0)));
    if (!p.protocol) errs.push(required(pp.child("protocol")));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(pp.child("protocol"), p.protocol, PROTOCOLS));
    errs.push(...validatePortNumOrName(p.targetPort, pp.child("targetPort")));
    if (p.appProtocol !== undefined) errs.push(...invalidEach(pp.child("appProtocol"), p.appProtocol, isQualifiedName(p.appProtocol)));
  });
  if (spec.selector) errs.push(...validateLabels(spec.selector, SPEC.child("selector")));
  if (!spec.sessionAffinity) errs.push(required(SPEC.child("sessionAffinity")));
  else if (spec.sessionAffinity !== "ClientIP" && spec.sessionAffinity !== "None") errs.push(notSupported(SPEC.child("sessionAffinity"), spec.sessionAffinity, ["ClientIP", "None"]));
  if (spec.clusterIP && spec.clusterIP !== "None" && !isIP(spec.clusterIP)) errs.push(invalid(SPEC.child("clusterIPs").index(0), spec.clusterIP, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIP(ip)) errs.push(invalid(SPEC.child("externalIPs").index(i), ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  });
  if (!spec.type) errs.push(required(SPEC.child("type")));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported(SPEC.child("type"), spec.type, TYPES));
  if (spec.type === "ClusterIP") ports.forEach((p, i) => p.nodePort && errs.push(forbidden(SPEC.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'")));
  const seenNodePorts = new Set<string>();
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (seenNodePorts.has(k)) errs.push(duplicate(SPEC.child("ports").index(i).child("nodePort"), p.nodePort));
      seenNodePorts.add(k);
    }
    const k = `${p.protocol}/${p.port}`;
    if (seenPorts.has(k)) errs.push(duplicate(SPEC.child("ports").index(i), goServicePortKey(p)));
    seenPorts.add(k);
  });
  const external = spec.type === "NodePort" || spec.type === "LoadBalancer" || (spec.externalIPs ?? []).length > 0;
  if (!external && spec.externalTrafficPolicy) errs.push(invalid(SPEC.child("externalTrafficPolicy"), spec.externalTrafficPolicy, "may only be set for externally-accessible services"));
  if (external && spec.externalTrafficPolicy && !["Cluster", "Local"].includes(spec.externalTrafficPolicy)) errs.push(notSupported(SPEC.child("externalTrafficPolicy"), spec.externalTrafficPolicy, ["Cluster", "Local"]));
  if (spec.internalTrafficPolicy && !["Cluster", "Local"].includes(spec.internalTrafficPolicy)) errs.push(notSupported(SPEC.child("internalTrafficPolicy"), spec.internalTrafficPolicy, ["Cluster", "Local"]));
  return errs;
}

function validateServiceUpdate(svc: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const was: string[] = old.spec?.clusterIPs ?? [];
  const now: string[] = svc.spec?.clusterIPs ?? [];
  const exempt = svc.spec?.type === "ExternalName" || old.spec?.type === "ExternalName";
  if (!exempt && was.length > 0) {
    if (now.length === 0) errs.push(invalid(SPEC.child("clusterIPs").index(0), new GoValue("[]string(nil)"), "primary clusterIP can not be unset"));
    else if (now[0] !== was[0]) errs.push(invalid(SPEC.child("clusterIPs").index(0), new GoValue(`[]string{${now.map((s) => JSON.stringify(s)).join(", ")}}`), "may not change once set"));
  }
  return [...errs, ...validateService(svc)];
}

export const serviceStrategy: KindStrategy = {
  decode: schemaDecoder("Service"),
  defaults: defaultService,
  validateCreate(obj, api) {
    const errs = validateService(obj);
    if (errs.length === 0) errs.push(...allocateService(obj, api));
    return dedupe(errs);
  },
  validateUpdate(obj, old) {
    keepAllocated(obj, old);
    return dedupe(validateServiceUpdate(obj, old));
  },
  initialStatus(obj) {
    obj.status = { loadBalancer: {} };
  },
};
