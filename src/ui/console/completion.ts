/**
 * Tab completion for console lines, as a shell with kubectl's completion script gives it: the
 * first word (kubectl, podlab, sleep, clear, help), kubectl's verbs including multi-word ones
 * (`rollout status`, `create deployment`, `config view`), resource kinds (plurals, singular names,
 * short names), object names of the typed kind, flags of the chosen verb and a few flag values.
 *
 * Pure: verbs and kinds come from the simulation's registries (imported, never run), object names
 * from whatever the caller knows (the page's mirror of the cluster).
 */
import "../../sim/kubectl/kubectl";
import { KINDS, resolveResource, type KindInfo } from "../../sim/api/kinds";
import type { FlagSpec } from "../../sim/kubectl/flags";
import { GLOBAL_FLAGS, type Verb } from "../../sim/kubectl/verb";
import { VERBS } from "../../sim/kubectl/verbs";

/** What completion needs to know about the cluster. */
export interface CompletionContext {
  /** Names of the objects of a kind, in a namespace (undefined: every namespace). */
  names(kind: string, namespace: string | undefined): string[];
}

/** The result of pressing Tab. */
export interface Completion {
  /** The line with the completion applied (unchanged when nothing fits). */
  line: string;
  /** Where the cursor goes. */
  cursor: number;
  /** The choices when more than one fits (a shell lists them on a second Tab). */
  candidates: string[];
}

/** First words the console understands. */
export const FIRST_WORDS = ["kubectl", "podlab", "sleep", "clear", "help"];

/** Values offered for -o/--output. */
const OUTPUT_FORMATS = ["json", "yaml", "wide", "name", "jsonpath=", "custom-columns="];

/** Every verb by its words, aliases included: ["rollout", "status"] → rollout status. */
const VERB_PATHS: { words: string[]; verb: Verb }[] = VERBS.flatMap((v) => [v.name, ...(v.aliases ?? [])].map((n) => ({ words: n.split(" "), verb: v })));

/** Flags that take a value, so the word after them is not an argument. */
function takesValue(flag: string, specs: FlagSpec[]): boolean {
  if (flag.includes("=")) return false;
  const spec = flag.startsWith("--") ? specs.find((s) => s.name === flag.slice(2)) : specs.find((s) => s.short === flag.slice(1));
  return spec !== undefined && spec.type !== "bool" && spec.noOptDefault === undefined;
}

const ALL_FLAGS: FlagSpec[] = [...GLOBAL_FLAGS, ...VERBS.flatMap((v) => v.flags)];

/** What the typed words say: the verb so far, positional arguments, flags and their values. */
interface Parsed {
  commandWords: string[];
  verb?: Verb;
  args: string[];
  namespace?: string;
  allNamespaces: boolean;
  /** The flag the current word is the value of. */
  pendingFlag?: string;
}

function parseWords(words: string[]): Parsed {
  const p: Parsed = { commandWords: [], args: [], allNamespaces: false };
  let verbDone = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const specs = p.verb ? [...GLOBAL_FLAGS, ...p.verb.flags] : ALL_FLAGS;
    if (w.startsWith("-") && w.length > 1) {
      if (w === "-A" || w === "--all-namespaces") p.allNamespaces = true;
      const ns = /^(?:-n|--namespace)=?(.+)$/.exec(w);
      if (ns && w !== "-n" && w !== "--namespace") p.namespace = ns[1];
      if (takesValue(w, specs)) {
        if (i + 1 < words.length) {
          if (w === "-n" || w === "--namespace") p.namespace = words[i + 1];
          i++;
        } else {
          p.pendingFlag = w;
        }
      }
      continue;
    }
    if (!verbDone) {
      const next = [...p.commandWords, w];
      const exact = VERB_PATHS.find((v) => v.words.join(" ") === next.join(" "));
      const longer = VERB_PATHS.some((v) => v.words.length > next.length && next.every((x, j) => v.words[j] === x));
      if (exact || longer) {
        p.commandWords = next;
        if (exact) p.verb = exact.verb;
        continue;
      }
      verbDone = true;
    }
    p.args.push(w);
  }
  return p;
}

/** Kind names a user may type: plurals first, then singular and short names. */
function kindWords(prefix: string): string[] {
  const plural = KINDS.map((k) => k.plural);
  const other = KINDS.flatMap((k) => [k.singular, ...k.shortNames]);
  const fits = (list: string[]) => list.filter((w) => w.startsWith(prefix.toLowerCase())).sort();
  return prefix === "" ? plural.sort() : [...new Set([...fits(plural), ...fits(other)])];
}

/** What kind of positional arguments a verb takes, read from its usage line. */
function argumentStyle(verb: Verb): "type" | "pod" | "node" | "none" {
  const usage = verb.usage ?? "";
  if (verb.name === "top pod") return "pod";
  if (verb.name === "top node" || /^kubectl (cordon|uncordon|drain) NODE/.test(usage)) return "node";
  if (/\(POD \|/.test(usage)) return "pod";
  if (/TYPE|RESOURCE|resource\.group|NODE NAME/.test(usage)) return "type";
  return "none";
}

function candidatesFor(words: string[], current: string, ctx: CompletionContext): string[] {
  if (words.length === 0) return FIRST_WORDS.filter((w) => w.startsWith(current));
  if (words[0] !== "kubectl") return [];
  const p = parseWords(words.slice(1));
  const namespace = p.allNamespaces ? undefined : (p.namespace ?? "default");
  const names = (info: KindInfo) => ctx.names(info.kind, info.namespaced ? namespace : undefined).sort();

  if (p.pendingFlag) {
    if (p.pendingFlag === "-n" || p.pendingFlag === "--namespace") return ctx.names("Namespace", undefined).sort().filter((n) => n.startsWith(current));
    if (p.pendingFlag === "-o" || p.pendingFlag === "--output") return OUTPUT_FORMATS.filter((f) => f.startsWith(current));
    return [];
  }
  if (current.startsWith("-")) {
    const specs = p.verb ? [...p.verb.flags, ...GLOBAL_FLAGS] : GLOBAL_FLAGS;
    const all = specs.flatMap((s) => [`--${s.name}${s.type === "bool" ? "" : "="}`, ...(s.short && current.length <= 2 ? [`-${s.short}`] : [])]);
    return [...new Set(all)].filter((f) => f.startsWith(current)).sort();
  }
  // The verb's next word: `rollout st` → status, `create ` → its generators.
  const sub = VERB_PATHS.filter((v) => v.words.length > p.commandWords.length && p.commandWords.every((w, i) => v.words[i] === w) && p.args.length === 0)
    .map((v) => v.words[p.commandWords.length])
    .filter((w) => w.startsWith(current));
  const verbWords = [...new Set(VERBS.filter((v) => sub.includes(v.name.split(" ")[p.commandWords.length])).map((v) => v.name.split(" ")[p.commandWords.length]))].sort();
  if (!p.verb) return verbWords.length > 0 ? verbWords.sort() : [...new Set(sub)].sort();
  const style = argumentStyle(p.verb);
  const slash = current.indexOf("/");
  if (slash > 0 && (style === "type" || style === "pod")) {
    const info = resolveResource(current.slice(0, slash));
    return info ? names(info).map((n) => `${current.slice(0, slash)}/${n}`).filter((n) => n.startsWith(current)) : [];
  }
  let args: string[] = [];
  if (style === "type") {
    if (p.args.length === 0) args = kindWords(current);
    else {
      const info = resolveResource(p.args[0].split(",")[0]);
      if (info && !p.args[0].includes("/")) args = names(info).filter((n) => n.startsWith(current));
    }
  } else if (style === "pod" && p.args.length === 0) {
    args = names(resolveResource("pods")!).filter((n) => n.startsWith(current));
  } else if (style === "node" && p.args.length === 0) {
    args = names(resolveResource("nodes")!).filter((n) => n.startsWith(current));
  }
  return [...verbWords, ...args];
}

function commonPrefix(list: string[]): string {
  if (list.length === 0) return "";
  let prefix = list[0];
  for (const s of list) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Completes the word before the cursor. */
export function complete(line: string, ctx: CompletionContext, cursor = line.length): Completion {
  const before = line.slice(0, cursor);
  const after = line.slice(cursor);
  const m = /(\S*)$/.exec(before)!;
  const current = m[1];
  const words = before.slice(0, before.length - current.length).trim().split(/\s+/).filter((w) => w !== "");
  const candidates = candidatesFor(words, current, ctx);
  if (candidates.length === 0) return { line, cursor, candidates: [] };
  const head = before.slice(0, before.length - current.length);
  if (candidates.length === 1) {
    const word = candidates[0];
    const open = word.endsWith("=") || word.endsWith("/");
    const text = `${head}${word}${open || after.startsWith(" ") ? "" : " "}`;
    return { line: text + after, cursor: text.length, candidates: [] };
  }
  const prefix = commonPrefix(candidates);
  const text = `${head}${prefix.length > current.length ? prefix : current}`;
  return { line: text + after, cursor: text.length, candidates };
}
