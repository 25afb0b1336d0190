/**
 * The documents of a multi-document manifest, as kubectl splits them (on `---` lines), with where
 * each starts in the file and what it names (apiVersion, kind, name, namespace), and a way to find
 * the line of a field path such as `spec.containers[0].imagee` in one of them — so the API server's
 * messages can be put on the right line.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

/** One document of a manifest file. */
export interface ManifestDocument {
  index: number;
  /** 1-based line in the file of the document's first line (the one after its `---`). */
  startLine: number;
  /** 1-based line in the file of its last line. */
  endLine: number;
  /** The document's own text, as kubectl reads it. */
  text: string;
  /** Nothing but blank lines and comments. */
  empty: boolean;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** A place in the file: 1-based line and columns. */
export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const SEPARATOR = /^---(\s.*)?$/;

/** Splits a manifest into its documents. */
export function splitDocuments(text: string): ManifestDocument[] {
  const lines = text.split(/\r?\n/);
  const docs: ManifestDocument[] = [];
  let start = 0;
  const push = (end: number) => {
    const body = lines.slice(start, end);
    const docText = body.join("\n");
    const empty = body.every((l) => l.trim() === "" || l.trimStart().startsWith("#"));
    const doc: ManifestDocument = { index: docs.length, startLine: start + 1, endLine: Math.max(start + 1, end), text: docText, empty };
    if (!empty) Object.assign(doc, identity(docText));
    docs.push(doc);
  };
  for (let i = 0; i < lines.length; i++) {
    if (!SEPARATOR.test(lines[i])) continue;
    push(i);
    start = i + 1;
  }
  push(lines.length);
  // A leading `---` leaves an empty first document that kubectl skips; keep indexes of real ones.
  return docs.filter((d, i) => !(d.empty && d.text.trim() === "" && i === 0 && docs.length > 1)).map((d, i) => ({ ...d, index: i }));
}

/** The document holding a 1-based file line. */
export function documentAt(docs: ManifestDocument[], line: number): ManifestDocument | undefined {
  return docs.find((d) => line >= d.startLine && line <= d.endLine) ?? docs.at(-1);
}

function identity(text: string): Pick<ManifestDocument, "apiVersion" | "kind" | "name" | "namespace"> {
  try {
    const doc = parseDocument(text);
    const str = (path: string[]) => {
      const v = doc.getIn(path);
      return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
    };
    return { apiVersion: str(["apiVersion"]), kind: str(["kind"]), name: str(["metadata", "name"]), namespace: str(["metadata", "namespace"]) };
  } catch {
    return {};
  }
}

/** One step of a field path: a field name, an index, or a map key. */
type Step = { field: string } | { index: number } | { key: string } | { anyItem: true };

/**
 * Parses a field path as the API server writes them: `spec.containers[0].image`,
 * `metadata.labels[app]`, and the JSON decoder's index-less `spec.containers.ports.containerPort`.
 */
export function parseFieldPath(path: string): Step[] {
  const steps: Step[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (/^\d+$/.test(m[2])) steps.push({ index: Number(m[2]) });
    else steps.push({ key: m[2] });
  }
  return steps;
}

/**
 * Where a field path stands in a document: its key's range, or the nearest enclosing field's when
 * the field is not written (a required value that is missing). Lines are the file's.
 */
export function locatePath(doc: ManifestDocument, path: string): TextRange | undefined {
  const counter = new LineCounter();
  let root: Node | null;
  try {
    root = parseDocument(doc.text, { lineCounter: counter }).contents as Node | null;
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const found = walk(root, parseFieldPath(path), undefined);
  if (!found) return undefined;
  const [from, to] = found;
  const a = counter.linePos(from);
  const b = counter.linePos(to);
  return { line: doc.startLine + a.line - 1, column: a.col, endLine: doc.startLine + b.line - 1, endColumn: b.col };
}

type Span = [number, number];

/** Follows the steps from a node; returns the span of the deepest match. */
function walk(node: Node, steps: Step[], here: Span | undefined): Span | undefined {
  if (steps.length === 0) return here ?? spanOf(node);
  const [step, ...rest] = steps;
  if ("field" in step || "key" in step) {
    if (!isMap(node)) return here;
    const name = "field" in step ? step.field : step.key;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== name) continue;
      const keySpan = spanOf(pair.key as Node);
      if (!pair.value) return keySpan;
      // The decoder leaves sequence indexes out: a field inside a list's items is searched in each item.
      if (isSeq(pair.value) && rest.length > 0 && "field" in rest[0]) {
        for (const item of pair.value.items) {
          const inner = walk(item as Node, rest, undefined);
          if (inner) return inner;
        }
        return keySpan;
      }
      return walk(pair.value as Node, rest, keySpan) ?? keySpan;
    }
    return here;
  }
  if ("index" in step) {
    if (!isSeq(node)) return here;
    const item = node.items[step.index] as Node | undefined;
    if (!item) return here;
    return walk(item, rest, spanOf(item));
  }
  return here;
}

function spanOf(node: Node): Span | undefined {
  const r = node.range;
  if (!r) return undefined;
  return [r[0], r[1]];
}
