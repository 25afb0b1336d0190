/**
 * The Node strategy: allocatable defaults to capacity, taints and pod CIDRs are validated, and a
 * node's podCIDRs and providerID may not change once set. Nodes may carry status on create, as
 * kubelets register them.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, duplicate, forbidden, invalid, type FieldError } from "../validation/field";
import { validateQuantityValue } from "../validation/resources";
import { validateNodeTaints } from "../validation/scheduling";
import { basicStrategy } from "./common";

function isCIDR(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (m) return m.slice(1, 5).every((p) => Number(p) <= 255) && Number(m[5]) <= 32;
  return /^[0-9a-fA-F:]+\/\d{1,3}$/.test(s);
}

function validateNode(node: KObject): FieldError[] {
  const errs = validateNodeTaints(node.spec?.taints, FieldPath.root("metadata", "taints"));
  for (const key of ["capacity", "allocatable"] as const) {
    for (const [name, v] of Object.entries((node.status?.[key] ?? {}) as Record<string, unknown>)) errs.push(...validateQuantityValue(name, v, FieldPath.root("status", key, name)));
  }
  const cidrs: string[] = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!isCIDR(c)) errs.push(invalid(FieldPath.root("spec", "podCIDRs").index(i), c, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    if (cidrs.indexOf(c) !== i) errs.push(duplicate(FieldPath.root("spec", "podCIDRs").index(i), c));
  });
  return errs;
}

function validateNodeUpdate(node: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const oldCIDRs: string[] = old.spec?.podCIDRs ?? [];
  const cidrs: string[] = node.spec?.podCIDRs ?? [];
  if (oldCIDRs.length > 0 && (oldCIDRs.length !== cidrs.length || oldCIDRs.some((c, i) => c !== cidrs[i]))) {
    errs.push(forbidden(FieldPath.root("spec", "podCIDRs"), 'node updates may not change podCIDR except from "" to valid'));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) errs.push(forbidden(FieldPath.root("spec", "providerID"), 'node updates may not change providerID except from "" to valid'));
  return errs;
}

export const nodeStrategy: KindStrategy = {
  ...basicStrategy("Node", { validate: validateNode, validateUpdate: validateNodeUpdate }),
  defaults(obj) {
    obj.spec = obj.spec ?? {};
    if (obj.status?.capacity && !obj.status.allocatable) obj.status = { ...obj.status, allocatable: { ...obj.status.capacity } };
  },
};
