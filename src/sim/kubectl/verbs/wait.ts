/**
 * `kubectl wait --for=delete|condition=NAME[=VALUE]|jsonpath='{...}'[=VALUE]`: checks each object
 * and, until the condition holds or --timeout (default 30s) passes, advances the virtual clock so
 * the cluster gets there. Prints `pod/nginx condition met`; on timeout
 * `error: timed out waiting for the condition on pods/nginx`.
 */
import { StatusError } from "../../api/errors";
import type { KObject } from "../../api/types";
import { parseDuration } from "../../clock";
import { isPlainObject } from "../../util/object";
import { buildInfos, type ResourceInfo } from "../builder";
import { JSONPath } from "../jsonpath/jsonpath";
import { KubectlError } from "../kubectl";
import { finishWithErrors, ObjectPrinter, PRINT_FLAGS } from "../output";
import { goV } from "../printers/gofmt";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";

/** Virtual time per step when a host paces waiting through StopSignal.tick. */
const PACED_STEP_MS = 1000;

/** What advancing the clock towards a condition ended with. */
export type WaitOutcome = "met" | "timeout" | "stopped";

/**
 * Advances virtual time until `done()` holds, at most `timeoutMs`. Everything due runs on the way
 * (controllers, kubelets), exactly as if the user had waited at a real terminal.
 */
export async function advanceUntil(inv: Invocation, done: () => boolean, timeoutMs: number): Promise<WaitOutcome> {
  if (done()) return "met";
  const clock = inv.cluster.clock;
  // A command run from inside a timer (the clock already running) cannot move time itself.
  if (timeoutMs <= 0 || clock.isRunning) return "timeout";
  const signal = inv.signal;
  const deadline = clock.now + timeoutMs;
  const stop = () => done() || !!signal?.stopped;
  // A host that paces time (StopSignal.tick) gets the wait in steps, like a watch; otherwise one run.
  while (clock.now < deadline && !stop()) {
    const step = signal?.tick ? Math.min(signal.stepMs ?? PACED_STEP_MS, deadline - clock.now) : deadline - clock.now;
    await clock.advanceUntil(stop, step);
    if (signal?.tick && !stop()) await signal.tick();
  }
  if (done()) return "met";
  return signal?.stopped ? "stopped" : "timeout";
}

/** The timeout kubectl uses when it was told to wait "forever": a week, capped by the simulation. */
export function unboundedWaitMs(inv: Invocation): number {
  const cap = inv.cluster.timings.kubectlDeleteWaitCap;
  return typeof cap === "number" ? cap : cap.ms;
}

/** kubectl's message when a wait runs out of time. */
export function timedOut(r: ResourceInfo): KubectlError {
  return new KubectlError(`timed out waiting for the condition on ${r.info.plural}/${r.name}`);
}

/** An object a delete removed, and the uid it had (a new object of the same name counts as gone). */
export interface DeletedObject {
  target: ResourceInfo;
  uid?: string;
}

/** Waits, after a delete, until every deleted object is gone (cmdwait.IsDeleted with a UID map). */
export async function waitForDeletion(inv: Invocation, objects: DeletedObject[], timeoutMs: number): Promise<WaitOutcome> {
  const gone = (o: DeletedObject) => {
    const live = inv.cluster.api.tryGet(o.target.info.kind, o.target.namespace, o.target.name);
    return !live || (o.uid !== undefined && live.metadata.uid !== o.uid);
  };
  const outcome = await advanceUntil(inv, () => objects.every(gone), timeoutMs > 0 ? timeoutMs : unboundedWaitMs(inv));
  if (outcome === "timeout") throw timedOut(objects.find((o) => !gone(o))!.target);
  return outcome;
}

type Condition = { kind: "delete" } | { kind: "condition"; name: string; value: string } | { kind: "jsonpath"; path: JSONPath; value: string | undefined };

/** conditionFuncFor: parses --for. */
export function parseCondition(text: string): Condition {
  if (text.toLowerCase() === "delete") return { kind: "delete" };
  if (text.startsWith("condition=")) {
    const rest = text.slice("condition=".length);
    const eq = rest.indexOf("=");
    return eq >= 0 ? { kind: "condition", name: rest.slice(0, eq), value: rest.slice(eq + 1) } : { kind: "condition", name: rest, value: "true" };
  }
  if (text.startsWith("jsonpath=")) {
    const parts = splitJSONPathInput(text.slice("jsonpath=".length));
    if (parts.length < 1 || parts.length > 2) {
      throw new KubectlError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
    }
    const expr = relaxedJSONPath(parts[0]);
    let value: string | undefined;
    if (parts.length === 2) {
      value = parts[1].replace(/^['"]+|['"]+$/g, "");
      if (value === "") throw new KubectlError(`jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3`);
    }
    if (expr === "") throw new KubectlError("jsonpath expression cannot be empty");
    try {
      return { kind: "jsonpath", path: new JSONPath(expr, { allowMissingKeys: true }), value };
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
  }
  throw new KubectlError(`unrecognized condition: "${text}"`);
}

/** Splits on single '=', keeping '==' inside the expression. */
function splitJSONPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=") {
      if (input[i + 1] === "=") {
        cur += "==";
        i++;
        continue;
      }
      out.push(cur);
      cur = "";
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

/** cmdget.RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
function relaxedJSONPath(expr: string): string {
  if (expr === "") return "";
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** Whether an object meets a condition (delete is handled by the caller). Throws kubectl's errors. */
export function conditionMet(cond: Condition, obj: KObject): boolean {
  if (cond.kind === "condition") {
    const conditions = obj.status?.conditions;
    if (!Array.isArray(conditions)) return false;
    for (const c of conditions) {
      if (!isPlainObject(c) || typeof c.type !== "string" || c.type.toLowerCase() !== cond.name.toLowerCase()) continue;
      if (typeof c.status !== "string") continue;
      const generation = obj.metadata?.generation;
      if (typeof generation === "number") {
        const observed = typeof c.observedGeneration === "number" ? c.observedGeneration : obj.status?.observedGeneration;
        if (typeof observed === "number" && observed < generation) return false;
      }
      return c.status.toLowerCase() === cond.value.toLowerCase();
    }
    return false;
  }
  if (cond.kind === "jsonpath") {
    const results = cond.path.findResults(obj);
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1) throw new KubectlError("given jsonpath expression matches more than one list");
    if (results[0].length > 1) throw new KubectlError("given jsonpath expression matches more than one value");
    if (cond.value === undefined) return true;
    const v = results[0][0];
    if (Array.isArray(v) || isPlainObject(v)) throw new KubectlError("jsonpath leads to a nested object or list which is not supported");
    return goV(v).trim() === cond.value.trim();
  }
  return false;
}

export const waitVerb: Verb = {
  name: "wait",
  summary: "Experimental: Wait for a specific condition on one or many resources",
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    ...PRINT_FLAGS,
    { name: "all", type: "bool", help: "Select all resources in the namespace of the specified resource types" },
    { name: "for", type: "string", help: "The condition to wait on: [delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is True.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: "timeout", type: "duration", default: "30s", help: "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week." },
    { name: "field-selector", type: "string", help: "Selector (field query) to filter on, supports '=', '==', and '!='." },
    { name: "local", type: "bool", help: "If true, annotation will NOT contact api-server but run locally." },
  ],
  async run(inv) {
    const cond = parseCondition(inv.flag<string | undefined>("for") ?? "");
    const timeoutText = inv.flag<string>("timeout") ?? "30s";
    const negative = timeoutText.startsWith("-");
    const parsed = parseDuration(negative ? timeoutText.slice(1) : timeoutText);
    if (parsed === undefined) throw new KubectlError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    const timeoutMs = negative ? unboundedWaitMs(inv) : parsed;
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"));
    const isDelete = cond.kind === "delete";
    const { visits } = buildInfos(inv, {
      filenames: true,
      args: inv.args,
      selector: inv.flag<string | undefined>("selector"),
      fieldSelector: inv.flag<string | undefined>("field-selector"),
      all: inv.flag<boolean | undefined>("all"),
      allNamespaces: inv.flag<boolean | undefined>("all-namespaces"),
      latest: true,
    });
    const deadline = inv.cluster.clock.now + timeoutMs;
    const errors: unknown[] = [];
    let count = 0;
    for (const v of visits) {
      if (!v.info) {
        if (!(isDelete && v.error instanceof StatusError && v.error.reason === "NotFound")) errors.push(v.error);
        continue;
      }
      count++;
      const r: ResourceInfo = v.info;
      let last: KObject = r.object!;
      const check = (): boolean => {
        const live = inv.cluster.api.tryGet(r.info.kind, r.namespace, r.name);
        if (isDelete) return !live || live.metadata.uid !== r.object!.metadata.uid;
        if (!live) throw new StatusError(404, "NotFound", `${r.info.group ? `${r.info.plural}.${r.info.group}` : r.info.plural} "${r.name}" not found`);
        last = live;
        return conditionMet(cond, live);
      };
      try {
        if (timeoutMs === 0) {
          if (!check()) throw new KubectlError(`condition not met for ${r.info.plural}/${r.name}`);
        } else {
          const outcome = await advanceUntil(inv, check, deadline - inv.cluster.clock.now);
          if (outcome === "stopped") return 130;
          if (outcome === "timeout") throw timedOut(r);
        }
        printer.print(last, "condition met", { info: r.info });
      } catch (e) {
        errors.push(e);
      }
    }
    if (count === 0 && !isDelete && errors.length === 0) throw new KubectlError("no matching resources found");
    return finishWithErrors(inv, errors);
  },
};
