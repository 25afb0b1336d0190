/**
 * What kubectl's `create <generator>` subcommands share: the NAME argument, `--dry-run=client -o
 * yaml` printing the generated object exactly as Go serializes the typed struct (so
 * `creationTimestamp: null`, `resources: {}` and `status: {}` appear), `--save-config`, and the
 * create request with each generator's own error wording ("failed to create deployment: ...").
 */
import { encodeBase64 } from "../../../util/base64";
import { kindInfo } from "../../../api/kinds";
import type { KObject } from "../../../api/types";
import { deepClone } from "../../../util/object";
import { lastAppliedValue, LAST_APPLIED_ANNOTATION } from "../../apply/last-applied";
import type { FlagSpec } from "../../flags";
import { KubectlError } from "../../kubectl";
import { ObjectPrinter, PRINT_FLAGS, printWarnings } from "../../output";
import type { Invocation } from "../../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, SAVE_CONFIG_FLAG, validationDirective, VALIDATE_FLAG } from "../../write-options";

/** Flags every generator has (print flags, --dry-run, --save-config, --validate, --field-manager). */
export const GENERATOR_FLAGS: FlagSpec[] = [...PRINT_FLAGS, DRY_RUN_FLAG, SAVE_CONFIG_FLAG, VALIDATE_FLAG, fieldManagerFlag("kubectl-create")];

/** NameFromCommandArgs: exactly one NAME, with cobra's usage hint naming the command (`create deployment`). */
export function nameFromArgs(inv: Invocation, command: string): string {
  if (inv.args.length !== 1) {
    throw new KubectlError(`exactly one NAME is required, got ${inv.args.length}`, 1, `See 'kubectl ${command} -h' for help and examples`);
  }
  return inv.args[0];
}

/** cobra's error for a flag marked required. */
export function requireFlag(inv: Invocation, name: string): void {
  if (!inv.isSet(name)) throw new KubectlError(`required flag(s) "${name}" not set`);
}

/** ObjectMeta as the typed struct serializes it: name, namespace, creationTimestamp: null, labels, annotations. */
export function typedMeta(name: string, opts: { namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Record<string, unknown> {
  const meta: Record<string, unknown> = { name };
  if (opts.namespace) meta.namespace = opts.namespace;
  meta.creationTimestamp = null;
  if (opts.labels && Object.keys(opts.labels).length > 0) meta.labels = opts.labels;
  if (opts.annotations && Object.keys(opts.annotations).length > 0) meta.annotations = opts.annotations;
  return meta;
}

/** The namespace a generated object names: only when -n was given (EnforceNamespace). */
export function enforcedNamespace(inv: Invocation): string | undefined {
  return inv.isSet("namespace") ? inv.namespace : undefined;
}

export interface GeneratedRun {
  /** How a failed create is worded: `failed to create ${what}: ${err}`; undefined returns the API error as is. */
  failureWhat?: string;
}

/**
 * Creates (or, with --dry-run=client, only prints) a generated object: adds the last-applied
 * annotation for --save-config, sends it in the current namespace, prints `kind/name created`.
 */
export function createGenerated(inv: Invocation, obj: KObject, opts: GeneratedRun = {}): number {
  const dryRun = dryRunStrategy(inv);
  const fieldValidation = validationDirective(inv);
  const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
  let toSend = obj;
  if (inv.flag<boolean | undefined>("save-config")) {
    toSend = deepClone(obj);
    const annotations = { ...(toSend.metadata.annotations ?? {}) };
    annotations[LAST_APPLIED_ANNOTATION] = lastAppliedValue(obj, false);
    toSend.metadata = { ...toSend.metadata, annotations };
  }
  const info = kindInfo(obj.kind)!;
  if (dryRun === "client") {
    printer.print(toSend, "created", { typed: true, info });
    return 0;
  }
  const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-create", { dryRun: dryRun === "server", fieldValidation });
  const body = deepClone(toSend);
  if (info.namespaced) body.metadata = { ...body.metadata, namespace: inv.namespace };
  let created: KObject;
  try {
    created = inv.cluster.api.create(body, request);
  } catch (e) {
    printWarnings(inv, request.warnings);
    if (opts.failureWhat === undefined) throw e;
    throw new KubectlError(`failed to create ${opts.failureWhat}: ${(e as Error).message}`);
  }
  printWarnings(inv, request.warnings);
  printer.print(created, "created", { info });
  return 0;
}

/** kubectl's --from-literal / --from-env-file key check (validation.IsConfigMapKey). */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

/** util.ParseLiteralSource: `key=value`. */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf("=");
  if (i < 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** util.ParseFileSource: `path` (key = base name) or `key=path`. */
export function parseFileSource(source: string): [string, string] {
  if (!source.includes("=")) return [source.replace(/\/+$/, "").split("/").pop() ?? source, source];
  const parts = source.split("=");
  if (parts.length !== 2) throw new KubectlError("key names or file paths cannot contain '='");
  const [key, path] = parts;
  if (key === "") throw new KubectlError(`key name for file path ${path} missing`);
  if (path === "") throw new KubectlError(`file path for key name ${key} missing`);
  return [key, path];
}

/** Every key=value of --from-file sources, read through the session's files. */
export function readFileSources(inv: Invocation, sources: readonly string[], add: (key: string, value: string) => void): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    const listed = inv.files.listDir(path);
    if (listed !== undefined) {
      if (source.includes("=")) throw new KubectlError("cannot give a key name for a directory path");
      for (const item of listed) {
        if (inv.files.listDir(item) !== undefined) continue;
        const text = inv.files.readFile(item);
        if (text !== undefined) add(item.split("/").pop()!, text);
      }
      continue;
    }
    const text = inv.files.readFile(path);
    if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    add(key, text);
  }
}

/** cmdutil.AddFromEnvFile: KEY=VALUE lines, `#` comments and blank lines skipped. */
export function readEnvFile(inv: Invocation, path: string, add: (key: string, value: string) => void): void {
  if (inv.files.listDir(path) !== undefined) throw new KubectlError("env config file cannot be a directory");
  const text = inv.files.readFile(path);
  if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
  text.split(/\r?\n/).forEach((raw, n) => {
    const line = (n === 0 ? raw.replace(/^\uFEFF/, "") : raw).trimStart();
    if (line === "" || line.startsWith("#")) return;
    const i = line.indexOf("=");
    const key = i >= 0 ? line.slice(0, i) : line;
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
      throw new KubectlError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
    }
    add(key, i >= 0 ? line.slice(i + 1) : "");
  });
}

/** Base64 of a string's UTF-8 bytes, as a Secret's data holds it. */
export function base64(text: string): string {
  return encodeBase64(text);
}

/** Values of a StringSlice flag: repeated and/or comma-separated (`--image=a,b --image c`). */
export function stringSlice(inv: Invocation, name: string): string[] {
  return (inv.flag<string[] | undefined>(name) ?? []).flatMap((v) => v.split(",")).filter((v) => v !== "");
}
