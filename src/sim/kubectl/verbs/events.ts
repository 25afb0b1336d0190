/**
 * `kubectl events`: LAST SEEN TYPE REASON OBJECT MESSAGE (NAMESPACE first with -A), sorted by when
 * each event was last seen, narrowed with --for TYPE/NAME and --types Normal,Warning; -o prints the
 * EventList; -w prints events as they happen (ends as `get -w` does).
 */
import { resolveResource } from "../../api/kinds";
import type { KObject } from "../../api/types";
import { eventInterval } from "../printers/columns/core";
import { genericPrinter, parseOutput } from "../printers/output";
import { cellText } from "../printers/table-printer";
import { KUBECTL_TABLE, TabWriter } from "../printers/tabwriter";
import { parseTime } from "../printers/duration";
import { KubectlError } from "../kubectl";
import { ALL_NAMESPACES_FLAG } from "../resources";
import { keyOrder } from "../select";
import type { Invocation, Verb } from "../verb";
import { newWatchState, noteChange, runWatchClock } from "./watch-clock";

const FORMATS = ["go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "yaml"];

/** The time an event sorts by: its series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: KObject): number {
  return parseTime(e.series?.lastObservedTime) ?? parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? 0;
}

export const events: Verb = {
  name: "events",
  summary: "List events",
  usage: "kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
  flags: [
    { name: "output", short: "o", type: "string", help: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
    { name: "template", type: "string", help: "Template string or path to template file to use when -o=go-template, -o=go-template-file." },
    ALL_NAMESPACES_FLAG,
    { name: "for", type: "string", help: "Filter events to only those pertaining to the specified resource." },
    { name: "types", type: "stringArray", default: [], help: "Output only events of given types." },
    { name: "watch", short: "w", type: "bool", help: "After listing the requested events, watch for more events." },
    { name: "no-headers", type: "bool", help: "When using the default output format, don't print headers." },
    { name: "chunk-size", type: "int", default: 500, help: "Return large lists in chunks rather than all at once. Pass 0 to disable." },
    { name: "allow-missing-template-keys", type: "bool", default: true, help: "If true, ignore any errors in templates when a field or map key is missing in the template." },
    { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
  ],
  async run(inv) {
    const allNamespaces = inv.flag<boolean>("all-namespaces") === true;
    let forKind: string | undefined;
    let forName: string | undefined;
    const forArg = inv.flag<string | undefined>("for");
    if (forArg) {
      if (!forArg.includes("/")) throw new KubectlError("--for must be in resource/name form");
      const parts = forArg.split("/");
      if (parts.length !== 2) throw new KubectlError("arguments in resource/name form may not have more than one slash");
      const info = resolveResource(parts[0]);
      if (!info) throw new KubectlError(`the server doesn't have a resource type "${parts[0]}"`);
      forKind = info.kind;
      forName = parts[1];
    }
    const types = [...new Set((inv.flag<string[] | undefined>("types") ?? []).flatMap((t) => t.split(",")).filter((t) => t !== ""))].sort();
    for (const t of types) if (t.toLowerCase() !== "normal" && t.toLowerCase() !== "warning") throw new KubectlError("valid --types are Normal or Warning");
    const format = parseOutput(inv, FORMATS);
    const keep = (e: KObject) =>
      (types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? "").toLowerCase())) &&
      (forName === undefined || (e.involvedObject?.kind === forKind && e.involvedObject?.name === forName));

    const print = makePrinter(inv, format, allNamespaces);
    const namespace = allNamespaces ? undefined : inv.namespace;
    if (inv.flag<boolean>("watch")) return watchEvents(inv, namespace, keep, print);

    const list = inv.cluster.store.list("Event", namespace).filter(keep).sort(keyOrder);
    if (list.length === 0) {
      inv.err(allNamespaces ? "No events found.\n" : `No events found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    const sorted = list.map((e, i) => ({ e, i })).sort((a, b) => eventTime(a.e) - eventTime(b.e) || a.i - b.i).map((x) => x.e);
    print(sorted, true);
    return 0;
  },
};

type EventPrint = (events: KObject[], asList: boolean) => void;

function makePrinter(inv: Invocation, format: ReturnType<typeof parseOutput>, allNamespaces: boolean): EventPrint {
  if (format.kind !== "human") {
    const printer = genericPrinter(format, {
      showManagedFields: inv.flag<boolean>("show-managed-fields") === true,
      allowMissingTemplateKeys: inv.flag<boolean>("allow-missing-template-keys") !== false,
    });
    return (list, asList) => {
      if (asList) inv.out(printer.print({ apiVersion: "v1", items: list, kind: "EventList", metadata: {} } as unknown as KObject));
      else for (const e of list) inv.out(printer.print(e));
    };
  }
  const w = new TabWriter(KUBECTL_TABLE);
  let headersPrinted = inv.flag<boolean>("no-headers") === true;
  return (list) => {
    if (!headersPrinted) {
      w.write(`${allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
      headersPrinted = true;
    }
    for (const e of list) {
      const interval = eventInterval(e, inv.cluster.clock);
      const io = e.involvedObject ?? {};
      w.write(`${allNamespaces ? `${e.metadata.namespace}\t` : ""}${interval}\t${cellText(e.type ?? "")}\t${cellText(e.reason ?? "")}\t${cellText(io.kind ?? "")}/${cellText(io.name ?? "")}\t${cellText(String(e.message ?? "").trim())}\n`);
    }
    inv.out(w.flush());
  };
}

async function watchEvents(inv: Invocation, namespace: string | undefined, keep: (e: KObject) => boolean, print: EventPrint): Promise<number> {
  const state = newWatchState(inv);
  const stop = inv.cluster.store.watch("Event", (ev) => {
    if (ev.type === "DELETED") return;
    if (namespace !== undefined && ev.object.metadata.namespace !== namespace) return;
    if (!keep(ev.object)) return;
    print([ev.object], false);
    noteChange(inv, state);
  });
  try {
    await runWatchClock(inv, state);
  } finally {
    stop();
  }
  return 0;
}
