/**
 * `kubectl get`: server-side tables for every kind (with -o wide, -A, --show-labels, -L,
 * --sort-by, --no-headers, kind prefixes and blank lines between kinds), the generic printers
 * (-o yaml|json|name|jsonpath|custom-columns|go-template, a List unless one object was named),
 * "No resources found in <ns> namespace." and NotFound errors after whatever did print, and
 * -w/--watch-only (get-watch.ts).
 */
import { KubectlError } from "../kubectl";
import { asList, genericPrinter, parseOutput, type OutputFormat } from "../printers/output";
import { sortByField } from "../printers/sort";
import { buildTable, HumanReadablePrinter } from "../printers/table-printer";
import { KUBECTL_TABLE, TabWriter } from "../printers/tabwriter";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";
import { gather, type GetInfo } from "./get-gather";
import { runWatch } from "./get-watch";
import { printErrors } from "./read-errors";

const SUGGEST_API_RESOURCES = `Use "kubectl api-resources" for a complete list of supported resources.`;

export const get: Verb = {
  name: "get",
  summary: "Display one or many resources",
  usage: "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
  flags: [
    { name: "output", short: "o", type: "string", help: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/]." },
    { name: "template", type: "string", help: "Template string or path to template file to use when -o=go-template, -o=go-template-file." },
    SELECTOR_FLAG,
    { name: "field-selector", type: "string", help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    ALL_NAMESPACES_FLAG,
    ...FILENAME_FLAGS,
    { name: "watch", short: "w", type: "bool", help: "After listing/getting the requested object, watch for changes." },
    { name: "watch-only", type: "bool", help: "Watch for changes to the requested object(s), without listing/getting first." },
    { name: "output-watch-events", type: "bool", help: "Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events." },
    { name: "show-labels", type: "bool", help: "When printing, show all labels as the last column (default hide labels column)" },
    { name: "label-columns", short: "L", type: "stringArray", default: [], help: "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2..." },
    { name: "sort-by", type: "string", help: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: "no-headers", type: "bool", help: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: "show-kind", type: "bool", help: "If present, list the resource type for the requested object(s)." },
    { name: "ignore-not-found", type: "bool", help: "If the requested object does not exist the command will return exit code 0." },
    { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
    { name: "allow-missing-template-keys", type: "bool", default: true, help: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
    { name: "chunk-size", type: "int", default: 500, help: "Return large lists in chunks rather than all at once. Pass 0 to disable." },
    { name: "server-print", type: "bool", default: true, help: "If true, have the server return the appropriate table output. Supports extension APIs and CRDs." },
  ],
  async run(inv) {
    const watch = inv.flag<boolean>("watch") === true || inv.flag<boolean>("watch-only") === true;
    const format = parseOutput(inv);
    if (inv.flag<boolean>("show-labels") && format.kind !== "human") {
      throw new KubectlError(`--show-labels option cannot be used with ${inv.flag<string>("output")} printer`);
    }
    if (inv.flag<boolean>("output-watch-events") && !watch) {
      throw new KubectlError("--output-watch-events option can only be used with --watch or --watch-only", 1, "See 'kubectl get -h' for help and examples");
    }
    const sortBy = inv.flag<string | undefined>("sort-by") ?? "";
    if (watch) {
      if (sortBy) inv.err("warning: --watch or --watch-only requested, --sort-by will be ignored\n");
      return runWatch(inv, format);
    }
    const filenames = inv.flag<string[] | undefined>("filename") ?? [];
    if (inv.args.length === 0 && filenames.length === 0) {
      inv.err(`You must specify the type of resource to get. ${SUGGEST_API_RESOURCES}\n\n`);
      throw new KubectlError(
        `Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).`,
        1,
        "See 'kubectl get -h' for help and examples",
      );
    }
    const allNamespaces = inv.flag<boolean>("all-namespaces") === true;
    const gathered = gather(inv, {
      allNamespaces,
      labelSelector: inv.flag<string | undefined>("selector"),
      fieldSelector: inv.flag<string | undefined>("field-selector"),
    });
    // The API server's warning for a kind it still serves past its deprecation.
    if (gathered.infos.some((i) => i.info.kind === "ComponentStatus")) inv.err("Warning: v1 ComponentStatus is deprecated in v1.19+\n");
    const ignoreNotFound = inv.flag<boolean>("ignore-not-found") === true;
    const errors = ignoreNotFound ? gathered.errors.filter((e) => !isNotFound(e)) : gathered.errors;

    if (format.kind !== "human") {
      if (gathered.singleItemImplied && errors.length > 0) return printErrors(inv, errors);
      printGeneric(inv, format, gathered.infos, gathered.singleItemImplied, sortBy);
      return errors.length > 0 ? printErrors(inv, errors) : 0;
    }

    const written = printHuman(inv, gathered.infos, { wide: format.wide, allNamespaces, sortBy });
    if (!written && !ignoreNotFound && errors.length === 0) {
      const allNamespaced = !allNamespaces && gathered.infos.every((i) => i.info.namespaced);
      inv.err(allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : "No resources found\n");
    }
    return errors.length > 0 ? printErrors(inv, errors) : 0;
  },
};

function isNotFound(e: unknown): boolean {
  return (e as { reason?: string })?.reason === "NotFound";
}

/** Tables, one printer per run of the same kind, with a blank line between kinds. Returns whether anything printed. */
function printHuman(inv: Invocation, infos: GetInfo[], opts: { wide: boolean; allNamespaces: boolean; sortBy: string }): boolean {
  const kinds = new Set(infos.map((i) => i.info.kind));
  const withKind = kinds.size > 1 || inv.flag<boolean>("show-kind") === true;
  const noHeaders = inv.flag<boolean>("no-headers") === true;
  const labelColumns = (inv.flag<string[] | undefined>("label-columns") ?? []).flatMap((l) => l.split(",")).filter((l) => l !== "");
  const w = new TabWriter(KUBECTL_TABLE);
  let written = "";
  let separatorReady = false;
  const emit = (text: string) => {
    if (text === "") return;
    if (separatorReady) {
      text = "\n" + text;
      separatorReady = false;
    }
    written += text;
    inv.out(text);
  };
  let i = 0;
  while (i < infos.length) {
    const info = infos[i].info;
    let objects = infos[i].objects;
    let j = i + 1;
    for (; j < infos.length && infos[j].info === info; j++) objects = objects.concat(infos[j].objects);
    if (i > 0 && !noHeaders && written.length > 0) separatorReady = true;
    const printer = new HumanReadablePrinter({
      noHeaders,
      wide: opts.wide,
      withNamespace: opts.allNamespaces && info.namespaced,
      kindPrefix: withKind ? (info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase() : undefined,
      showLabels: inv.flag<boolean>("show-labels") === true,
      columnLabels: labelColumns,
    });
    let table = buildTable(info.kind, objects, inv.cluster.clock);
    if (opts.sortBy) table = { ...table, rows: sortByField(table.rows, opts.sortBy, (r) => r.object) };
    printer.print(table, w);
    emit(w.flush());
    w.resetRememberedWidths();
    i = j;
  }
  return written.length > 0;
}

/** Generic printers see one object (when exactly one was named) or a List of everything. */
function printGeneric(inv: Invocation, format: Exclude<OutputFormat, { kind: "human" }>, infos: GetInfo[], singleItemImplied: boolean, sortBy: string): void {
  let objects = infos.flatMap((i) => i.objects);
  if (sortBy) objects = sortByField(objects, sortBy, (o) => o);
  const printer = genericPrinter(format, {
    showManagedFields: inv.flag<boolean>("show-managed-fields") === true,
    allowMissingTemplateKeys: inv.flag<boolean>("allow-missing-template-keys") !== false,
  });
  const obj = singleItemImplied && objects.length === 1 ? objects[0] : asList(objects);
  inv.out(printer.print(obj));
}
