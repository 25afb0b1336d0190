/**
 * The lesson checker: replays a lesson's whole session on a fresh cluster, as the command-line runner
 * would, and holds every command to its `#expect`, `#expect-not` and `#expect-exit` lines. This is
 * how a lesson's text is proven true. Pure: it runs wherever the simulation runs.
 */
import { createCluster, type ClusterOptions } from "../sim";
import { memoryFiles } from "../sim/session/memory-files";
import { runCommand, type SessionRecord } from "../sim/session/session";
import { meetsExpectation, parseLesson, type Lesson, type LessonCommand, type LessonStep } from "./lesson";

/** A claim the replay did not bear out. */
export interface LessonFailure {
  /** The lesson folder (or whatever name the caller gave). */
  lessonId: string;
  /** 1-based step number and title; 0 and "" when the file did not parse. */
  step: number;
  stepTitle: string;
  /** The line of the failed marker (or of the command, for an unexpected exit code). */
  line: number;
  command: string;
  message: string;
  /** What the command printed (stdout then stderr). */
  output: string;
}

/** The outcome of one replay. */
export interface LessonCheck {
  lessonId: string;
  lesson?: Lesson;
  failures: LessonFailure[];
  /** One record per command, as `--jsonl` prints them. */
  records: SessionRecord[];
}

/** What checkLesson replays: the session text and the folder's files by name. */
export interface LessonSource {
  id: string;
  text: string;
  files: Record<string, string>;
}

/** Replays a lesson on `createCluster(options)` and checks every claim. Never throws for a bad lesson. */
export async function checkLesson(source: LessonSource, options: ClusterOptions = {}): Promise<LessonCheck> {
  let lesson: Lesson;
  try {
    lesson = parseLesson(source.text);
  } catch (e) {
    const failure: LessonFailure = { lessonId: source.id, step: 0, stepTitle: "", line: 0, command: "", message: (e as Error).message, output: "" };
    return { lessonId: source.id, failures: [failure], records: [] };
  }
  const cluster = createCluster(options);
  const files = memoryFiles(source.files);
  const failures: LessonFailure[] = [];
  const records: SessionRecord[] = [];
  for (const [index, step] of lesson.steps.entries()) {
    for (const cmd of step.commands) {
      const record = await runCommand(cluster, cmd, files);
      records.push(record);
      failures.push(...judge(source.id, index + 1, step, cmd, record));
    }
  }
  return { lessonId: source.id, lesson, failures, records };
}

function judge(lessonId: string, stepNo: number, step: LessonStep, cmd: LessonCommand, record: SessionRecord): LessonFailure[] {
  const output = record.stdout + record.stderr;
  const base = { lessonId, step: stepNo, stepTitle: step.title, command: cmd.text, output };
  const out: LessonFailure[] = [];
  if (record.exitCode !== cmd.exitCode) {
    out.push({ ...base, line: cmd.line, message: `exit code ${record.exitCode}, expected ${cmd.exitCode}` });
  }
  for (const e of cmd.expectations) {
    if (meetsExpectation(output, e)) continue;
    const what = e.pattern ? `match ${e.raw}` : `contain "${e.text}"`;
    out.push({ ...base, line: e.line, message: `expected the output ${e.negate ? "not " : ""}to ${what}` });
  }
  return out;
}

/** A failure as a reader wants it: where, what was claimed, and what the command printed. */
export function formatFailure(f: LessonFailure): string {
  if (f.step === 0) return `${f.lessonId}: ${f.message}`;
  const output = f.output.replace(/\n$/, "").split("\n").map((l) => `    | ${l}`).join("\n");
  return `${f.lessonId} step ${f.step} "${f.stepTitle}", line ${f.line} (\`${f.command}\`): ${f.message}\n${output}`;
}
