/**
 * Manifest parsing: multi-document YAML (or JSON) into API objects, each with the line it starts on,
 * and syntax errors that name the line, as kubectl reports them.
 */
import { LineCounter, parseAllDocuments } from "yaml";
import { isPlainObject } from "../util/object";
import type { KObject } from "./types";

/** One document of a manifest file. */
export interface ManifestDoc {
  object: KObject;
  /** 1-based line of the document's first line in the file. */
  line: number;
  /** 0-based index of the document in the file. */
  index: number;
}

/** A problem with a manifest, pointing at a line. */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "ManifestError";
  }
}

/** The largest manifest accepted, as the API server limits request bodies (3 MiB) — with headroom. */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
const MAX_DEPTH = 100;

/**
 * Parses every document. Empty documents are skipped, as kubectl skips them; `kind: List` is
 * flattened into its items. Throws ManifestError on syntax errors.
 */
export function parseManifests(text: string, source = "-"): ManifestDoc[] {
  if (text.length > MAX_MANIFEST_BYTES) {
    throw new ManifestError(`error reading ${source}: file is ${text.length} bytes; the limit is ${MAX_MANIFEST_BYTES} bytes`);
  }
  const lineCounter = new LineCounter();
  let docs;
  try {
    // YAML 1.1, as kubectl's go-yaml reads it: 0644 is octal (420), yes/no/on/off are booleans.
    // Timestamps stay strings: JSON has no time type, and API fields hold them as text.
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: "1.1", customTags: (tags) => tags.filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp") });
  } catch (e) {
    throw new ManifestError(`error parsing ${source}: ${(e as Error).message}`);
  }
  if (!Array.isArray(docs)) docs = [docs];
  const out: ManifestDoc[] = [];
  let index = 0;
  for (const doc of docs) {
    const start = doc.range?.[0] ?? 0;
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const pos = lineCounter.linePos(err.pos[0]);
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${pos.line}: ${describeYamlError(err.message)}`, pos.line, pos.col);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const pos = lineCounter.linePos(start);
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${pos.line}: ${(e as Error).message}`, pos.line);
    }
    // The document's first content line (skipping comments and the "---" marker).
    const contentStart = doc.contents?.range?.[0] ?? start;
    const line = lineCounter.linePos(contentStart).line;
    if (value === null || value === undefined) continue;
    if (depthExceeds(value, MAX_DEPTH)) {
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: exceeded max depth of ${MAX_DEPTH}`, line);
    }
    if (!isPlainObject(value)) {
      throw new ManifestError(`error validating data: invalid object to validate (document ${index + 1} of ${source} is not a mapping)`, line);
    }
    if (value.kind === "List" && Array.isArray(value.items)) {
      for (const item of value.items) {
        if (isPlainObject(item)) out.push({ object: item as KObject, line, index: index++ });
      }
      continue;
    }
    out.push({ object: value as KObject, line, index: index++ });
  }
  return out;
}

function depthExceeds(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (d > max) return true;
    if (x && typeof x === "object") for (const c of Object.values(x as object)) if (c && typeof c === "object") stack.push([c, d + 1]);
  }
  return false;
}

/** Maps the yaml library's messages to go-yaml's wording where they differ and the meaning is the same. */
function describeYamlError(message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (/Map keys must be unique/.test(first)) return `mapping key already defined`;
  if (/Implicit map keys need to be followed by map values/.test(first)) return "could not find expected ':'";
  if (/Nested mappings are not allowed in compact mappings/.test(first)) return "mapping values are not allowed in this context";
  if (/All mapping items must start at the same column/.test(first) || /bad indentation/i.test(first)) return "did not find expected key";
  if (/Tabs are not allowed as indentation/i.test(first)) return "found character that cannot start any token";
  return first.charAt(0).toLowerCase() + first.slice(1);
}
