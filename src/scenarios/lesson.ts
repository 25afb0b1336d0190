/**
 * The lesson format: a session file whose `#` comment lines carry a lesson's title, its steps, the
 * explanation shown while each step plays and the claims (`#expect`) checked against what each
 * command prints. The command-line runner ignores these lines, so every lesson is also a plain
 * session file. Pure TypeScript: the app, the worker and Node all import it.
 *
 * ```
 * #lesson The Pod and its Infra container
 * #summary One line for the lesson gallery.
 * #level beginner
 * #source [Pods](https://kubernetes.io/docs/concepts/workloads/pods/)
 *
 * #step Create the pod
 * #say The **scheduler** picks a node first.
 * kubectl apply -f pod.yaml
 * sleep 10s
 * kubectl get pod two-containers
 * #expect Running
 * #expect /2\/2\s+Running/
 * #expect-not CrashLoopBackOff
 * kubectl logs two-containers -c nope
 * #expect-exit 1
 * ```
 *
 * The header (`#lesson`, `#summary`, `#level`, `#source`) comes first, once each. `#step` starts a
 * step; `#say` adds a paragraph to it; the step's commands and sleeps follow as in any session.
 * `#expect` / `#expect-not` claim that the output of the command just above contains a text or
 * matches a `/regex/`; `#expect-exit` names its exit code, which is otherwise 0. Lines starting
 * with `# ` (a space after the #) stay plain comments.
 */
import { parseDuration } from "../sim/clock";
import { parseSession, type SessionCommand } from "../sim/session/session";

/** How much a lesson assumes the learner knows. */
export type LessonLevel = "beginner" | "intermediate";

export const LESSON_LEVELS: readonly LessonLevel[] = ["beginner", "intermediate"];

/** A claim about what a command printed (stdout and stderr together). */
export interface Expectation {
  /** 1-based line of the `#expect` marker. */
  line: number;
  /** True for `#expect-not`: the output must not contain the text or match the pattern. */
  negate: boolean;
  /** Literal text the output contains (set when `pattern` is not). */
  text?: string;
  /** A regular expression the output matches (always multiline: `^` and `$` anchor at lines). */
  pattern?: RegExp;
  /** The marker's argument as written. */
  raw: string;
}

/** One command of a step: a session command plus the claims on its output. */
export interface LessonCommand extends SessionCommand {
  expectations: Expectation[];
  /** The exit code the command must end with: 0 unless an `#expect-exit` says otherwise. */
  exitCode: number;
}

/** A step: played as one unit, with its explanation on screen. */
export interface LessonStep {
  title: string;
  /** 1-based line of the `#step` marker. */
  line: number;
  /** Paragraphs of explanation, one per `#say` line, in the order written (markdown: `code`, **bold**, [links](url)). */
  say: string[];
  /**
   * For each paragraph of `say`, how many of the step's commands come before it: 0 for the text at
   * the top of the step, so a player may show later paragraphs as the step reaches them.
   */
  sayAt: number[];
  /** kubectl, podlab and sleep commands, in order. */
  commands: LessonCommand[];
}

/** A parsed lesson. */
export interface Lesson {
  title: string;
  summary: string;
  level: LessonLevel;
  /** Where the material comes from (markdown). */
  source: string;
  steps: LessonStep[];
}

/** One problem found in a lesson file. */
export interface LessonProblem {
  line: number;
  message: string;
}

/** Thrown by parseLesson: every problem found, each with its line. */
export class LessonSyntaxError extends Error {
  readonly problems: LessonProblem[];
  constructor(problems: LessonProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join("\n"));
    this.name = "LessonSyntaxError";
    this.problems = problems;
  }
}

const HEADER_MARKERS = ["lesson", "summary", "level", "source"] as const;
type HeaderMarker = (typeof HEADER_MARKERS)[number];
const MARKERS = new Set<string>([...HEADER_MARKERS, "step", "say", "expect", "expect-not", "expect-exit"]);

/** `#name rest` at the start of a line; `# plain comments` (a space after #) are not markers. */
const MARKER_RE = /^#([a-z][a-z-]*)(?:\s(.*))?$/;
/**
 * A regex argument: /body/flags, flags from i, s, u (m is always on).
 * WARNING: a literal that starts and ends with a slash (`/usr/share/`) reads as a regex; write such
 * a claim as an escaped regex instead.
 */
const REGEX_RE = /^\/(.+)\/([isu]*)$/;
/** The same here-document opener the session parser recognises. */
const HEREDOC_RE = /\s<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/;

/**
 * Parses a lesson file. Throws LessonSyntaxError listing every problem (unknown markers, a missing
 * header, commands outside a step, an `#expect` with no command before it, a bad regex, a session
 * line the runner could not run).
 */
export function parseLesson(text: string): Lesson {
  const lines = text.split(/\r?\n/);
  const problems: LessonProblem[] = [];
  const header: Partial<Record<HeaderMarker, { value: string; line: number }>> = {};
  const steps: LessonStep[] = [];
  /** The command `#expect` lines attach to; reset by a new step or a sleep. */
  let last: LessonCommand | undefined;
  let lastExitLine = 0;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const trimmed = lines[i].trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith("#")) {
      const m = MARKER_RE.exec(trimmed);
      if (!m) continue; // an ordinary comment
      const [, name, rawArg = ""] = m;
      const arg = rawArg.trimEnd();
      if (!MARKERS.has(name)) {
        problems.push({ line: lineNo, message: `unknown marker #${name} (plain comments need a space after #)` });
        continue;
      }
      if ((HEADER_MARKERS as readonly string[]).includes(name)) {
        const key = name as HeaderMarker;
        if (steps.length > 0) problems.push({ line: lineNo, message: `#${key} belongs in the header, before the first #step` });
        else if (header[key]) problems.push({ line: lineNo, message: `#${key} given twice (first at line ${header[key]!.line})` });
        else if (arg.trim() === "") problems.push({ line: lineNo, message: `#${key} needs a value` });
        else header[key] = { value: arg.trim(), line: lineNo };
        continue;
      }
      if (name === "step") {
        if (arg.trim() === "") problems.push({ line: lineNo, message: "#step needs a title" });
        steps.push({ title: arg.trim(), line: lineNo, say: [], sayAt: [], commands: [] });
        last = undefined;
        continue;
      }
      const step = steps.at(-1);
      if (!step) {
        problems.push({ line: lineNo, message: `#${name} before the first #step` });
        continue;
      }
      if (name === "say") {
        if (arg.trim() === "") problems.push({ line: lineNo, message: "#say needs text" });
        else {
          step.say.push(arg.trim());
          step.sayAt.push(step.commands.length);
        }
        continue;
      }
      if (!last) {
        problems.push({ line: lineNo, message: `#${name} must follow the command whose output it checks (in the same step, not after a sleep)` });
        continue;
      }
      if (name === "expect-exit") {
        if (!/^\d+$/.test(arg.trim())) problems.push({ line: lineNo, message: `#expect-exit needs an exit code, not "${arg.trim()}"` });
        else if (lastExitLine > last.line) problems.push({ line: lineNo, message: "#expect-exit given twice for one command" });
        else {
          last.exitCode = Number(arg.trim());
          lastExitLine = lineNo;
        }
        continue;
      }
      const expectation = parseExpectation(arg, name === "expect-not", lineNo, problems);
      if (expectation) last.expectations.push(expectation);
      continue;
    }

    // A command: its continuation lines and here-document body are part of it.
    const start = i;
    i = commandEnd(lines, i);
    // Blank lines in front keep the session parser's line numbers (and its messages) the file's own.
    const [cmd] = parseSession("\n".repeat(start) + lines.slice(start, i + 1).join("\n"));
    if (!cmd) continue;
    const command: LessonCommand = { ...cmd, expectations: [], exitCode: 0 };
    if (command.kind === "invalid") problems.push({ line: command.line, message: command.error ?? "invalid command" });
    const step = steps.at(-1);
    if (!step) {
      problems.push({ line: command.line, message: "command before the first #step" });
      continue;
    }
    step.commands.push(command);
    last = command.kind === "sleep" ? undefined : command;
  }

  for (const key of HEADER_MARKERS) if (!header[key]) problems.push({ line: 1, message: `missing #${key}` });
  const level = header.level?.value;
  if (level !== undefined && !(LESSON_LEVELS as readonly string[]).includes(level)) {
    problems.push({ line: header.level!.line, message: `#level must be ${LESSON_LEVELS.join(" or ")}, not "${level}"` });
  }
  if (steps.length === 0) problems.push({ line: lines.length, message: "a lesson needs at least one #step" });
  for (const step of steps) {
    if (step.commands.length === 0) problems.push({ line: step.line, message: `step "${step.title}" has no commands` });
    if (step.say.length === 0) problems.push({ line: step.line, message: `step "${step.title}" has no #say` });
  }
  if (problems.length > 0) throw new LessonSyntaxError(problems.sort((a, b) => a.line - b.line));

  return {
    title: header.lesson!.value,
    summary: header.summary!.value,
    level: level as LessonLevel,
    source: header.source!.value,
    steps,
  };
}

function parseExpectation(arg: string, negate: boolean, line: number, problems: LessonProblem[]): Expectation | undefined {
  const marker = negate ? "#expect-not" : "#expect";
  if (arg.trim() === "") {
    problems.push({ line, message: `${marker} needs text or a /regex/` });
    return undefined;
  }
  const re = REGEX_RE.exec(arg.trim());
  if (re) {
    try {
      return { line, negate, pattern: new RegExp(re[1], `m${re[2]}`), raw: arg };
    } catch (e) {
      problems.push({ line, message: `${marker}: ${(e as Error).message}` });
      return undefined;
    }
  }
  return { line, negate, text: arg, raw: arg };
}

/** The index of a command's last line: trailing-backslash continuations, then a here-document body. */
function commandEnd(lines: string[], i: number): number {
  let raw = lines[i];
  while (/\\$/.test(raw) && i + 1 < lines.length) raw = raw.slice(0, -1) + " " + lines[++i].trimStart();
  const heredoc = HEREDOC_RE.exec(raw.trim());
  if (!heredoc) return i;
  const delim = heredoc[2];
  for (let j = i + 1; j < lines.length; j++) if (lines[j].trim() === delim) return j;
  return lines.length - 1; // unterminated: parseSession reports it
}

/** Whether `output` satisfies one expectation. */
export function meetsExpectation(output: string, e: Expectation): boolean {
  const found = e.pattern ? e.pattern.test(output) : output.includes(e.text ?? "");
  return found !== e.negate;
}

/** The virtual milliseconds a step's sleeps add up to. */
export function stepSleepMs(step: LessonStep): number {
  return step.commands.filter((c) => c.kind === "sleep").reduce((sum, c) => sum + (parseDuration(c.argv[0]) ?? 0), 0);
}
