/**
 * How the read verbs report errors they carried on past (ContinueOnError): each on its own line in
 * kubectl's words ("Error from server (NotFound): pods \"x\" not found"), after whatever did print,
 * with exit code 1.
 */
import { reportError } from "../kubectl";
import type { Invocation } from "../verb";

/** Prints every error and returns the exit code. */
export function printErrors(inv: Invocation, errors: readonly unknown[]): number {
  const seen = new Set<string>();
  for (const e of errors) {
    let text = "";
    reportError(e, inv.command.join(" "), (t) => (text += t));
    if (seen.has(text)) continue;
    seen.add(text);
    inv.err(text);
  }
  return 1;
}
