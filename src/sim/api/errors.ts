/**
 * API errors as the API server returns them (metav1.Status): an HTTP code, a reason, and a message in
 * Kubernetes' words. kubectl prints them as `Error from server (<reason>): <message>`.
 */
import type { KindInfo } from "./kinds";

export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "Forbidden"
  | "BadRequest"
  | "MethodNotAllowed"
  | "TooManyRequests"
  | "Timeout"
  | "InternalError";

/** One field-level validation failure (field.Error in Kubernetes). */
export interface FieldError {
  /** "spec.containers[0].image" */
  field: string;
  /** "Required value", "Invalid value", "Unsupported value", "Forbidden", "Duplicate value", ... */
  type: FieldErrorType;
  /** The offending value, printed as Kubernetes prints it (strings quoted). */
  value?: unknown;
  detail?: string;
}

export type FieldErrorType =
  | "Required value"
  | "Invalid value"
  | "Unsupported value"
  | "Forbidden"
  | "Duplicate value"
  | "Too long"
  | "Too many"
  | "Not found"
  | "Internal error";

/** metav1.StatusDetails: the kind and name an error is about (kubectl words Invalid errors with them). */
export interface StatusDetails {
  kind?: string;
  name?: string;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldError[] = [],
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = "StatusError";
  }
}

function resourceName(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export function notFound(info: KindInfo, name: string): StatusError {
  return new StatusError(404, "NotFound", `${resourceName(info)} "${name}" not found`);
}

export function alreadyExists(info: KindInfo, name: string): StatusError {
  return new StatusError(409, "AlreadyExists", `${resourceName(info)} "${name}" already exists`);
}

export function conflict(info: KindInfo, name: string, why: string): StatusError {
  return new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${resourceName(info)} "${name}": ${why}`);
}

export function forbidden(message: string): StatusError {
  return new StatusError(403, "Forbidden", message);
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, "BadRequest", message);
}

/** Formats one field error exactly as field.Error.Error() does. */
export function formatFieldError(e: FieldError): string {
  let s = `${e.field}: ${e.type}`;
  if (e.type === "Required value" || e.type === "Forbidden" || e.type === "Too long" || e.type === "Too many" || e.type === "Internal error") {
    if (e.detail) s += `: ${e.detail}`;
    return s;
  }
  if (e.value !== undefined && e.type !== "Not found" ) s += `: ${formatValue(e.value)}`;
  else if (e.type === "Not found" && e.value !== undefined) s += `: ${formatValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/**
 * A value a field error prints verbatim, as Go's %#v prints values that are not strings or numbers
 * (`map[string]string{"app":"nginx"}`).
 */
export class GoValue {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

function formatValue(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return `[]${typeof v[0] === "string" ? "string" : "interface {}"}{${v.map((x) => (typeof x === "string" ? JSON.stringify(x) : String(x))).join(", ")}}`;
  return JSON.stringify(v);
}

/**
 * The Invalid error for a kind: `<Kind> "<name>" is invalid: <field errors>` where several errors are
 * listed as `[a, b]`, as apierrors.NewInvalid does.
 */
export function invalid(kind: string, name: string, errors: FieldError[], group = ""): StatusError {
  const parts = errors.map(formatFieldError);
  const detail = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
  // The message names the qualified kind (GroupKind.String(): "Deployment.apps"); details the bare one.
  return new StatusError(422, "Invalid", `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${detail}`, errors, { kind, name });
}
