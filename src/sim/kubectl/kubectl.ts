/**
 * The kubectl entry point: finds the verb, parses its flags, runs it, and turns errors into kubectl's
 * messages and exit codes.
 */
import { formatFieldError, StatusError } from "../api/errors";
import type { Cluster } from "../cluster";
import { FlagError, parseFlags, type FlagValue } from "./flags";
import { contextNamespace } from "./kubeconfig";
import { GLOBAL_FLAGS, type FileSource, type Invocation, type StopSignal, type Verb } from "./verb";
import { VERBS } from "./verbs";

/** What a command printed and how it exited. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Everything a kubectl run needs from its surroundings. */
export interface KubectlEnv {
  /** Where `-f` paths are read from; none when omitted. */
  files?: FileSource;
  stdin?: string;
  signal?: StopSignal;
  /** Streams output as it is produced (watches); the full text is also in the result. */
  onOutput?: (stream: "stdout" | "stderr", text: string) => void;
}

/** A FileSource with no files, for callers that never read manifests. */
const NO_FILES: FileSource = { readFile: () => undefined, listDir: () => undefined };

/** An error a verb raises for kubectl's own (client-side) failures: printed as `error: <message>`. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Printed after the message, e.g. "See 'kubectl get -h' for help and examples". */
    readonly hint?: string,
  ) {
    super(message);
  }
}

const verbIndex = new Map<string, Verb>();
for (const v of VERBS) {
  verbIndex.set(v.name, v);
  for (const a of v.aliases ?? []) verbIndex.set(a, v);
}

/** Flags (long and short) that take a value in some verb: their value is not a command word. */
const VALUE_FLAGS = new Set<string>();
for (const f of [...GLOBAL_FLAGS, ...VERBS.flatMap((v) => v.flags)]) {
  if (f.type === "bool" || f.noOptDefault !== undefined) continue;
  VALUE_FLAGS.add(`--${f.name}`);
  if (f.short) VALUE_FLAGS.add(`-${f.short}`);
}

/**
 * Finds the verb for argv as cobra does: the longest registered name made of the leading command
 * words, skipping flags (and their values) wherever they stand — `kubectl create -n dev deployment web`.
 * Returns the verb and argv without its command words.
 */
export function findVerb(argv: string[]): { verb: Verb; command: string[]; rest: string[] } | undefined {
  const positions: number[] = [];
  for (let i = 0; i < argv.length && positions.length < 3; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a.startsWith("-") && a !== "-") {
      if (!a.includes("=") && VALUE_FLAGS.has(a)) i++;
      continue;
    }
    positions.push(i);
  }
  for (let n = positions.length; n >= 1; n--) {
    const taken = positions.slice(0, n);
    const verb = verbIndex.get(taken.map((i) => argv[i]).join(" "));
    if (!verb) continue;
    // Only words directly after each other (flags between them allowed) form a command path.
    return { verb, command: taken.map((i) => argv[i]), rest: argv.filter((_, i) => !taken.includes(i)) };
  }
  return undefined;
}

/** Runs `kubectl <argv...>` against the cluster. argv excludes the word "kubectl". */
export async function runKubectl(cluster: Cluster, argv: string[], env: KubectlEnv): Promise<CommandResult> {
  let stdout = "";
  let stderr = "";
  const out = (t: string) => {
    stdout += t;
    env.onOutput?.("stdout", t);
  };
  const err = (t: string) => {
    stderr += t;
    env.onOutput?.("stderr", t);
  };
  // Global flags may come before the verb: `kubectl -n kube-system get pods`.
  const lead: string[] = [];
  let rest = argv;
  while (rest.length > 0 && rest[0].startsWith("-")) {
    const a = rest[0];
    const takesValue = /^(-n|--namespace|--context|--kubeconfig|--request-timeout|-v)$/.test(a);
    lead.push(a);
    rest = rest.slice(1);
    if (takesValue && rest.length > 0) {
      lead.push(rest[0]);
      rest = rest.slice(1);
    }
  }
  if (rest.length === 0) {
    out(rootHelp());
    return { exitCode: 0, stdout, stderr };
  }
  const found = findVerb(rest);
  if (!found) {
    const first = rest.find((a) => !a.startsWith("-")) ?? rest[0];
    err(`error: unknown command "${first}" for "kubectl"\n`);
    return { exitCode: 1, stdout, stderr };
  }
  const { verb, command } = found;
  let exitCode = 1;
  try {
    const parsed = parseFlags([...lead, ...found.rest], [...GLOBAL_FLAGS, ...verb.flags]);
    if (parsed.values.get("help") === true) {
      out(verbHelp(verb));
      return { exitCode: 0, stdout, stderr };
    }
    const inv: Invocation = {
      cluster,
      command,
      args: parsed.positional,
      afterDash: parsed.afterDash,
      flag<T extends FlagValue | undefined = string>(name: string): T {
        return parsed.values.get(name) as T;
      },
      isSet: (name) => parsed.set.has(name),
      namespace: (parsed.values.get("namespace") as string | undefined) || contextNamespace(cluster) || "default",
      files: env.files ?? NO_FILES,
      stdin: env.stdin,
      signal: env.signal,
      out,
      err,
    };
    exitCode = await verb.run(inv);
  } catch (e) {
    exitCode = reportError(e, command.join(" "), err);
  }
  return { exitCode, stdout, stderr };
}

/** Prints an error as kubectl does and returns the exit code. */
export function reportError(e: unknown, verbName: string, err: (t: string) => void): number {
  if (e instanceof StatusError) {
    err(e.reason === "Invalid" ? invalidMessage(e) : `Error from server (${e.reason}): ${e.message}\n`);
    return 1;
  }
  if (e instanceof FlagError) {
    err(`error: ${e.message}\nSee 'kubectl ${verbName} --help' for usage.\n`);
    return 1;
  }
  if (e instanceof KubectlError) {
    err(`error: ${e.message}\n`);
    if (e.hint) err(`${e.hint}\n`);
    return e.exitCode;
  }
  // A bug in the simulation: say so plainly rather than pretend kubectl said it.
  err(`error: internal simulator error: ${(e as Error)?.message ?? String(e)}\n`);
  return 1;
}

/**
 * An Invalid error as kubectl's CheckErr words it: `The Pod "x" is invalid: <cause>`, or one
 * `* <cause>` line per field when there are several.
 */
function invalidMessage(e: StatusError): string {
  const d = e.details;
  if (!d) return `The request is invalid: ${e.message}\n`;
  const s = d.kind || d.name ? `The ${d.kind ?? ""} "${d.name ?? ""}" is invalid` : "The request is invalid";
  const causes = e.causes.map(formatFieldError);
  if (causes.length === 0) return `${s}\n`;
  if (causes.length === 1) return `${s}: ${causes[0]}\n`;
  return `${s}: \n${causes.map((c) => `* ${c}\n`).join("")}`;
}

function rootHelp(): string {
  const lines = ["kubectl controls the Kubernetes cluster manager.", "", "Available Commands:"];
  const seen = new Set<string>();
  for (const v of VERBS) {
    if (v.name.includes(" ") || seen.has(v.name)) continue;
    seen.add(v.name);
    lines.push(`  ${v.name.padEnd(15)}${v.summary}`);
  }
  lines.push("", "Usage:", "  kubectl [flags] [options]", "");
  return lines.join("\n");
}

function verbHelp(verb: Verb): string {
  const lines = [verb.summary, "", "Options:"];
  for (const f of verb.flags) {
    const short = f.short ? `-${f.short}, ` : "";
    const def = f.default !== undefined && f.default !== "" && !(Array.isArray(f.default) && f.default.length === 0) ? ` (default ${JSON.stringify(f.default)})` : "";
    lines.push(`    ${short}--${f.name}=${f.type === "bool" ? "false" : "''"}:`, `\t${f.help ?? ""}${def}`, "");
  }
  lines.push("Usage:", `  ${verb.usage ?? `kubectl ${verb.name} [options]`}`, "");
  return lines.join("\n");
}
