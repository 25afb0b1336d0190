/**
 * networking.k8s.io strategies: Ingress (hosts, paths with a pathType, backends naming a service
 * port) and NetworkPolicy (policyTypes defaulted from the rules, TCP ports, valid peers).
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "../validation/field";
import { isDNS1123Subdomain, isDNS1035Label, isValidPortName, isValidPortNum } from "../validation/names";
import { validateLabelSelector } from "../validation/selectors";
import { basicStrategy, resetStatus } from "./common";

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

function validateBackend(b: Record<string, any> | undefined, path: FieldPath): FieldError[] {
  if (!b) return [required(path)];
  const errs: FieldError[] = [];
  if (b.service && b.resource) errs.push(invalid(path, "", "cannot set both resource and service backends"));
  else if (b.service) {
    const sp = path.child("service");
    if (!b.service.name) errs.push(required(sp.child("name")));
    else errs.push(...invalidEach(sp.child("name"), b.service.name, isDNS1035Label(b.service.name)));
    const port = b.service.port ?? {};
    const hasName = !!port.name;
    const hasNumber = port.number !== undefined && port.number !== 0;
    if (hasName && hasNumber) errs.push(invalid(sp.child("port"), "", "cannot set both port name & port number"));
    else if (hasName) errs.push(...invalidEach(sp.child("port", "name"), port.name, isValidPortName(port.name)));
    else if (hasNumber) errs.push(...invalidEach(sp.child("port", "number"), port.number, isValidPortNum(port.number)));
    else errs.push(required(sp.child("port"), "port name or number is required"));
  } else if (!b.resource) errs.push(invalid(path, "", "resource or service backend is required"));
  return errs;
}

function validateIngress(ing: KObject): FieldError[] {
  const spec = ing.spec ?? {};
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (!spec.defaultBackend && rules.length === 0) errs.push(invalid(FieldPath.root("spec", "rules"), "[]", "either `defaultBackend` or `rules` must be specified"));
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, FieldPath.root("spec", "defaultBackend")));
  rules.forEach((rule: Record<string, any>, i: number) => {
    const rp = FieldPath.root("spec", "rules").index(i);
    if (rule.host) {
      const host = rule.host.startsWith("*.") ? rule.host.slice(2) : rule.host;
      errs.push(...invalidEach(rp.child("host"), rule.host, isDNS1123Subdomain(host)));
    }
    (rule.http?.paths ?? []).forEach((p: Record<string, any>, j: number) => {
      const pp = rp.child("http", "paths").index(j);
      if (!p.pathType) errs.push(required(pp.child("pathType"), "pathType must be specified"));
      else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(pp.child("pathType"), p.pathType, PATH_TYPES));
      else if (p.pathType !== "ImplementationSpecific" && !String(p.path ?? "").startsWith("/")) errs.push(invalid(pp.child("path"), p.path ?? "", "must be an absolute path"));
      errs.push(...validateBackend(p.backend, pp.child("backend")));
    });
  });
  return errs;
}

export const ingressStrategy: KindStrategy = basicStrategy("Ingress", {
  validate: validateIngress,
  initialStatus: resetStatus({ loadBalancer: {} }),
});

const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const POLICY_TYPES = ["Egress", "Ingress"];

function defaultNetworkPolicy(np: KObject): void {
  const spec = (np.spec ??= {});
  spec.podSelector ??= {};
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of rule.ports ?? []) if (!p.protocol) p.protocol = "TCP";
  if (!spec.policyTypes || spec.policyTypes.length === 0) spec.policyTypes = spec.egress && spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

function validatePeer(peer: Record<string, any>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const n = (peer.podSelector ? 1 : 0) + (peer.namespaceSelector ? 1 : 0);
  if (peer.ipBlock) {
    if (n > 0) errs.push(forbidden(path, "may not specify both selectors and ipBlock"));
    if (!peer.ipBlock.cidr) errs.push(required(path.child("ipBlock", "cidr")));
  } else if (n === 0) errs.push(required(path, "must specify a peer"));
  if (peer.podSelector) errs.push(...validateLabelSelector(peer.podSelector, path.child("podSelector")));
  if (peer.namespaceSelector) errs.push(...validateLabelSelector(peer.namespaceSelector, path.child("namespaceSelector")));
  return errs;
}

function validateNetworkPolicy(np: KObject): FieldError[] {
  const spec = np.spec ?? {};
  const errs = validateLabelSelector(spec.podSelector, FieldPath.root("spec", "podSelector"));
  for (const dir of ["ingress", "egress"] as const) {
    (spec[dir] ?? []).forEach((rule: Record<string, any>, i: number) => {
      const rp = FieldPath.root("spec", dir).index(i);
      (rule.ports ?? []).forEach((p: Record<string, any>, j: number) => {
        if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(rp.child("ports").index(j).child("protocol"), p.protocol, PROTOCOLS));
      });
      (rule[dir === "ingress" ? "from" : "to"] ?? []).forEach((peer: Record<string, any>, j: number) => errs.push(...validatePeer(peer, rp.child(dir === "ingress" ? "from" : "to").index(j))));
    });
  }
  (spec.policyTypes ?? []).forEach((t: string, i: number) => {
    if (!POLICY_TYPES.includes(t)) errs.push(notSupported(FieldPath.root("spec", "policyTypes").index(i), t, POLICY_TYPES));
  });
  return errs;
}

export const networkPolicyStrategy: KindStrategy = basicStrategy("NetworkPolicy", {
  defaults: defaultNetworkPolicy,
  validate: validateNetworkPolicy,
});
