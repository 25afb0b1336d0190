/**
 * `kubectl taint nodes NAME key=value:Effect | key:Effect | key:Effect- | key-` with `--overwrite`,
 * `-l` and `--all`: prints `node/node-1 tainted`, `untainted` or `modified`.
 */
import type { Taint } from "kubernetes-types/core/v1";
import { resolveResource } from "../../api/kinds";
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { buildInfos } from "../builder";
import { KubectlError } from "../kubectl";
import { ErrorList, finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import type { Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, VALIDATE_FLAG } from "../write-options";
import { labelValueErrors } from "./label";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** validation.IsQualifiedName's messages, for taint keys. */
function qualifiedNameErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split("/");
  let name = key;
  if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else if (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix)) {
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push("name part must be no more than 63 characters");
  if (name.length > 0 && !/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name)) {
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errs;
}

/** parseTaint: `key`, `key:Effect`, `key=value:Effect`. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(":");
  let key: string;
  let value = "";
  let effect = "";
  if (parts.length === 1) {
    key = parts[0];
  } else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split("=");
    if (kv.length > 2) throw new KubectlError(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = labelValueErrors(value);
      if (errs.length > 0) throw new KubectlError(`invalid taint spec: ${spec}, ${errs.join("; ")}`);
    }
  } else {
    throw new KubectlError(`invalid taint spec: ${spec}`);
  }
  const errs = qualifiedNameErrors(key);
  if (errs.length > 0) throw new KubectlError(`invalid taint spec: ${spec}, ${errs.join("; ")}`);
  return { key, value, effect } as Taint;
}

/** Taint.ToString(). */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** The taint as the Node stores it (no empty value field). */
function stored(t: Taint): Taint {
  return t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect };
}

function parseTaints(specs: readonly string[]): [Taint[], Taint[]] {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect } as Taint);
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new KubectlError(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      throw new KubectlError(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    }
    add.push(t);
  }
  return [add, remove];
}

/** reorganizeTaints: the node's new taints and the operation kubectl reports. */
function reorganize(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): [string, Taint[]] {
  let next: Taint[] = add.map(stored);
  for (const o of old) if (!next.some((t) => t.key === o.key && t.effect === o.effect)) next.push(o);
  const added = old.length !== next.length;
  const errors: KubectlError[] = [];
  let removed = false;
  for (const r of remove) {
    const before = next.length;
    next = next.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = next.length !== before;
    if (!removed) errors.push(new KubectlError(`taint "${taintString(r)}" not found`));
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ErrorList(errors);
  if ((added && removed) || overwrite) return ["modified", next];
  return [added ? "tainted" : "untainted", next];
}

export const taint: Verb = {
  name: "taint",
  summary: "Update the taints on one or more nodes",
  usage: "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    fieldManagerFlag("kubectl-taint"),
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { name: "overwrite", type: "bool", help: "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints." },
    { name: "all", type: "bool", help: "Select all nodes in the cluster" },
  ],
  run(inv) {
    const resources: string[] = [];
    const taintArgs: string[] = [];
    let met = false;
    for (const s of inv.args) {
      const isTaint = s.includes("=") || s.includes(":") || s.endsWith("-");
      if (isTaint) {
        met = true;
        taintArgs.push(s);
      } else if (!met) {
        resources.push(s);
      } else {
        throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
      }
    }
    if (resources.length < 1) throw new KubectlError("one or more resources must be specified as <resource> <name>");
    if (taintArgs.length < 1) throw new KubectlError("at least one taint update is required");
    let add: Taint[];
    let remove: Taint[];
    try {
      [add, remove] = parseTaints(taintArgs);
    } catch (e) {
      throw new KubectlError((e as Error).message, 1, "See 'kubectl taint -h' for help and examples");
    }
    const type = resolveResource(resources[0].toLowerCase());
    if (!type) throw new KubectlError(`the server doesn't have a resource type "${resources[0]}"`);
    if (type.kind !== "Node") throw new KubectlError(`invalid resource type ${resources[0].toLowerCase()}, only node types are supported`);
    const conflicts = add.flatMap((a) => remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `{"${r.key}":"${r.effect ?? ""}"}`));
    if (conflicts.length > 0) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(", ")}`);
    const all = inv.flag<boolean | undefined>("all") ?? false;
    const selector = inv.flag<string | undefined>("selector") ?? "";
    if (all && selector !== "") throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && selector === "" && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    const overwrite = inv.flag<boolean | undefined>("overwrite") ?? false;
    const dryRun = dryRunStrategy(inv);
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    const { visits } =
      all || selector !== ""
        ? buildInfos(inv, { args: ["node"], selector: selector || undefined, all: all && selector === "", latest: true })
        : buildInfos(inv, { args: ["node", ...resources.slice(1)], latest: true });
    const errors: unknown[] = [];
    for (const v of visits) {
      if (!v.info) {
        errors.push(v.error);
        continue;
      }
      const node = v.info.object!;
      try {
        const old: Taint[] = node.spec?.taints ?? [];
        if (!overwrite) {
          const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
          if (exists.length > 0) throw new KubectlError(`node ${node.metadata.name} already has ${exists.join(",")} taint(s) with same effect(s) and --overwrite is false`);
        }
        const [operation, taints] = reorganize(old, overwrite, add, remove);
        const changed: KObject = deepClone(node);
        changed.spec = { ...changed.spec, taints };
        if (taints.length === 0) delete changed.spec.taints;
        let result = changed;
        if (dryRun !== "client") {
          const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-taint", { dryRun: dryRun === "server" });
          delete (changed.metadata as Record<string, unknown>).resourceVersion;
          try {
            result = inv.cluster.api.update(changed, request);
          } finally {
            printWarnings(inv, request.warnings);
          }
        }
        printer.print(result, operation, { info: v.info.info });
      } catch (e) {
        errors.push(e);
      }
    }
    return finishWithErrors(inv, errors);
  },
};
