/**
 * Reads what kubectl printed for a manifest — `kubectl apply -f -`, `kubectl delete -f -`, or a
 * server-side dry run of one document — and ties each line to the document it is about: the
 * result list after Apply (created / configured / unchanged / rejected, with kubectl's message),
 * and the editor's markers (the message on the line of the field it names).
 */
import { KINDS, type KindInfo } from "../../sim/api/kinds";
import { locatePath, type ManifestDocument, type TextRange } from "./documents";

export type ObjectStatus = "created" | "configured" | "unchanged" | "deleted" | "rejected" | "not applied";

/** What happened to one document's object. */
export interface ObjectResult {
  /** The document's index in the file. */
  doc: number;
  /** "pod/nginx", or what is known of the object. */
  object: string;
  status: ObjectStatus;
  /** kubectl's words: the output line, or the error. */
  message: string;
  /** 1-based file line the result points at. */
  line: number;
}

/** A problem on a line of the file, from the API server or kubectl. */
export interface Problem {
  range: TextRange;
  message: string;
}

const OUTCOME = /^([a-z0-9.-]+)\/(\S+) (created|configured|unchanged|deleted|serverside-applied)( \((?:server )?dry run\))?$/;
const DELETED = /^([a-z0-9.-]+) "([^"]+)" deleted( \((?:server )?dry run\))?$/;
const ERROR_START = /^(Error from server|error:|error when|resource mapping not found|Error:|The [A-Z]\w* ".*" is invalid)/;

/** Splits kubectl's standard error into messages (continuation lines stay with their message). */
export function errorMessages(stderr: string): string[] {
  const out: string[] = [];
  for (const line of stderr.split("\n")) {
    if (line === "") continue;
    if (out.length === 0 || ERROR_START.test(line)) out.push(line);
    else out[out.length - 1] += `\n${line}`;
  }
  return out;
}

/** The kind an output line's resource names: "pod" → Pod, "deployment.apps" → Deployment. */
function kindOfResource(resource: string): KindInfo | undefined {
  const [singular, ...group] = resource.split(".");
  const g = group.join(".");
  return KINDS.find((k) => (k.singular === singular || k.plural === singular) && (g === "" || k.group === g));
}

/** What an error message tells about the object it is about. */
interface Hints {
  kind?: string;
  name?: string;
  /** 1-based line of the stdin kubectl read. */
  line?: number;
}

export function errorHints(message: string): Hints {
  let m = /resource mapping not found for name: "([^"]*)".*no matches for kind "([^"]+)"/.exec(message);
  if (m) return { name: m[1], kind: m[2] };
  m = /([A-Z]\w*)(?:\.[\w.-]+)? "([^"]+)" is invalid/.exec(message);
  if (m) return { kind: m[1], name: m[2] };
  m = /Kind=(\w+)"\s*Name: "([^"]+)"/.exec(message);
  if (m) return { kind: m[1], name: m[2] };
  m = /yaml: line (\d+):/.exec(message);
  if (m) return { line: Number(m[1]) };
  m = /(\w+) in version "[^"]*" cannot be handled as a/.exec(message);
  if (m) return { kind: m[1] };
  m = /: ([a-z]+)(?:\.[\w.-]+)? "([^"]+)" (?:already exists|is forbidden|not found)/.exec(message);
  if (m && m[1] !== "namespaces") {
    const info = kindOfResource(m[1]);
    return { kind: info?.kind, name: m[2] };
  }
  return {};
}

/**
 * Ties kubectl's output for a whole file (apply or delete with the file as stdin) to its documents:
 * one result per non-empty document, in document order.
 */
export function objectResults(stdout: string, stderr: string, docs: ManifestDocument[]): ObjectResult[] {
  const real = docs.filter((d) => !d.empty);
  const results = new Map<number, ObjectResult>();
  const label = (d: ManifestDocument) => `${(d.kind ?? "object").toLowerCase()}/${d.name ?? "(no name)"}`;
  const free = (pred: (d: ManifestDocument) => boolean) => real.find((d) => !results.has(d.index) && pred(d));

  for (const line of stdout.split("\n")) {
    const m = OUTCOME.exec(line) ?? DELETED.exec(line);
    if (!m) continue;
    const info = kindOfResource(m[1]);
    const status = (m[3] && !m[3].startsWith(" (") ? m[3] : "deleted") as ObjectStatus | "serverside-applied";
    const d = free((d) => d.kind === info?.kind && d.name === m[2]) ?? free((d) => d.kind === info?.kind) ?? free(() => true);
    if (!d) continue;
    results.set(d.index, { doc: d.index, object: `${m[1]}/${m[2]}`, status: status === "serverside-applied" ? "configured" : status, message: line, line: d.startLine });
  }

  let wholeFile = false;
  for (const message of errorMessages(stderr)) {
    const hints = errorHints(message);
    if (hints.line !== undefined || /^error: (error parsing|no objects passed)/.test(message)) {
      // The file could not be read: nothing was sent to the server.
      wholeFile = true;
      const d = hints.line !== undefined ? (real.find((d) => hints.line! >= d.startLine && hints.line! <= d.endLine) ?? real[0]) : real[0];
      if (d) results.set(d.index, { doc: d.index, object: label(d), status: "rejected", message, line: hints.line ?? d.startLine });
      continue;
    }
    const d =
      free((d) => (hints.kind === undefined || d.kind === hints.kind) && (hints.name === undefined || d.name === hints.name)) ??
      free((d) => hints.kind !== undefined && d.kind === hints.kind) ??
      free(() => true);
    if (!d) continue;
    results.set(d.index, { doc: d.index, object: label(d), status: "rejected", message, line: d.startLine });
  }
  return real.map((d) => results.get(d.index) ?? { doc: d.index, object: label(d), status: "not applied", message: wholeFile ? "not sent: kubectl could not read the file" : "", line: d.startLine });
}

/**
 * The problems a server-side dry run of one document reported, each on the line of the field it
 * names (else the document's kind line). Namespaces that another document of the same file
 * creates are not reported missing: applying the file creates them first.
 */
export function dryRunProblems(stderr: string, doc: ManifestDocument, docs: ManifestDocument[]): Problem[] {
  const problems: Problem[] = [];
  const fallback = locatePath(doc, "kind") ?? { line: doc.startLine, column: 1, endLine: doc.startLine, endColumn: 200 };
  for (const message of errorMessages(stderr)) {
    const ns = /namespaces "([^"]+)" not found/.exec(message);
    if (ns && docs.some((d) => d.kind === "Namespace" && d.name === ns[1])) continue;
    const ranges = rangesFor(message, doc, ns !== null);
    for (const range of ranges.length > 0 ? ranges : [fallback]) problems.push({ range: oneLine(range), message });
  }
  return problems;
}

function rangesFor(message: string, doc: ManifestDocument, namespace: boolean): TextRange[] {
  const yamlLine = /yaml: line (\d+):/.exec(message);
  if (yamlLine) {
    const line = doc.startLine + Number(yamlLine[1]) - 1;
    return [{ line, column: 1, endLine: line, endColumn: 200 }];
  }
  const at = (path: string) => locatePath(doc, path);
  const unknown = /unknown field "([^"]+)"/.exec(message);
  if (unknown) return [at(unknown[1])].filter((r): r is TextRange => !!r);
  const goField = /Go struct field \w+\.([\w.]+) of type/.exec(message);
  if (goField) return [at(goField[1])].filter((r): r is TextRange => !!r);
  if (/no matches for kind/.test(message)) return [at("kind")].filter((r): r is TextRange => !!r);
  if (namespace) return [at("metadata.namespace") ?? at("metadata")].filter((r): r is TextRange => !!r);
  if (/ is invalid/.test(message)) {
    // One cause after the colon, or one `* field: detail` line per cause.
    const causes = message.includes("\n* ") ? message.split("\n").filter((l) => l.startsWith("* ")).map((l) => l.slice(2)) : [message.replace(/^.* is invalid: /, "")];
    return causes.map((c) => at(c.split(": ")[0])).filter((r): r is TextRange => !!r);
  }
  return [];
}

/** A marker on the first line of a range (a whole nested block underlined helps no one). */
function oneLine(r: TextRange): TextRange {
  return r.endLine === r.line ? r : { line: r.line, column: r.column, endLine: r.line, endColumn: 200 };
}
