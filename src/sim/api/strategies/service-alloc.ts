/**
 * Service IP and node port allocation, as the API server's service registry does it on create: a
 * cluster IP from the service CIDR (10.96.0.0/12) and node ports from 30000-32767, picked at random
 * (from the seeded source) above the static sub-range, or the ones the user asked for when free.
 */
import type { ApiServer } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, type FieldError } from "../validation/field";
import { GoValue } from "../errors";

/** The service CIDR of the simulated cluster. */
export const SERVICE_CIDR = "10.96.0.0/12";
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
/** Addresses below this offset are kept for static assignment (ServiceIPStaticSubrange). */
const STATIC_IPS = 256;
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };
/** Ports below min+this are kept for static assignment (ServiceNodePortStaticSubrange). */
const STATIC_PORTS = 86;

function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m || m.slice(1).some((p) => Number(p) > 255)) return undefined;
  return ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
}

function intToIP(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function usedIPs(api: ApiServer): Set<string> {
  const used = new Set<string>();
  for (const svc of api.store.each("Service")) for (const ip of svc.spec?.clusterIPs ?? []) used.add(ip);
  return used;
}

function usedNodePorts(api: ApiServer): Set<number> {
  const used = new Set<number>();
  for (const svc of api.store.each("Service")) for (const p of svc.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

function goStrings(items: string[]): GoValue {
  return new GoValue(`[]string{${items.map((s) => JSON.stringify(s)).join(", ")}}`);
}

/** Allocates the cluster IP, families and node ports of a new Service in place; errors when taken. */
export function allocateService(svc: KObject, api: ApiServer): FieldError[] {
  const spec = svc.spec;
  const errs: FieldError[] = [];
  if (spec.type === "ExternalName") return errs;
  if (spec.clusterIP === "None") {
    spec.clusterIPs = ["None"];
  } else if (spec.clusterIP) {
    const n = ipToInt(spec.clusterIP);
    const offset = n === undefined ? -1 : n - CIDR_BASE;
    if (offset <= 0 || offset >= CIDR_SIZE - 1) {
      errs.push(invalid(FieldPath.root("spec", "clusterIPs"), goStrings([spec.clusterIP]), `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`));
    } else if (usedIPs(api).has(spec.clusterIP)) {
      errs.push(invalid(FieldPath.root("spec", "clusterIPs"), goStrings([spec.clusterIP]), `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
    }
    spec.clusterIPs = [spec.clusterIP];
  } else {
    const used = usedIPs(api);
    let ip: string;
    do ip = intToIP(CIDR_BASE + api.random.int(STATIC_IPS, CIDR_SIZE - 2));
    while (used.has(ip));
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  spec.ipFamilies = spec.ipFamilies ?? ["IPv4"];
  spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? "SingleStack";
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") errs.push(...allocateNodePorts(svc, api, usedNodePorts(api)));
  return errs;
}

function allocateNodePorts(svc: KObject, api: ApiServer, used: Set<number>): FieldError[] {
  const errs: FieldError[] = [];
  const ports: { nodePort?: number }[] = svc.spec.ports ?? [];
  if (svc.spec.type === "LoadBalancer" && svc.spec.allocateLoadBalancerNodePorts === false) return errs;
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const path = FieldPath.root("spec", "ports").index(i).child("nodePort");
      if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
        errs.push(invalid(path, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
      } else if (used.has(p.nodePort)) {
        errs.push(invalid(path, p.nodePort, "provided port is already allocated"));
      }
      used.add(p.nodePort);
      return;
    }
    let port: number;
    do port = api.random.int(NODE_PORT_RANGE.min + STATIC_PORTS, NODE_PORT_RANGE.max);
    while (used.has(port));
    used.add(port);
    p.nodePort = port;
  });
  return errs;
}

/** patchAllocatedValues: an update that omits allocated values keeps them. */
export function keepAllocated(svc: KObject, old: KObject): void {
  const spec = svc.spec ?? {};
  const was = old.spec ?? {};
  if (spec.type === "ExternalName" || was.type === "ExternalName") return;
  if (!spec.clusterIP && was.clusterIP) spec.clusterIP = was.clusterIP;
  if (!spec.clusterIPs && was.clusterIPs) spec.clusterIPs = spec.clusterIP === was.clusterIP ? [...was.clusterIPs] : [spec.clusterIP, ...was.clusterIPs.slice(1)];
  else if (spec.clusterIPs && spec.clusterIP && spec.clusterIPs[0] !== spec.clusterIP && deepSame(spec.clusterIPs, was.clusterIPs)) spec.clusterIPs = [spec.clusterIP, ...spec.clusterIPs.slice(1)];
  if (!spec.ipFamilies && was.ipFamilies) spec.ipFamilies = [...was.ipFamilies];
  if (!spec.ipFamilyPolicy && was.ipFamilyPolicy) spec.ipFamilyPolicy = was.ipFamilyPolicy;
  const needsNodePorts = spec.type === "NodePort" || spec.type === "LoadBalancer";
  if (needsNodePorts) {
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = (was.ports ?? []).find((o: { port: number; protocol?: string; name?: string }) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"));
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
  }
}

function deepSame(a: unknown[] | undefined, b: unknown[] | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
