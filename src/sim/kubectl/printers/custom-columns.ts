/**
 * `-o custom-columns=NAME:.metadata.name,...` and `-o custom-columns-file=FILE` (kubectl's
 * CustomColumnsPrinter): each column is a relaxed JSONPath; no value prints "<none>", several values
 * are joined with ","; values print as Go's fmt.Sprint prints them.
 */
import type { KObject } from "../../api/types";
import { JSONPath } from "../jsonpath/jsonpath";
import { KubectlError } from "../kubectl";
import { goV } from "./gofmt";
import { relaxedJSONPath } from "./sort";
import { escapeTerminal } from "./table-printer";
import type { TabWriter } from "./tabwriter";

export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

/** NewCustomColumnsPrinterFromSpec. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new KubectlError("custom-columns format specified but no custom columns given");
  return spec.split(",").map((part) => {
    const i = part.indexOf(":");
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJSONPath(part.slice(i + 1)) };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a header line and a spec line, whitespace-separated. */
export function parseCustomColumnsTemplate(text: string): CustomColumn[] {
  const lines = text.split("\n");
  if (lines.length < 1 || lines[0] === undefined || (lines.length === 1 && lines[0] === "")) {
    throw new KubectlError("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.");
  }
  if (lines.length < 2) throw new KubectlError("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.");
  const headers = lines[0].split(/\s+/).filter((x) => x !== "");
  const specs = lines[1].split(/\s+/).filter((x) => x !== "");
  if (headers.length !== specs.length) throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJSONPath(specs[i]) }));
}

/** Prints objects as custom columns; the header goes out once per printer. */
export class CustomColumnsPrinter {
  private headerPrinted = false;
  private readonly parsers: JSONPath[];

  constructor(
    private readonly columns: CustomColumn[],
    private readonly noHeaders: boolean,
  ) {
    this.parsers = columns.map((c) => {
      try {
        return new JSONPath(c.fieldSpec, { allowMissingKeys: true });
      } catch (e) {
        throw new KubectlError((e as Error).message);
      }
    });
  }

  /** Writes one object, or every item of a List, into the tabwriter. */
  print(obj: KObject, w: TabWriter): void {
    if (!this.noHeaders && !this.headerPrinted) {
      w.write(this.columns.map((c) => c.header).join("\t") + "\n");
      this.headerPrinted = true;
    }
    const items: KObject[] = obj.kind === "List" && Array.isArray(obj.items) ? obj.items : [obj];
    for (const item of items) {
      const cells = this.parsers.map((p) => {
        let results: unknown[][];
        try {
          results = p.findResults(item);
        } catch (e) {
          throw new KubectlError((e as Error).message);
        }
        const values: string[] = [];
        if (results.length === 0 || results[0].length === 0) values.push("<none>");
        for (const set of results) for (const v of set) values.push(escapeTerminal(goV(v)));
        return values.join(",");
      });
      w.write(cells.join("\t") + "\n");
    }
  }
}
