/**
 * How kubectl's write verbs report what they did: the name printer ("pod/nginx created",
 * "deployment.apps/web configured (dry run)"), `-o name|yaml|json`, `Warning:` lines for the API
 * server's warnings, and errors as kubectl's AddSourceToErr and aggregate printing word them.
 */
import { StatusError } from "../api/errors";
import { kindInfo, type KindInfo } from "../api/kinds";
import type { KObject } from "../api/types";
import { goJson } from "./apply/go-json";
import { KubectlError } from "./kubectl";
import { qualifiedName } from "./resources";
import type { Invocation } from "./verb";
import type { FlagSpec } from "./flags";
import { genericPrinter, parseOutput, type GenericPrinter, type OutputFormat } from "./printers/output";

export type DryRunStrategy = "none" | "client" | "server";

/** `-o` as the write verbs declare it. */
export const OUTPUT_FLAG: FlagSpec = {
  name: "output",
  short: "o",
  type: "string",
  help: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
};

/** The print flags of the write verbs (genericclioptions.PrintFlags). */
export const PRINT_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
  { name: "template", type: "string", help: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
  { name: "allow-missing-template-keys", type: "bool", default: true, help: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
];

/** The -o formats PrintFlags accepts (no tables, no custom columns), in its AllowedFormats() order. */
const WRITE_FORMATS = ["json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file"];

/** "created" → "created (dry run)" / "created (server dry run)", as PrintFlagsWithDryRunStrategy does. */
export function withDryRun(operation: string, dryRun: DryRunStrategy): string {
  if (dryRun === "client") return `${operation} (dry run)`;
  if (dryRun === "server") return `${operation} (server dry run)`;
  return operation;
}

/** The KindInfo of an object, for its printed name. */
export function infoOf(obj: KObject): KindInfo | undefined {
  return kindInfo(obj.kind);
}

/**
 * Prints objects the way one kubectl printer instance does: the name printer with the operation
 * ("pod/nginx created"), or -o name/yaml/json/jsonpath/go-template through the shared printers.
 * Typed objects (built by kubectl's generators) keep their struct field order in -o json; objects
 * from files and the server print with sorted keys, as Go maps do.
 */
export class ObjectPrinter {
  private readonly format: OutputFormat;
  private generic: GenericPrinter | undefined;

  constructor(
    private readonly inv: Invocation,
    output: string | undefined,
    readonly dryRun: DryRunStrategy = "none",
  ) {
    this.format = output === undefined || output === "" ? { kind: "human", wide: false } : parseOutput(inv, WRITE_FORMATS);
  }

  /** True when -o asks for whole objects rather than names. */
  get printsObjects(): boolean {
    return this.format.kind !== "human" && this.format.kind !== "name";
  }

  print(obj: KObject, operation: string, opts: { typed?: boolean; info?: KindInfo } = {}): void {
    const format = this.format;
    if (format.kind === "human" || format.kind === "name") {
      const info = opts.info ?? infoOf(obj);
      const name = info ? qualifiedName(info, obj.metadata?.name ?? "") : `${String(obj.kind).toLowerCase()}/${obj.metadata?.name ?? ""}`;
      const op = format.kind === "human" && operation ? withDryRun(operation, this.dryRun) : "";
      this.inv.out(op ? `${name} ${op}\n` : `${name}\n`);
      return;
    }
    if (format.kind === "json" && opts.typed) {
      this.inv.out(goJson(obj, { sortKeys: false, indent: "    " }) + "\n");
      return;
    }
    this.generic ??= genericPrinter(format, {
      showManagedFields: this.inv.flag<boolean | undefined>("show-managed-fields") ?? false,
      allowMissingTemplateKeys: this.inv.flag<boolean | undefined>("allow-missing-template-keys") ?? true,
    });
    this.inv.out(this.generic.print(obj));
  }
}

/** Prints the API server's warnings as kubectl does: one `Warning: ...` line each on stderr. */
export function printWarnings(inv: Invocation, warnings: string[]): void {
  for (const w of warnings.splice(0)) inv.err(`Warning: ${w}\n`);
}

/**
 * kubectl's AddSourceToErr: `error when <verb> "<file>": <message>`. API errors keep their reason
 * and field causes, so `The Pod "x" is invalid: ...` still prints for a single Invalid error.
 */
export function addSourceToErr(verb: string, source: string | undefined, err: unknown): unknown {
  if (!source) return err;
  if (err instanceof StatusError) {
    return new StatusError(err.code, err.reason, `error when ${verb} "${source}": ${err.message}`, err.causes, err.details);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new KubectlError(`error when ${verb} "${source}": ${message}`);
}

/** One line of an aggregate error, as kubectl's messageForError words it. */
export function messageForError(err: unknown): string {
  if (err instanceof StatusError) return `Error from server (${err.reason}): ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Several errors raised together (utilerrors.Aggregate); kubectl prints one per line. */
export class ErrorList extends Error {
  constructor(readonly errors: unknown[]) {
    super(errors.map((e) => (e instanceof Error ? e.message : String(e))).join(", "));
  }
}

/**
 * Ends a verb that collected per-object errors (ContinueOnError): none → 0; one → rethrown for the
 * usual printing; several → each on its own line, exit 1.
 */
export function finishWithErrors(inv: Invocation, collected: unknown[]): number {
  const errors = collected.flatMap((e) => (e instanceof ErrorList ? e.errors : [e]));
  if (errors.length === 0) return 0;
  if (errors.length === 1) throw errors[0];
  for (const e of errors) {
    const msg = messageForError(e);
    inv.err(msg.endsWith("\n") ? msg : `${msg}\n`);
  }
  return 1;
}
