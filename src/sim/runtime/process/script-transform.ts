/**
 * ScriptTransform rewrites a shell script before it runs, so the interpreter behaves like a
 * container's shell:
 * - output streams: every simple command whose output would reach the script's stdout/stderr gets
 *   `>>/proc/self/fd/1 2>>/proc/self/fd/2` prepended (the user's own redirections come after it and
 *   still win), so its output reaches the container log when it ends, not when the script does.
 *   Command substitutions, non-final pipeline stages, function bodies (their call sites are
 *   redirected instead) and compound commands that redirect themselves are left alone.
 * - `exec CMD ...` replaces the shell with CMD (it becomes the signal target), and a `-c` script of a
 *   single external command execs it, as sh does;
 * - `$RANDOM` comes from the cluster's seeded random source;
 * - `cmd &` runs in a background process, and `wait`, `trap`, `ulimit`, `umask` (which just-bash
 *   lacks or stubs) are the runtime's;
 * - positional parameters and `set` options of the invocation.
 */
import type { ScriptNode, SimpleCommandNode, StatementNode, TransformContext, TransformPlugin, TransformResult, WordNode } from "just-bash";
import { serialize } from "./bash-compat";

/** Builtins a shell runs itself (never exec'd). */
const BUILTINS = new Set([
  "exit", "cd", "export", "set", "unset", "echo", "printf", "true", "false", "test", "[", "[[", "read", "eval", "exec", "source", ".",
  ":", "trap", "wait", "shift", "return", "break", "continue", "local", "alias", "unalias", "type", "command", "let", "ulimit",
  "umask", "times", "getopts", "hash", "readonly", "declare", "typeset", "pwd", "kill", "jobs", "fg", "bg", "builtin", "shopt",
]);

export interface TransformOptions {
  /** Positional parameters ($1...). */
  positional?: string[];
  /** `set` options from the invocation ("e", "x", "u"). */
  options?: string[];
  /** The script came from `sh -c`: a lone external command is exec'd. */
  execLoneCommand?: boolean;
  /** Route output to the process's stdout/stderr as each command ends. */
  stream?: boolean;
}

const word = (text: string): WordNode => ({ type: "Word", parts: [{ type: "Literal", value: text }] });
const quoted = (text: string): WordNode => ({ type: "Word", parts: [{ type: "SingleQuoted", value: text }] });

function statement(cmd: SimpleCommandNode): StatementNode {
  return { type: "Statement", pipelines: [{ type: "Pipeline", commands: [cmd], negated: false }], operators: [], background: false };
}

function simple(name: string, args: WordNode[], redirections: SimpleCommandNode["redirections"] = []): SimpleCommandNode {
  return { type: "SimpleCommand", assignments: [], name: word(name), args, redirections };
}

export class ScriptTransform implements TransformPlugin {
  readonly name = "podlab-container";

  constructor(private readonly opts: TransformOptions) {}

  private used = false;

  /**
   * WARNING: just-bash runs its registered transforms on nested executions too (arithmetic command
   * substitutions, commands' sub-executions). Only the first call is the script itself: nested ones
   * get the rewrites but neither output sinks nor the lone-command exec.
   */
  transform(context: TransformContext): TransformResult {
    const ast = context.ast;
    const top = !this.used;
    this.used = true;
    if (top && this.opts.execLoneCommand) this.execLone(ast);
    rewrite(ast);
    if (!top) return { ast };
    const prefix: StatementNode[] = [];
    if (this.opts.stream) {
      const persistent = persistentRedirects(ast);
      addSinks(ast.statements, { out: !persistent.out, err: !persistent.err });
    }
    for (const o of this.opts.options ?? []) prefix.push(statement(simple("set", [word(`-${o}`)])));
    if (this.opts.positional && this.opts.positional.length > 0) prefix.push(statement(simple("set", [word("--"), ...this.opts.positional.map(quoted)])));
    return { ast: { ...ast, statements: [...prefix, ...ast.statements] } };
  }

  private execLone(ast: ScriptNode): void {
    if (ast.statements.length !== 1) return;
    const st = ast.statements[0];
    if (st.pipelines.length !== 1 || st.background || st.pipelines[0].commands.length !== 1 || st.pipelines[0].negated) return;
    const cmd = st.pipelines[0].commands[0];
    // WARNING: an exec'd program writes straight to the process's streams, past any redirection the
    // interpreter would apply, so a lone command that redirects stays a child of the shell.
    if (cmd.type !== "SimpleCommand" || !cmd.name || cmd.assignments.length > 0 || cmd.redirections.length > 0) return;
    const name = literal(cmd.name);
    if (name === undefined || BUILTINS.has(name) || name.startsWith("__podlab")) return;
    cmd.args = [cmd.name, ...cmd.args];
    cmd.name = word("exec");
  }
}

/** The text of a word that is a plain literal, else undefined. */
function literal(w: WordNode): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  return p.type === "Literal" || p.type === "SingleQuoted" ? p.value : undefined;
}

/** Walks the AST: `exec CMD` → `{ __podlab_exec --replace CMD; exit $?; }`, $RANDOM → seeded. */
function rewrite(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const replaced = replacement(node[i]);
      if (replaced) node[i] = replaced;
      rewrite(node[i]);
    }
    return;
  }
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (!v || typeof v !== "object") continue;
    const replaced = replacement(v);
    if (replaced) obj[key] = replaced;
    rewrite(obj[key]);
  }
}

/** Shell built-ins the runtime provides. */
const RUNTIME_BUILTINS = new Set(["trap", "wait", "ulimit", "umask"]);

function replacement(v: unknown): unknown {
  const n = v as { type?: string } & Record<string, unknown>;
  if (!n || typeof n !== "object" || typeof n.type !== "string") return undefined;
  if (n.type === "Statement" && n.background === true) {
    const st = n as unknown as StatementNode;
    const text = serialize({ type: "Script", statements: [{ ...st, background: false }] });
    return statement(simple("__podlab_exec", [word("--background"), quoted(text)]));
  }
  if (n.type === "ParameterExpansion" && n.parameter === "RANDOM" && n.operation === null) {
    return { type: "CommandSubstitution", body: { type: "Script", statements: [statement(simple("__podlab_exec", [word("--random")]))] }, legacy: false };
  }
  if (n.type === "ArithVariable" && n.name === "RANDOM") return { type: "ArithCommandSubst", command: "__podlab_exec --random" };
  if (n.type === "SimpleCommand") {
    const cmd = n as unknown as SimpleCommandNode;
    const name = cmd.name ? literal(cmd.name) : undefined;
    if (name && RUNTIME_BUILTINS.has(name)) {
      return { ...cmd, name: word("__podlab_exec"), args: [word("--builtin"), word(name), ...cmd.args] };
    }
    if (name === "exec" && cmd.args.length > 0 && cmd.redirections.length > 0) {
      // `exec CMD > file`: run CMD with its redirections, then leave with its status (see execLone).
      const [program, ...rest] = cmd.args;
      const child: SimpleCommandNode = { ...cmd, name: program, args: rest };
      const exit = simple("exit", [{ type: "Word", parts: [{ type: "ParameterExpansion", parameter: "?", operation: null }] }]);
      return { type: "Group", body: [statement(child), statement(exit)], redirections: [] };
    }
    if (name === "exec" && cmd.args.length > 0) {
      const execCmd = simple("__podlab_exec", [word("--replace"), ...cmd.args]);
      execCmd.assignments = cmd.assignments;
      const exit = simple("exit", [{ type: "Word", parts: [{ type: "ParameterExpansion", parameter: "?", operation: null }] }]);
      return { type: "Group", body: [statement(execCmd), statement(exit)], redirections: cmd.redirections };
    }
  }
  return undefined;
}

type Sinks = { out: boolean; err: boolean };

/** Built-ins that never write: routing their output costs time in tight loops for nothing. */
const SILENT = new Set([":", "true", "false", "shift", "break", "continue", "return", "exit", "let"]);
type Redirs = SimpleCommandNode["redirections"];

/** Which standard descriptors a list of redirections points elsewhere. */
function redirected(redirs: Redirs): Sinks {
  const r = { out: false, err: false };
  for (const x of redirs) {
    if (x.operator === "&>" || x.operator === "&>>") r.out = r.err = true;
    else if ([">", ">>", ">|", ">&", "<>"].includes(x.operator)) {
      if (x.fd === null || x.fd === 1) r.out = true;
      else if (x.fd === 2) r.err = true;
    }
  }
  return r;
}

/** `exec >file` with no command redirects the whole shell: then nothing is rerouted. */
function persistentRedirects(ast: ScriptNode): Sinks {
  const found = { out: false, err: false };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as SimpleCommandNode;
    if (n.type === "SimpleCommand" && n.name && literal(n.name) === "exec" && n.args.length === 0) {
      const r = redirected(n.redirections);
      found.out ||= r.out;
      found.err ||= r.err;
    }
    for (const v of Object.values(node)) if (v && typeof v === "object") visit(v);
  };
  visit(ast);
  return found;
}

const sinkTo = (fd: 1 | 2): Redirs[number] => ({ type: "Redirection", fd: fd === 1 ? null : 2, operator: ">>", target: word(`/proc/self/fd/${fd}`) });

function addSinks(statements: StatementNode[], ctx: Sinks): void {
  for (const st of statements) {
    for (const pl of st.pipelines) {
      const n = pl.commands.length;
      pl.commands.forEach((cmd, i) => {
        const last = i === n - 1;
        addSinksTo(cmd as unknown as Record<string, unknown>, { out: ctx.out && last, err: ctx.err && (last || !pl.pipeStderr?.[i]) });
      });
    }
  }
}

function addSinksTo(cmd: Record<string, unknown>, ctx: Sinks): void {
  if (!ctx.out && !ctx.err) return;
  if (cmd.type === "FunctionDef") return;
  if (cmd.type === "SimpleCommand") {
    const sc = cmd as unknown as SimpleCommandNode;
    if (!sc.name) return;
    const name = literal(sc.name);
    if (name === "exec" && sc.args.length === 0) return;
    if (name !== undefined && SILENT.has(name)) return;
    const mine: Redirs = [];
    if (ctx.out) mine.push(sinkTo(1));
    if (ctx.err) mine.push(sinkTo(2));
    sc.redirections = [...mine, ...sc.redirections];
    return;
  }
  const own = redirected((cmd.redirections as Redirs | undefined) ?? []);
  const inner = { out: ctx.out && !own.out, err: ctx.err && !own.err };
  const lists: unknown[] = [];
  switch (cmd.type) {
    case "If":
      for (const c of cmd.clauses as { condition: StatementNode[]; body: StatementNode[] }[]) lists.push(c.condition, c.body);
      if (cmd.elseBody) lists.push(cmd.elseBody);
      break;
    case "While":
    case "Until":
      lists.push(cmd.condition, cmd.body);
      break;
    case "For":
    case "CStyleFor":
    case "Subshell":
    case "Group":
      lists.push(cmd.body);
      break;
    case "Case":
      for (const item of cmd.items as { body: StatementNode[] }[]) lists.push(item.body);
      break;
  }
  for (const l of lists) addSinks(l as StatementNode[], inner);
}
