/**
 * kubectl's human-readable printer (cli-runtime's HumanReadablePrinter) over server-side tables:
 * it decorates a table with the NAMESPACE column (-A), `kind/` name prefixes (several kinds), label
 * columns (-L) and LABELS (--show-labels), drops wide columns unless `-o wide`, prints the header
 * once per run of tables with the same columns, and escapes what a terminal would interpret.
 */
import type { KObject } from "../../api/types";
import type { VirtualClock } from "../../clock";
import { tableFor, type Cell, type ColumnDef } from "./columns";
import { formatLabels } from "./selectors";
import type { TabWriter } from "./tabwriter";

/** A server-side table: columns and one row per object. */
export interface Table {
  columns: ColumnDef[];
  rows: { cells: Cell[]; object: KObject }[];
}

/** Builds the table the API server returns for these objects of one kind. */
export function buildTable(kind: string, objects: readonly KObject[], clock: VirtualClock): Table {
  const def = tableFor(kind);
  // The API server always builds tables with Wide set; kubectl drops the wide columns it does not show.
  const ctx = { clock, wide: true };
  return { columns: def.columns, rows: objects.map((o) => ({ cells: def.row(o, ctx), object: o })) };
}

export interface HumanPrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  /** -A: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** "pod", "deployment.apps": prefixes the name column when several kinds are printed. */
  kindPrefix?: string;
  showLabels?: boolean;
  /** -L keys. */
  columnLabels?: readonly string[];
}

const WATCH_EVENT_TYPE: Record<string, string> = { ADDED: "ADDED   ", MODIFIED: "MODIFIED", DELETED: "DELETED ", ERROR: "ERROR   " };

/** One printer per resource kind, as kubectl's get makes one per mapping; it remembers printed headers. */
export class HumanReadablePrinter {
  private printedHeaders = false;
  private lastColumns: ColumnDef[] | undefined;

  constructor(private readonly options: HumanPrintOptions) {}

  /** Writes a table (its header only the first time) into the tabwriter. `eventType` adds watch's EVENT column. */
  print(table: Table, w: TabWriter, eventType?: string): void {
    let noHeaders = !!this.options.noHeaders;
    if (this.printedHeaders && this.lastColumns === table.columns) noHeaders = true;
    if (this.lastColumns !== table.columns) {
      this.lastColumns = table.columns;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const { columns, rows } = this.decorate(table, eventType);
    printTable(columns, rows, w, { noHeaders, wide: !!this.options.wide });
  }

  private decorate(table: Table, eventType?: string): { columns: ColumnDef[]; rows: Cell[][] } {
    const o = this.options;
    const labels = o.columnLabels ?? [];
    const columns: ColumnDef[] = [];
    if (eventType !== undefined) columns.push({ name: "Event" });
    if (o.withNamespace) columns.push({ name: "Namespace" });
    columns.push(...table.columns);
    for (const l of labels) columns.push({ name: l.split("/").pop()!.toUpperCase() });
    if (o.showLabels) columns.push({ name: "Labels" });
    const nameIndex = o.kindPrefix ? table.columns.findIndex((c) => c.format === "name") : -1;
    const rows = table.rows.map(({ cells, object }) => {
      const row: Cell[] = [...cells];
      if (nameIndex >= 0) row[nameIndex] = `${o.kindPrefix}/${row[nameIndex]}`;
      // Cells beyond the column definitions are dropped, as kubectl drops them.
      row.length = table.columns.length;
      const itemLabels = object.metadata.labels ?? {};
      for (const l of labels) row.push(itemLabels[l] ?? "");
      if (o.showLabels) row.push(formatLabels(itemLabels));
      if (o.withNamespace) row.unshift(object.metadata.namespace ?? "");
      if (eventType !== undefined) row.unshift(WATCH_EVENT_TYPE[eventType] ?? eventType);
      return row;
    });
    return { columns, rows };
  }
}

/** Writes header and rows, skipping wide columns unless asked for; nothing at all for no rows. */
function printTable(columns: ColumnDef[], rows: Cell[][], w: TabWriter, opts: { noHeaders: boolean; wide: boolean }): void {
  const visible = columns.map((c) => opts.wide || !c.priority);
  if (!opts.noHeaders) {
    if (rows.length === 0) return;
    w.write(columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()).join("\t") + "\n");
  }
  for (const row of rows) {
    const cells: string[] = [];
    row.forEach((cell, i) => {
      if (i < columns.length && visible[i]) cells.push(cellText(cell));
    });
    w.write(cells.join("\t") + "\n");
  }
}

/** A cell as kubectl writes it: strings cut at the first line break (with "..."), terminal escapes neutralized. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell !== "string") return String(cell);
  const brk = cell.search(/[\f\n\r]/);
  if (brk >= 0) return escapeTerminal(cell.slice(0, brk)) + "...";
  return escapeTerminal(cell);
}

/** printers.EscapeTerminal: ESC as "^[", CR as "\r". */
export function escapeTerminal(s: string): string {
  return s.split("\u001b").join("^[").split("\r").join("\\r");
}
