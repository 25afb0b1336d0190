/**
 * Endpoints and EndpointSlice strategies: TCP ports by default, valid addresses, ports and address
 * types.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, invalidEach, notSupported, required, type FieldError } from "../validation/field";
import { isDNS1123Label, isIP, isValidPortNum } from "../validation/names";
import { basicStrategy } from "./common";

const PROTOCOLS = ["SCTP", "TCP", "UDP"];

function validatePort(p: Record<string, any>, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(path.child("name")));
  else if (p.name) errs.push(...invalidEach(path.child("name"), p.name, isDNS1123Label(p.name)));
  errs.push(...invalidEach(path.child("port"), p.port ?? 0, isValidPortNum(p.port ?? 0)));
  if (!p.protocol) errs.push(required(path.child("protocol")));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(path.child("protocol"), p.protocol, PROTOCOLS));
  return errs;
}

function validateEndpoints(ep: KObject): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss: Record<string, any>, i: number) => {
    const sp = FieldPath.root("subsets").index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) errs.push(required(sp, "must specify `addresses` or `notReadyAddresses`"));
    for (const key of ["addresses", "notReadyAddresses"]) {
      (ss[key] ?? []).forEach((a: Record<string, any>, j: number) => {
        if (!isIP(a.ip ?? "")) errs.push(invalid(sp.child(key).index(j).child("ip"), a.ip ?? "", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
      });
    }
    (ss.ports ?? []).forEach((p: Record<string, any>, j: number) => errs.push(...validatePort(p, (ss.ports ?? []).length > 1, sp.child("ports").index(j))));
  });
  return errs;
}

export const endpointsStrategy: KindStrategy = basicStrategy("Endpoints", {
  defaults(obj) {
    for (const ss of obj.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = "TCP";
  },
  validate: validateEndpoints,
});

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];

function validateEndpointSlice(slice: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!slice.addressType) errs.push(required(FieldPath.root("addressType")));
  else if (!ADDRESS_TYPES.includes(slice.addressType)) errs.push(notSupported(FieldPath.root("addressType"), slice.addressType, ADDRESS_TYPES));
  (slice.endpoints ?? []).forEach((e: Record<string, any>, i: number) => {
    const addrs: string[] = e.addresses ?? [];
    const p = FieldPath.root("endpoints").index(i).child("addresses");
    if (addrs.length === 0) errs.push(required(p, "must contain at least 1 address"));
    addrs.forEach((a, j) => {
      if (slice.addressType !== "FQDN" && !isIP(a)) errs.push(invalid(p.index(j), a, "must be a valid IP address"));
    });
  });
  (slice.ports ?? []).forEach((port: Record<string, any>, i: number) => {
    const p = FieldPath.root("ports").index(i);
    if (port.name) errs.push(...invalidEach(p.child("name"), port.name, isDNS1123Label(port.name)));
    if (port.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child("protocol"), port.protocol, PROTOCOLS));
  });
  return errs;
}

export const endpointSliceStrategy: KindStrategy = basicStrategy("EndpointSlice", {
  defaults(obj) {
    for (const p of obj.ports ?? []) {
      if (!p.protocol) p.protocol = "TCP";
      if (p.name === undefined) p.name = "";
    }
  },
  validate: validateEndpointSlice,
});
