/**
 * Resource names and requirements (core validation's validateResourceName family and
 * validateResourceRequirements): which names containers, quotas and limit ranges accept, that
 * quantities are non-negative (and whole for countable resources), and requests ≤ limits.
 */
import { GoValue } from "../errors";
import { FieldPath, invalid, invalidEach, forbidden, required, type FieldError } from "./field";
import { isQualifiedName } from "./names";
import { cmpQuantity, formatQuantity, isNegative, mustParse, type Quantity } from "./quantity";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const STANDARD_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
  "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "persistentvolumeclaims", "configmaps",
  "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
]);
const STANDARD_QUOTA_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu",
  "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
  "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
]);
const INTEGER_RESOURCES = new Set(["pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"]);

export const isHugePageResourceName = (name: string): boolean => name.startsWith("hugepages-");
const isQuotaHugePage = (name: string): boolean => name.startsWith("hugepages-") || name.startsWith("requests.hugepages-") || name.startsWith("limits.hugepages-");

/** Names without a "/" or under kubernetes.io/ are native; others are extended resources. */
export function isNativeResource(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith("requests.")) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Resources whose requests must equal their limits (hugepages, extended resources). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** Countable resources: quotas of objects and extended resources must be whole numbers. */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePage(name);
}

/** validateResourceName: a qualified name, and a standard one when unprefixed. */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = invalidEach(path, name, isQualifiedName(name));
  if (errs.length > 0) return errs;
  if (!name.includes("/") && !STANDARD_RESOURCES.has(name) && !isQuotaHugePage(name)) return [invalid(path, name, "must be a standard resource type or fully qualified")];
  return [];
}

/** validateContainerResourceName: cpu, memory, ephemeral-storage, hugepages or an extended resource. */
export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes("/")) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) return [...errs, invalid(path, name, "must be a standard resource for containers")];
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [...errs, invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes("/") && !isStandardQuotaResourceName(name)) return [...errs, invalid(path, name, "must be a standard resource for quota")];
  return errs;
}

/** ValidateResourceQuantityValue: not negative; whole for countable resources. */
export function validateQuantityValue(name: string, value: unknown, path: FieldPath): FieldError[] {
  const q = mustParse(value);
  const errs: FieldError[] = [];
  if (isNegative(q)) errs.push(invalid(path, formatQuantity(q), "must be greater than or equal to 0"));
  // The quantity itself, not its string: Go prints it through its String method, unquoted.
  if (isIntegerResourceName(name) && !isWhole(q)) errs.push(invalid(path, new GoValue(formatQuantity(q)), "must be an integer"));
  return errs;
}

function isWhole(q: Quantity): boolean {
  if (q.exponent >= 0) return true;
  return q.mantissa % 10n ** BigInt(-q.exponent) === 0n;
}

interface Requirements {
  limits?: Record<string, unknown>;
  requests?: Record<string, unknown>;
}

/** ValidateContainerResourceRequirements: names, values, requests ≤ limits, hugepages need cpu or memory. */
export function validateResourceRequirements(req: Requirements | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!req) return errs;
  const limPath = path.child("limits");
  const reqPath = path.child("requests");
  let limCPUOrMemory = false;
  let reqCPUOrMemory = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(req.limits ?? {})) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateQuantityValue(name, value, p));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === "cpu" || name === "memory") limCPUOrMemory = true;
  }
  for (const [name, value] of Object.entries(req.requests ?? {})) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateQuantityValue(name, value, p));
    const q = mustParse(value);
    const limit = req.limits?.[name];
    if (limit !== undefined) {
      const l = mustParse(limit);
      if (cmpQuantity(q, l) !== 0 && !isOvercommitAllowed(name)) errs.push(invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(l)}`));
      else if (cmpQuantity(q, l) > 0) errs.push(invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(l)}`));
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === "cpu" || name === "memory") reqCPUOrMemory = true;
  }
  if (!limCPUOrMemory && !reqCPUOrMemory && hugePages) errs.push(forbidden(path, "HugePages require cpu or memory"));
  return errs;
}
