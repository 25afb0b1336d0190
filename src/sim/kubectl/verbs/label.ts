/**
 * `kubectl label TYPE NAME key=value... key-...` with `--overwrite`, `--list`, `-l`, `--all`, `-A`,
 * `--resource-version`: prints `pod/x labeled`, `not labeled` or `unlabeled` with kubectl's quirks
 * (the message compares the object's JSON before and after). The metadata-map machinery here is
 * shared with annotate.
 */
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { goJson } from "../apply/go-json";
import { buildInfos, type ResourceInfo } from "../builder";
import type { FlagSpec } from "../flags";
import { KubectlError } from "../kubectl";
import { ErrorList, finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings, type DryRunStrategy } from "../output";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions } from "../write-options";

/** Flags label and annotate share. */
export function metadataUpdateFlags(what: "labels" | "annotation", manager: string): FlagSpec[] {
  return [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag(manager),
    { name: "overwrite", type: "bool", help: `If true, allow ${what} to be overwritten, otherwise reject ${what} updates that overwrite existing ${what}.` },
    { name: "list", type: "bool", help: `If true, display the ${what} for a given resource.` },
    { name: "local", type: "bool", help: `If true, ${what === "labels" ? "label" : "annotation"} will NOT contact api-server but run locally.` },
    { name: "all", type: "bool", help: "Select all resources, in the namespace of the specified resource types" },
    { name: "field-selector", type: "string", help: "Selector (field query) to filter on, supports '=', '==', and '!='." },
    { name: "resource-version", type: "string", help: `If non-empty, the ${what} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.` },
  ];
}

/** cmdutil.GetResourcesAndPairs: resources first, then key=value / key- pairs. */
export function resourcesAndPairs(args: readonly string[], pairType: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  let foundPair = false;
  for (const s of args) {
    const isPair = (s.includes("=") && s[0] !== "=") || (s.endsWith("-") && s !== "-");
    if (isPair) {
      foundPair = true;
      pairs.push(s);
    } else if (!foundPair) {
      resources.push(s);
    } else {
      throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
    }
  }
  return [resources, pairs];
}

/** validation.IsValidLabelValue's messages. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push("must be no more than 63 characters");
  if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}

function parseLabelArgs(specs: readonly string[]): [Record<string, string>, string[]] {
  const labels: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=")) {
      const parts = spec.split("=");
      if (parts.length !== 2) throw new KubectlError(`invalid label spec: ${spec}`);
      const errs = labelValueErrors(parts[1]);
      if (errs.length > 0) throw new KubectlError(`invalid label value: "${spec}": ${errs.join(";")}`);
      labels[parts[0]] = parts[1];
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`unknown label spec: ${spec}`);
    }
  }
  if (remove.some((k) => k in labels)) throw new KubectlError("can not both modify and remove a label in the same command");
  return [labels, remove];
}

/** How one metadata map is changed and reported (labels or annotations). */
export interface MetadataUpdate {
  field: "labels" | "annotations";
  verb: string;
  add: Record<string, string>;
  remove: string[];
  /** Throws kubectl's error when --overwrite is false and a key already has a value. */
  checkOverwrite(current: Record<string, string>): void;
  /** The operation printed after the name, from the object's JSON before and after. */
  message(before: string, after: string, overwrite: boolean): string;
  /** Printed before updating, for keys to remove that the object lacks. */
  missing?(key: string): string;
}

/** Runs label or annotate over every object the arguments name. */
export function runMetadataUpdate(inv: Invocation, resources: string[], update: MetadataUpdate): number {
  const overwrite = inv.flag<boolean | undefined>("overwrite") ?? false;
  const list = inv.flag<boolean | undefined>("list") ?? false;
  const local = inv.flag<boolean | undefined>("local") ?? false;
  const all = inv.flag<boolean | undefined>("all") ?? false;
  const selector = inv.flag<string | undefined>("selector");
  const output = inv.flag<string | undefined>("output");
  const resourceVersion = inv.flag<string | undefined>("resource-version") ?? "";
  const dryRun = dryRunStrategy(inv);
  if (list && output) throw new KubectlError("--list and --output may not be specified together");
  if (local) throw new KubectlError("--local is not supported by the simulated kubectl");
  const printer = new ObjectPrinter(inv, output, dryRun);
  const { visits, singleItemImplied } = buildInfos(inv, {
    filenames: true,
    args: resources,
    selector,
    fieldSelector: inv.flag<string | undefined>("field-selector"),
    all,
    allNamespaces: inv.flag<boolean | undefined>("all-namespaces"),
    latest: true,
  });
  if (!singleItemImplied && resourceVersion) throw new KubectlError(`--resource-version may only be used with a single resource`);
  const errors: unknown[] = [];
  for (const v of visits) {
    if (!v.info) {
      errors.push(v.error);
      continue;
    }
    try {
      updateOne(inv, v.info, update, { overwrite, list, dryRun, resourceVersion, printer, single: singleItemImplied });
    } catch (e) {
      errors.push(e);
    }
  }
  return finishWithErrors(inv, errors);
}

interface UpdateOptions {
  overwrite: boolean;
  list: boolean;
  dryRun: DryRunStrategy;
  resourceVersion: string;
  printer: ObjectPrinter;
  single: boolean;
}

function updateOne(inv: Invocation, r: ResourceInfo, update: MetadataUpdate, o: UpdateOptions): void {
  const obj = r.object!;
  const current: Record<string, string> = { ...(obj.metadata[update.field] ?? {}) };
  if (!o.list && o.dryRun !== "client") {
    for (const key of update.remove) if (!(key in current) && update.missing) inv.out(update.missing(key));
  }
  if (!o.overwrite) update.checkOverwrite(current);
  const next = { ...current, ...update.add };
  for (const key of update.remove) delete next[key];
  // The accessor sets the map even when it ends up empty, so the JSON compared below gains "{}".
  const changed: KObject = deepClone(obj);
  changed.metadata = { ...changed.metadata, [update.field]: next };
  const message = update.message(goJson(obj), goJson(changed), o.overwrite);
  let outputObj: KObject = changed;
  if (o.dryRun !== "client" && !o.list) {
    const body = deepClone(changed);
    if (Object.keys(next).length === 0) delete body.metadata[update.field];
    const meta = body.metadata as Record<string, unknown>;
    if (o.resourceVersion) meta.resourceVersion = o.resourceVersion;
    else delete meta.resourceVersion;
    const request = requestOptions(inv, inv.flag<string>("field-manager") ?? `kubectl-${update.verb}`, { dryRun: o.dryRun === "server" });
    try {
      outputObj = inv.cluster.api.update(body, request);
    } finally {
      printWarnings(inv, request.warnings);
    }
  }
  if (o.list) {
    const indent = o.single ? "" : " ";
    if (!o.single) inv.out(`Listing ${update.field} for ${r.info.kind}.${r.info.group}/${r.name}:\n`);
    const values = outputObj.metadata[update.field] ?? {};
    for (const k of Object.keys(values).sort()) inv.out(`${indent}${k}=${values[k]}\n`);
    return;
  }
  o.printer.print(outputObj, message, { info: r.info });
}

export const label: Verb = {
  name: "label",
  summary: "Update the labels on a resource",
  usage: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  flags: metadataUpdateFlags("labels", "kubectl-label"),
  run(inv) {
    const [resources, pairs] = resourcesAndPairs(inv.args, "label");
    const [add, remove] = parseLabelArgs(pairs);
    if (inv.flag<boolean | undefined>("all") && inv.flag<string | undefined>("selector")) throw new KubectlError("cannot set --all and --selector at the same time");
    if (resources.length < 1 && (inv.flag<string[] | undefined>("filename") ?? []).length === 0) {
      throw new KubectlError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if (Object.keys(add).length < 1 && remove.length < 1 && !inv.flag<boolean | undefined>("list")) throw new KubectlError("at least one label update is required");
    return runMetadataUpdate(inv, resources, {
      field: "labels",
      verb: "label",
      add,
      remove,
      checkOverwrite(current) {
        const errs = Object.keys(add)
          .filter((k) => k in current)
          .sort()
          .map((k) => new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`));
        if (errs.length === 1) throw errs[0];
        if (errs.length > 1) throw new ErrorList(errs);
      },
      message(before, after, overwrite) {
        if (before === after) return "not labeled";
        return !overwrite && after.length < before.length ? "unlabeled" : "labeled";
      },
      missing: (key) => `label "${key}" not found.\n`,
    });
  },
};
