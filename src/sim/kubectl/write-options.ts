/**
 * Flags the writing verbs share, with kubectl's parsing of them: `--dry-run=none|client|server`,
 * `--validate=strict|warn|ignore|true|false` (sent as the API's fieldValidation),
 * `--field-manager` and `--save-config`.
 */
import type { RequestOptions } from "../api/server";
import type { FlagSpec } from "./flags";
import { KubectlError } from "./kubectl";
import type { DryRunStrategy } from "./output";
import type { Invocation } from "./verb";

export const DRY_RUN_FLAG: FlagSpec = {
  name: "dry-run",
  type: "string",
  default: "none",
  noOptDefault: "unchanged",
  help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export const VALIDATE_FLAG: FlagSpec = {
  name: "validate",
  type: "string",
  default: "strict",
  noOptDefault: "strict",
  help: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. "warn" will warn about unknown or duplicate fields without blocking the request. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

export const SAVE_CONFIG_FLAG: FlagSpec = {
  name: "save-config",
  type: "bool",
  help: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.",
};

/** `--field-manager` with the verb's default manager name. */
export function fieldManagerFlag(defaultManager: string): FlagSpec {
  return { name: "field-manager", type: "string", default: defaultManager, help: "Name of the manager used to track field ownership." };
}

/** cmdutil.GetDryRunStrategy. */
export function dryRunStrategy(inv: Invocation): DryRunStrategy {
  const v = inv.flag<string>("dry-run") ?? "none";
  switch (v) {
    case "client":
    case "unchanged":
    case "true":
      return "client";
    case "server":
      return "server";
    case "none":
    case "false":
      return "none";
  }
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** cmdutil.GetValidationDirective: the fieldValidation a request carries. */
export function validationDirective(inv: Invocation): "Strict" | "Warn" | "Ignore" {
  const v = inv.flag<string>("validate") ?? "strict";
  switch (v) {
    case "strict":
    case "true":
      return "Strict";
    case "warn":
      return "Warn";
    case "ignore":
    case "false":
      return "Ignore";
  }
  throw new KubectlError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** The options of one API write from a kubectl verb, collecting the server's warnings. */
export function requestOptions(inv: Invocation, fieldManager: string, extra: Partial<RequestOptions> = {}): RequestOptions & { warnings: string[] } {
  return {
    actor: fieldManager,
    fieldManager: inv.isSet("field-manager") ? inv.flag<string>("field-manager") : fieldManager,
    warnings: [],
    ...extra,
  };
}
