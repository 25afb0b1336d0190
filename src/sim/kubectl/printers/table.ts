/**
 * Column layout as kubectl's tabwriter does it (minwidth 6, padding 3, pad with spaces): every column
 * but the last is as wide as its widest cell plus three spaces, and at least six.
 */
import { tabify, KUBECTL_TABLE } from "./tabwriter";

/** Lays out rows (the first usually the header) as kubectl prints tables. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  return tabify(rows.map((r) => r.join("\t")).join("\n") + "\n", KUBECTL_TABLE);
}
