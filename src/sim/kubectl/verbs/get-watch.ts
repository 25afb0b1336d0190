/**
 * `kubectl get -w` and `--watch-only`: the current objects first (unless --watch-only), then one row
 * (or one document) per change as the virtual clock runs, aligned with the table above them; with
 * --output-watch-events each line starts with ADDED/MODIFIED/DELETED.
 *
 * A real watch runs until Ctrl+C. Here the watch drives the virtual clock itself and ends at
 * --request-timeout when given, else after `kubectlWatchIdle` of virtual time with no change to the
 * watched objects (at most `kubectlWatchMax` in all), or when the console's stop signal is raised.
 */
import type { KObject } from "../../api/types";
import type { WatchEvent } from "../../store/store";
import { KubectlError } from "../kubectl";
import { genericPrinter, type OutputFormat } from "../printers/output";
import { buildTable, HumanReadablePrinter } from "../printers/table-printer";
import { KUBECTL_TABLE, TabWriter } from "../printers/tabwriter";
import { compileRequest, passes, type ListFilter } from "../select";
import type { Invocation } from "../verb";
import { gather } from "./get-gather";
import { printErrors } from "./read-errors";
import { newWatchState, noteChange, runWatchClock } from "./watch-clock";

/** Runs a watch; resolves to the exit code. */
export async function runWatch(inv: Invocation, format: OutputFormat): Promise<number> {
  const allNamespaces = inv.flag<boolean>("all-namespaces") === true;
  const labelSelector = inv.flag<string | undefined>("selector");
  const fieldSelector = inv.flag<string | undefined>("field-selector");
  const gathered = gather(inv, { allNamespaces, labelSelector, fieldSelector });
  if (new Set(gathered.infos.map((i) => i.info)).size > 1 || (gathered.infos.length === 0 && gathered.errors.length === 0 && inv.args.length === 0)) {
    throw new KubectlError("watch is only supported on individual resources and resource collections - more than 1 resource was found");
  }
  if (gathered.errors.length > 0) return printErrors(inv, gathered.errors);
  if (gathered.infos.length === 0) throw new KubectlError("watch is only supported on individual resources and resource collections - more than 1 resource was found");
  const first = gathered.infos[0];
  const info = first.info;
  const watchOnly = inv.flag<boolean>("watch-only") === true;
  const withEvents = inv.flag<boolean>("output-watch-events") === true;

  // Which objects the watch follows: the list request, or the named objects.
  let filter: ListFilter;
  let names: Set<string> | undefined;
  if (first.isList) {
    filter = compileRequest(info, { namespace: allNamespaces ? undefined : inv.namespace, labelSelector, fieldSelector });
  } else {
    filter = compileRequest(info, {});
    names = new Set(gathered.infos.flatMap((i) => i.objects.map((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`)));
  }
  const follows = (obj: KObject) => (names ? names.has(`${obj.metadata.namespace ?? ""}/${obj.metadata.name}`) : passes(obj, filter));

  const print = makeWatchPrinter(inv, format, info.kind, first.isList && allNamespaces && info.namespaced, withEvents);
  if (!watchOnly) {
    const objects = gathered.infos.flatMap((i) => i.objects);
    print(objects, withEvents ? "ADDED" : undefined);
  }

  const state = newWatchState(inv);
  const stop = inv.cluster.store.watch(info.kind, (e: WatchEvent) => {
    // As the API server's watch cache filters: an object that starts matching is ADDED, one that
    // stops matching is DELETED (shown as it last matched).
    let type: string = e.type;
    let object = e.object;
    if (e.type === "MODIFIED") {
      const cur = follows(e.object);
      const old = e.old !== undefined && follows(e.old);
      if (!cur && !old) return;
      if (cur && !old) type = "ADDED";
      if (!cur && old) {
        type = "DELETED";
        object = e.old!;
      }
    } else if (!follows(e.object)) {
      return;
    }
    print([object], withEvents ? type : undefined);
    noteChange(inv, state);
  });
  try {
    await runWatchClock(inv, state);
  } finally {
    stop();
  }
  return 0;
}

type WatchPrint = (objects: KObject[], eventType: string | undefined) => void;

/** Prints objects as they arrive: table rows through one remembering tabwriter, or documents. */
function makeWatchPrinter(inv: Invocation, format: OutputFormat, kind: string, withNamespace: boolean, withEvents: boolean): WatchPrint {
  if (format.kind === "human") {
    const w = new TabWriter(KUBECTL_TABLE);
    const printer = new HumanReadablePrinter({
      noHeaders: inv.flag<boolean>("no-headers") === true,
      wide: format.wide,
      withNamespace,
      showLabels: inv.flag<boolean>("show-labels") === true,
      columnLabels: (inv.flag<string[] | undefined>("label-columns") ?? []).flatMap((l) => l.split(",")).filter((l) => l !== ""),
    });
    return (objects, eventType) => {
      if (objects.length === 0) return;
      printer.print(buildTable(kind, objects, inv.cluster.clock), w, eventType);
      const text = w.flush();
      if (text) inv.out(text);
    };
  }
  const printer = genericPrinter(format, {
    showManagedFields: inv.flag<boolean>("show-managed-fields") === true,
    allowMissingTemplateKeys: inv.flag<boolean>("allow-missing-template-keys") !== false,
  });
  return (objects, eventType) => {
    for (const obj of objects) {
      const doc = withEvents && eventType ? ({ type: eventType, object: obj } as unknown as KObject) : obj;
      inv.out(printer.print(doc));
    }
  };
}
