/**
 * The shape of a server-side table as the API server's printers produce it (pkg/printers/internalversion):
 * column definitions — priority 1 columns show only with `-o wide` — and one row of cells per object.
 */
import type { VirtualClock } from "../../../clock";
import type { KObject } from "../../../api/types";
import { since } from "../duration";

/** A table column: its name (printed upper-cased) and whether it is a wide-only column. */
export interface ColumnDef {
  name: string;
  /** 1 for `-o wide` columns. */
  priority?: number;
  /** "name" marks the column kubectl prefixes with `kind/` when several kinds are printed. */
  format?: "name";
}

/** A cell value: strings print as they are, numbers and booleans as Go's fmt prints them, null as nothing. */
export type Cell = string | number | boolean | null;

/** What a row printer may consult besides the object. */
export interface PrintContext {
  clock: VirtualClock;
  /** The row includes wide (priority 1) cells; printers that compute wide cells lazily check this. */
  wide: boolean;
}

/** A kind's table: its columns and how one object becomes one row. */
export interface TableDef {
  columns: ColumnDef[];
  row(obj: KObject, ctx: PrintContext): Cell[];
}

export const NAME: ColumnDef = { name: "Name", format: "name" };
export const AGE: ColumnDef = { name: "Age" };

/** Columns that only `-o wide` shows. */
export function wide(...names: string[]): ColumnDef[] {
  return names.map((name) => ({ name, priority: 1 }));
}

/** translateTimestampSince(obj.CreationTimestamp). */
export function age(obj: KObject, ctx: PrintContext): string {
  return since(ctx.clock, obj.metadata?.creationTimestamp);
}

/** layoutContainerCells: container names and images, comma-joined. */
export function containerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? "").join(","), list.map((c) => c.image ?? "").join(",")];
}

/** A number field that may be absent (Go's zero value). */
export function n(v: unknown): number {
  return typeof v === "number" ? v : 0;
}

/** printBool: "True" / "False". */
export function printBool(v: boolean): string {
  return v ? "True" : "False";
}

/** printBoolPtr: "<unset>" when nil. */
export function printBoolPtr(v: unknown): string {
  return typeof v === "boolean" ? printBool(v) : "<unset>";
}

/** intstr.IntOrString.String(). */
export function intOrString(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}
