/**
 * A workspace: everything needed to rebuild what a user sees — the editor's files, the simulation's
 * seed and speed, every recorded input with its virtual instant, the current time, and (for autosave
 * and exported files, not links) the console history. Share links, exported JSON files and the
 * autosave all hold one.
 *
 * A workspace that comes from outside (a link, an imported file) is untrusted: `parseWorkspace`
 * checks it against a schema with limits on every list and string. Nothing in it is ever run as
 * code: inputs are session lines that go through the same parser as lines typed in the console.
 */
import { z } from "zod";
import type { RecordedInput, Speed } from "../../worker/protocol";
import type { ConsoleEntry } from "../store/session-slice";

export const WORKSPACE_FORMAT = "podlab-workspace";
export const WORKSPACE_VERSION = 1;

/** Limits on what a workspace may hold: generous for real use, small enough to keep the page safe. */
export const LIMITS = {
  files: 64,
  fileChars: 2 * 1024 * 1024,
  fileName: 128,
  inputs: 10_000,
  inputChars: 64 * 1024,
  consoleEntries: 500,
  outputChars: 256 * 1024,
  /** Ten years of virtual time. */
  timeMs: 10 * 365 * 24 * 3600 * 1000,
} as const;

/** One editor file. */
export interface WorkspaceFile {
  name: string;
  text: string;
}

/** Where a lesson was when the workspace was saved. */
export interface WorkspaceLesson {
  id: string;
  /** 0-based step shown. */
  step: number;
  /** Whether that step had not begun, was stopped part-way (at `command`), or had run. */
  status: "ready" | "paused" | "done";
  /** The step's next command to run (when paused). */
  command: number;
  /** For each step begun so far: the virtual instant and the number of recorded inputs when it began. */
  starts: { time: number; inputs: number }[];
}

export interface Workspace {
  format: typeof WORKSPACE_FORMAT;
  version: typeof WORKSPACE_VERSION;
  seed: number;
  speed?: Speed;
  files: WorkspaceFile[];
  /** The file shown in the editor. */
  active?: string;
  inputs: RecordedInput[];
  /** Virtual ms the cluster is shown at. */
  time: number;
  console?: ConsoleEntry[];
  lesson?: WorkspaceLesson;
}

const ms = z.number().finite().min(0).max(LIMITS.timeMs);
const fileName = z
  .string()
  .min(1)
  .max(LIMITS.fileName)
  .regex(/^[\w.@ -]+(?:\/[\w.@ -]+)*$/, "a file name may hold letters, digits, . _ - @, spaces and / between folders");
const source = z.enum(["apply", "delete", "console"]);

const input = z.object({
  at: ms,
  text: z.string().min(1).max(LIMITS.inputChars),
  stdin: z.string().max(LIMITS.fileChars).optional(),
  files: z.record(fileName, z.string().max(LIMITS.fileChars)).optional(),
  source,
  end: ms.optional(),
});

/**
 * WARNING: zod drops keys a schema does not name. A field added to RecordedInput must be added to
 * `input` too, or links and saved workspaces lose it and replay something else: tsc fails here
 * until it is.
 */
type Unchecked = Exclude<keyof RecordedInput, keyof z.infer<typeof input>>;
const everyInputFieldChecked: [Unchecked] extends [never] ? true : Unchecked = true;
void everyInputFieldChecked;

const outcomeFields = z.object({
  exitCode: z.number().int(),
  stdout: z.string().max(LIMITS.outputChars),
  stderr: z.string().max(LIMITS.outputChars),
  time: z.string().max(64),
});
const outcome = outcomeFields.extend({ parts: z.array(outcomeFields).max(1000).optional() });

const consoleEntry = z.object({
  id: z.number().int(),
  source,
  text: z.string().max(LIMITS.inputChars),
  status: z.enum(["running", "done", "lost"]),
  outcome: outcome.optional(),
  note: z.string().max(1000).optional(),
});

const speed = z.union([z.number().positive().max(1000), z.literal("max")]);

const schema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(WORKSPACE_VERSION),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  speed: speed.optional(),
  files: z.array(z.object({ name: fileName, text: z.string().max(LIMITS.fileChars) })).max(LIMITS.files),
  active: fileName.optional(),
  inputs: z.array(input).max(LIMITS.inputs),
  time: ms,
  console: z.array(consoleEntry).max(LIMITS.consoleEntries).optional(),
  lesson: z
    .object({
      id: z.string().regex(/^\d+-[a-z0-9-]+$/).max(128),
      step: z.number().int().min(0).max(1000),
      status: z.enum(["ready", "paused", "done"]),
      command: z.number().int().min(0).max(10_000),
      starts: z.array(z.object({ time: ms, inputs: z.number().int().min(0).max(LIMITS.inputs) })).max(1000),
    })
    .optional(),
});

/** Why a workspace was refused, in words for the user. */
export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkspaceError";
  }
}

/**
 * Checks untrusted data against the workspace schema. Throws WorkspaceError naming the first few
 * problems (with their paths) when it does not fit.
 */
export function parseWorkspace(data: unknown): Workspace {
  if (typeof data === "object" && data !== null && (data as { format?: unknown }).format !== WORKSPACE_FORMAT) {
    throw new WorkspaceError("This is not a Podlab workspace.");
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join(".") : "workspace"}: ${i.message}`);
    throw new WorkspaceError(`This workspace is damaged or was changed by hand (${problems.join("; ")}).`);
  }
  const ws = result.data as Workspace;
  for (let i = 1; i < ws.inputs.length; i++) {
    if (ws.inputs[i].at < ws.inputs[i - 1].at) throw new WorkspaceError(`This workspace is damaged: input ${i + 1} runs before the one before it.`);
  }
  if (new Set(ws.files.map((f) => f.name)).size !== ws.files.length) throw new WorkspaceError("This workspace is damaged: two files have the same name.");
  return ws;
}

/** A workspace from its parts, with the format marker. */
export function makeWorkspace(parts: Omit<Workspace, "format" | "version">): Workspace {
  return { format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, ...parts };
}

/** What a share link carries: the workspace without the console (the inputs rebuild the cluster; outputs would only make links long). */
export function forLink(ws: Workspace): Workspace {
  const { console: _console, ...rest } = ws;
  return rest;
}
