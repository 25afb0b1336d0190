/**
 * kubectl's print flags: the `-o` formats (wide, yaml, json, name, jsonpath, jsonpath-file,
 * jsonpath-as-json, custom-columns, custom-columns-file, go-template, go-template-file, template,
 * templatefile) with their errors, and the generic printers kubectl uses for everything that is not
 * a table. YAML and JSON hide metadata.managedFields unless --show-managed-fields.
 */
import type { KObject } from "../../api/types";
import { JSONPath, JSONPathExecError } from "../jsonpath/jsonpath";
import { JSONPathParseError } from "../jsonpath/parser";
import { KubectlError } from "../kubectl";
import type { Invocation } from "../verb";
import { CustomColumnsPrinter, parseCustomColumnsSpec, parseCustomColumnsTemplate } from "./custom-columns";
import { goQuote, goSharpV } from "./gofmt";
import { executeGoTemplate, GoTemplateError, parseGoTemplate, type GoTemplate } from "./go-template";
import { printJSON } from "./json";
import { TabWriter, KUBECTL_TABLE } from "./tabwriter";
import { toYAML } from "./yaml";

/** The output formats kubectl get accepts, as its error lists them. */
export const ALLOWED_FORMATS = ["custom-columns", "custom-columns-file", "go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "wide", "yaml"];

export type OutputFormat =
  | { kind: "human"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string; asJSON: boolean }
  | { kind: "custom-columns"; printer: () => CustomColumnsPrinter }
  | { kind: "go-template"; template: string };

/** Reads `-o` (and `--template`) into an output format, or throws kubectl's error. */
export function parseOutput(inv: Invocation, allowed: readonly string[] = ALLOWED_FORMATS): OutputFormat {
  const raw = inv.flag<string | undefined>("output") ?? "";
  const templateFlag = inv.isSet("template") ? (inv.flag<string>("template") ?? "") : undefined;
  if (raw === "" && templateFlag === undefined) return { kind: "human", wide: false };
  const eq = raw.indexOf("=");
  const name = eq >= 0 ? raw.slice(0, eq) : raw || "go-template";
  let arg = eq >= 0 ? raw.slice(eq + 1) : templateFlag;
  if (!allowed.includes(name)) {
    throw new KubectlError(`unable to match a printer suitable for the output format "${raw}", allowed formats are: ${allowed.join(",")}`);
  }
  const readFile = (path: string) => {
    const text = inv.files.readFile(path);
    if (text === undefined) throw new KubectlError(`error reading template ${path}, open ${path}: no such file or directory`);
    return text;
  };
  const noHeaders = inv.flag<boolean | undefined>("no-headers") === true;
  switch (name) {
    case "wide":
      return { kind: "human", wide: true };
    case "yaml":
      return { kind: "yaml" };
    case "json":
      return { kind: "json" };
    case "name":
      return { kind: "name" };
    case "custom-columns":
      return { kind: "custom-columns", printer: () => new CustomColumnsPrinter(parseCustomColumnsSpec(arg ?? ""), noHeaders) };
    case "custom-columns-file": {
      if (!arg) throw new KubectlError("custom-columns-file format specified but no custom columns file given");
      const text = readFile(arg);
      return { kind: "custom-columns", printer: () => new CustomColumnsPrinter(parseCustomColumnsTemplate(text), noHeaders) };
    }
  }
  if (arg === undefined || arg === "") throw new KubectlError("template format specified but no template given");
  if (name.endsWith("-file") || name === "templatefile") arg = readFile(arg);
  if (name.startsWith("jsonpath")) {
    try {
      new JSONPath(arg);
    } catch (e) {
      if (e instanceof JSONPathParseError) throw new KubectlError(`error parsing jsonpath ${arg}, ${e.message}`);
      throw e;
    }
    return { kind: "jsonpath", template: arg, asJSON: name === "jsonpath-as-json" };
  }
  try {
    parseGoTemplate(arg);
  } catch (e) {
    if (e instanceof GoTemplateError) throw new KubectlError(`error parsing template ${arg}, ${e.message}`);
    throw e;
  }
  return { kind: "go-template", template: arg };
}

export interface GenericPrintOptions {
  showManagedFields: boolean;
  allowMissingTemplateKeys: boolean;
}

/** A non-table printer; one instance per command (YAML separates later documents with "---"). */
export interface GenericPrinter {
  print(obj: KObject): string;
}

/** Builds the printer for a non-human output format. */
export function genericPrinter(format: Exclude<OutputFormat, { kind: "human" }>, opts: GenericPrintOptions): GenericPrinter {
  switch (format.kind) {
    case "yaml": {
      let count = 0;
      return { print: (obj) => (count++ > 0 ? "---\n" : "") + toYAML(stripManaged(obj, opts)) };
    }
    case "json":
      return { print: (obj) => printJSON(stripManaged(obj, opts)) };
    case "name":
      return { print: (obj) => namesOf(obj).join("") };
    case "jsonpath": {
      const jp = new JSONPath(format.template, { allowMissingKeys: opts.allowMissingTemplateKeys, outputJSON: format.asJSON });
      return {
        print(obj) {
          try {
            return jp.execute(obj);
          } catch (e) {
            if (!(e instanceof JSONPathExecError)) throw e;
            const dump =
              `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
              `\ttemplate was:\n\t\t${format.template}\n` +
              `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
            // kubectl's message ends in three newlines; the error reporter adds the last one.
            throw new KubectlError(`error executing jsonpath ${goQuote(format.template)}: ${dump}`);
          }
        },
      };
    }
    case "custom-columns": {
      const printer = format.printer();
      return {
        print(obj) {
          const w = new TabWriter(KUBECTL_TABLE);
          printer.print(obj, w);
          return w.flush();
        },
      };
    }
    case "go-template": {
      const tmpl: GoTemplate = parseGoTemplate(format.template);
      return {
        print(obj) {
          try {
            return executeGoTemplate(tmpl, obj, { missingKeyError: !opts.allowMissingTemplateKeys });
          } catch (e) {
            if (e instanceof GoTemplateError) throw new KubectlError(`error executing template ${JSON.stringify(format.template)}: ${e.message}`);
            throw e;
          }
        },
      };
    }
  }
}

/** The name printer: "pod/nginx", "deployment.apps/web", one line per object. */
export function namesOf(obj: KObject): string[] {
  if (obj.kind === "List" && Array.isArray(obj.items)) return obj.items.flatMap((i: KObject) => namesOf(i));
  const [group] = obj.apiVersion?.includes("/") ? obj.apiVersion.split("/") : [""];
  const kind = String(obj.kind ?? "").toLowerCase();
  return [`${group ? `${kind}.${group}` : kind}/${obj.metadata?.name ?? ""}\n`];
}

/** OmitManagedFieldsPrinter: metadata.managedFields removed from the object and from list items. */
function stripManaged(obj: KObject, opts: GenericPrintOptions): KObject {
  if (opts.showManagedFields) return obj;
  const strip = (o: KObject): KObject => {
    if (!o.metadata?.managedFields) return o;
    const metadata = { ...o.metadata };
    delete metadata.managedFields;
    return { ...o, metadata };
  };
  if (obj.kind === "List" && Array.isArray(obj.items)) return { ...obj, items: obj.items.map(strip) };
  return strip(obj);
}

/** The List kubectl prints several objects as. */
export function asList(items: readonly KObject[]): KObject {
  return { apiVersion: "v1", items: [...items], kind: "List", metadata: { resourceVersion: "" } } as KObject;
}
