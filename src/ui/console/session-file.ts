/**
 * The console's "Download session": the recorded inputs of this history turned into a session file
 * that `npm run podlab -- run FILE` replays to the same cluster — the commands that changed it, in
 * order, `sleep` lines for the virtual time between them, and the editor's applied manifests as
 * here-documents (`kubectl apply -f - <<EOF`).
 *
 * Commands that only read (get, describe, logs, top...) are left out: they change nothing and draw
 * nothing from the random source, so the replay reaches the same state without them.
 */
import "../../sim/kubectl/kubectl";
import { formatGoDuration } from "../../sim/clock";
import { findVerb } from "../../sim/kubectl/kubectl";
import { parseSession } from "../../sim/session/session";
import type { RecordedInput } from "../../worker/protocol";

/** kubectl verbs that only read the cluster. */
const READ_ONLY = new Set(["get", "describe", "events", "logs", "api-resources", "api-versions", "cluster-info", "version", "top", "top pod", "top node", "config view", "config current-context", "config get-contexts"]);

/** True when a recorded line only reads the cluster (every command in it). */
export function onlyReads(text: string): boolean {
  const commands = parseSession(text);
  return (
    commands.length > 0 &&
    commands.every((c) => {
      if (c.kind !== "kubectl") return false;
      const found = findVerb(c.argv);
      if (!found) return true; // an unknown command fails and changes nothing
      if (c.argv.some((a) => a === "-h" || a === "--help")) return true;
      return READ_ONLY.has(found.verb.name);
    })
  );
}

/** A here-document delimiter the text does not contain as a line. */
function delimiterFor(text: string): string {
  const lines = new Set(text.split("\n").map((l) => l.trim()));
  for (let i = 0; ; i++) {
    const d = i === 0 ? "EOF" : `EOF${i}`;
    if (!lines.has(d)) return d;
  }
}

/**
 * A duration the runner parses back to the same number: whole seconds as Go prints them ("1m30s"),
 * anything else in milliseconds ("1234.5ms"), since "1.2345s" would come back rounded.
 */
export function sleepDuration(ms: number): string {
  return ms % 1000 === 0 ? formatGoDuration(ms) : `${ms}ms`;
}

/** One recorded input as session lines. */
function inputLines(input: RecordedInput): string[] {
  if (input.stdin === undefined) return [input.text];
  const delim = delimiterFor(input.stdin);
  // The runner ends a here-document's text with one newline.
  const body = input.stdin.endsWith("\n") ? input.stdin.slice(0, -1) : input.stdin;
  return [`${input.text} <<${delim}`, ...body.split("\n"), delim];
}

export interface SessionFileOptions {
  /** Virtual ms now: the file sleeps up to it, so the replay ends where the user is. */
  now: number;
  /** The simulation's seed, when not the runner's default (1). */
  seed?: number;
}

/** The session file for the recorded inputs up to `now`. */
export function sessionFile(inputs: readonly RecordedInput[], opts: SessionFileOptions): string {
  const seedNote = opts.seed !== undefined && opts.seed !== 1 ? ` --seed ${opts.seed}` : "";
  const out = [
    "# A Podlab session: the commands that changed the cluster, with the virtual time between them.",
    `# Replay it with: npm run podlab -- run session.txt${seedNote}`,
    "",
  ];
  let clock = 0;
  const sleepTo = (t: number) => {
    if (t > clock) out.push(`sleep ${sleepDuration(t - clock)}`);
    clock = Math.max(clock, t);
  };
  for (const input of inputs) {
    if (input.at > opts.now) break;
    if (onlyReads(input.text)) continue;
    sleepTo(input.at);
    out.push(...inputLines(input));
    clock = Math.max(clock, input.end ?? input.at);
  }
  sleepTo(opts.now);
  return `${out.join("\n")}\n`;
}
