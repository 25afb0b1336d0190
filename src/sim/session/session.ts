/**
 * Session files: one command per line — `sleep DURATION`, `podlab ...`, or a kubectl command line —
 * with `#` comments, blank lines, trailing-backslash continuations and `<<EOF` here-documents for
 * stdin (`kubectl apply -f - <<EOF`). The command-line runner, the tests, the lessons and the app's
 * console all speak this format.
 */
import { formatGoDuration, parseDuration } from "../clock";
import type { Cluster } from "../cluster";
import type { CommandResult } from "../kubectl/kubectl";
import { ShellSyntaxError, splitWords } from "../kubectl/shell";
import type { FileSource, StopSignal } from "../kubectl/verb";

export type SessionCommandKind = "kubectl" | "sleep" | "podlab" | "invalid";

/** One command of a session file. */
export interface SessionCommand {
  /** 1-based line number of the command's first line. */
  line: number;
  /** The command as written (continuations joined, here-document excluded). */
  text: string;
  kind: SessionCommandKind;
  /** Words after "kubectl"/"podlab"/"sleep". */
  argv: string[];
  /** Here-document text given as stdin. */
  stdin?: string;
  /** Why the line could not be parsed (kind "invalid"). */
  error?: string;
}

/** What running one command gave: the --jsonl record. */
export interface SessionRecord {
  line: number;
  command: string;
  /** Virtual time when the command started, as elapsed Go duration ("1m30s"). */
  time: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Splits a session file into commands. Never throws: bad lines become "invalid" commands. */
export function parseSession(text: string): SessionCommand[] {
  const lines = text.split(/\r?\n/);
  const out: SessionCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let raw = lines[i];
    while (/\\$/.test(raw) && i + 1 < lines.length) raw = raw.slice(0, -1) + " " + lines[++i].trimStart();
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    let commandText = trimmed;
    let stdin: string | undefined;
    const heredoc = /\s<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/.exec(commandText);
    if (heredoc) {
      commandText = commandText.slice(0, heredoc.index).trim();
      const delim = heredoc[2];
      const body: string[] = [];
      let closed = false;
      while (i + 1 < lines.length) {
        const l = lines[++i];
        if (l.trim() === delim) {
          closed = true;
          break;
        }
        body.push(l);
      }
      if (!closed) {
        out.push({ line: start + 1, text: commandText, kind: "invalid", argv: [], error: `here-document at line ${start + 1} delimited by end-of-file (wanted \`${delim}')` });
        continue;
      }
      stdin = body.join("\n") + "\n";
    }
    let words: string[];
    try {
      words = splitWords(commandText);
    } catch (e) {
      out.push({ line: start + 1, text: commandText, kind: "invalid", argv: [], error: (e as ShellSyntaxError).message });
      continue;
    }
    const [first, ...rest] = words;
    if (first === "sleep") {
      const ms = rest.length === 1 ? parseDuration(rest[0]) : undefined;
      if (ms === undefined || ms < 0) {
        out.push({ line: start + 1, text: commandText, kind: "invalid", argv: rest, error: `sleep: invalid time interval '${rest.join(" ")}'` });
      } else {
        out.push({ line: start + 1, text: commandText, kind: "sleep", argv: rest });
      }
    } else if (first === "podlab") {
      out.push({ line: start + 1, text: commandText, kind: "podlab", argv: rest, stdin });
    } else {
      out.push({ line: start + 1, text: commandText, kind: "kubectl", argv: first === "kubectl" ? rest : words, stdin });
    }
  }
  return out;
}

/** Runs one parsed command against the cluster. */
export async function runCommand(
  cluster: Cluster,
  cmd: SessionCommand,
  files: FileSource,
  opts: { signal?: StopSignal; onOutput?: (stream: "stdout" | "stderr", text: string) => void } = {},
): Promise<SessionRecord> {
  const time = formatGoDuration(cluster.clock.now);
  const base = { line: cmd.line, command: cmd.text, time };
  let result: CommandResult;
  switch (cmd.kind) {
    case "invalid":
      result = { exitCode: 2, stdout: "", stderr: `${cmd.error}\n` };
      break;
    case "sleep":
      await cluster.advance(parseDuration(cmd.argv[0])!);
      result = { exitCode: 0, stdout: "", stderr: "" };
      break;
    case "podlab":
      result = await cluster.podlab(cmd.argv, { files, stdin: cmd.stdin });
      break;
    case "kubectl":
      result = await cluster.kubectl(cmd.argv, { files, stdin: cmd.stdin, signal: opts.signal, onOutput: opts.onOutput });
      break;
  }
  return { ...base, ...result };
}

/** Runs a whole session, calling onRecord after every command. */
export async function runSession(
  cluster: Cluster,
  text: string,
  files: FileSource,
  onRecord: (record: SessionRecord) => void = () => {},
): Promise<SessionRecord[]> {
  const records: SessionRecord[] = [];
  for (const cmd of parseSession(text)) {
    const record = await runCommand(cluster, cmd, files);
    records.push(record);
    onRecord(record);
  }
  return records;
}

/** The human-readable transcript of a record, as the runner prints it without --jsonl. */
export function formatRecord(r: SessionRecord): string {
  let s = `[${r.time}] $ ${r.command}\n`;
  s += r.stdout;
  if (r.stdout && !r.stdout.endsWith("\n")) s += "\n";
  s += r.stderr;
  if (r.stderr && !r.stderr.endsWith("\n")) s += "\n";
  return s;
}
