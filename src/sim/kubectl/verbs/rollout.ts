/**
 * `kubectl rollout status|history|undo|pause|resume|restart`. status watches the object and prints a
 * line at every change — advancing the virtual clock while it waits — until the rollout is done, an
 * error (ProgressDeadlineExceeded) ends it, or --timeout passes; history prints REVISION and
 * CHANGE-CAUSE (or one revision's template); undo restores a revision; pause, resume and restart patch
 * the object ("deployment.apps/web paused").
 */
import { StatusError } from "../../api/errors";
import type { KObject } from "../../api/types";
import { parseDuration } from "../../clock";
import { buildInfos, type ResourceInfo, type Visit } from "../builder";
import { KubectlError } from "../kubectl";
import { finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions } from "../write-options";
import { groupKind, requireHistoryKind, revisionsOf, viewHistory } from "./rollout/history";
import { pauseObject, restartObject, resumeObject, type Mutation } from "./rollout/mutations";
import { rollback } from "./rollout/rollback";
import { statusViewerFor } from "./rollout/status";
import { advanceUntil } from "./wait";

/**
 * Resolves the objects named by -f, TYPE NAME, TYPE/NAME or -l, fetched fresh from the server. A bare
 * TYPE means every object of it (ResourceTypeOrNameArgs with an empty selector allowed).
 */
function resolve(inv: Invocation, selectorFlag = true): Visit[] {
  if (inv.args.length === 0 && (inv.flag<string[] | undefined>("filename") ?? []).length === 0) throw new KubectlError("required resource not specified");
  const typeOnly = inv.args.length === 1 && !inv.args[0].includes("/");
  const selector = (selectorFlag ? inv.flag<string | undefined>("selector") : undefined) ?? (typeOnly ? "" : undefined);
  return buildInfos(inv, { filenames: true, args: inv.args, selector, latest: true }).visits;
}

function revisionFlag(inv: Invocation, name: string): number {
  const v = inv.flag<number | undefined>(name) ?? 0;
  if (v < 0) throw new KubectlError(`revision must be a positive integer: ${v}`);
  return v;
}

const ROLLOUT_SUBCOMMANDS: [string, string][] = [
  ["history", "View rollout history"],
  ["pause", "Mark the provided resource as paused"],
  ["restart", "Restart a resource"],
  ["resume", "Resume a paused resource"],
  ["status", "Show the status of the rollout"],
  ["undo", "Undo a previous rollout"],
];

export const rollout: Verb = {
  name: "rollout",
  summary: "Manage the rollout of a resource",
  usage: "kubectl rollout SUBCOMMAND [options]",
  flags: [],
  run(inv) {
    if (inv.args.length > 0) throw new KubectlError(`unknown command "${inv.args[0]}" for "kubectl rollout"`);
    const lines = ["Manage the rollout of one or many resources.", "", "Available Commands:", ...ROLLOUT_SUBCOMMANDS.map(([n, s]) => `  ${n.padEnd(14)}${s}`), "", "Usage:", "  kubectl rollout SUBCOMMAND [options]", ""];
    inv.out(lines.join("\n"));
    return 0;
  },
};

export const rolloutStatus: Verb = {
  name: "rollout status",
  summary: "Show the status of the rollout",
  usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]",
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    { name: "watch", short: "w", type: "bool", default: true, help: "Watch the status of the rollout until it's done." },
    { name: "revision", type: "int", default: 0, help: "Pin to a specific revision for showing its status. Defaults to 0 (last revision)." },
    { name: "timeout", type: "duration", default: "0s", help: "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
  ],
  async run(inv) {
    const revision = revisionFlag(inv, "revision");
    const timeoutText = inv.flag<string>("timeout") ?? "0s";
    const timeout = parseDuration(timeoutText);
    if (timeout === undefined) throw new KubectlError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    const visits = resolve(inv);
    const kinds = new Set(visits.filter((v) => v.info).map((v) => v.info!.info.kind));
    if (kinds.size > 1) throw new KubectlError("you may only specify a single resource type");
    const failed = visits.find((v) => !v.info);
    if (failed) throw failed.error;
    if (visits.length !== 1) throw new KubectlError(`rollout status is only supported on individual resources and resource collections - ${visits.length} resources were found`);
    const target = visits[0].info!;
    const viewer = statusViewerFor(target.info.kind);
    if (!viewer) throw new KubectlError(`no status viewer has been implemented for ${groupKind(target.info)}`);
    const watch = inv.flag<boolean>("watch") ?? true;
    const { api } = inv.cluster;
    const uid = target.object!.metadata.uid;
    let done = false;
    let error: string | undefined;
    const show = (obj: KObject) => {
      if (done) return;
      const s = viewer(obj, revision);
      if (s.error !== undefined) {
        error = s.error;
        done = true;
        return;
      }
      inv.out(s.message);
      if (s.done || !watch) done = true;
    };
    show(target.object!);
    if (!done) {
      const stop = api.watch(target.info.kind, (e) => {
        const o = e.object;
        if (o.metadata.name !== target.name || o.metadata.namespace !== target.namespace || o.metadata.uid !== uid) return;
        if (e.type === "DELETED") {
          if (!done) error = "object has been deleted";
          done = true;
          return;
        }
        show(o);
      });
      try {
        const cap = Number(inv.cluster.timings.kubectlRolloutStatusCap ?? 1_800_000);
        const outcome = await advanceUntil(inv, () => done, timeout > 0 ? timeout : cap);
        if (outcome === "stopped") return 130;
        if (outcome === "timeout") throw new KubectlError("timed out waiting for the condition");
      } finally {
        stop();
      }
    }
    if (error !== undefined) throw new KubectlError(error);
    return 0;
  },
};

export const rolloutHistory: Verb = {
  name: "rollout history",
  summary: "View rollout history",
  usage: "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags]",
  flags: [...FILENAME_FLAGS, ...PRINT_FLAGS, { name: "revision", type: "int", default: 0, help: "See the details, including podTemplate of the revision specified" }],
  run(inv) {
    const revision = revisionFlag(inv, "revision");
    const output = inv.flag<string | undefined>("output");
    const printer = new ObjectPrinter(inv, output);
    const errors: unknown[] = [];
    for (const v of resolve(inv, false)) {
      if (!v.info) {
        errors.push(v.error);
        continue;
      }
      try {
        requireHistoryKind(v.info.info, "history viewer");
        const obj = v.info.object!;
        if (printer.printsObjects || output === "name") {
          const revisions = revisionsOf(inv.cluster, obj);
          const objects = (r: number) => historyObject(obj, revisions.get(r)!);
          if (revision > 0) {
            if (!revisions.has(revision)) throw new KubectlError("unable to find the specified revision");
            printer.print(objects(revision), "");
          } else {
            for (const r of [...revisions.keys()].sort((a, b) => a - b)) printer.print(objects(r), "");
          }
          continue;
        }
        const text = viewHistory(inv.cluster, obj, revision);
        printer.print(obj, `${revision > 0 ? `with revision #${revision}` : ""}\n${text}`, { info: v.info.info });
      } catch (e) {
        errors.push(e);
      }
    }
    return finishWithErrors(inv, errors);
  },
};

/** What `rollout history -o` prints for a revision: the ReplicaSet, or the object with that template. */
function historyObject(obj: KObject, r: { object: KObject; template: unknown }): KObject {
  if (obj.kind === "Deployment") return r.object;
  return { ...obj, spec: { ...obj.spec, template: r.template } };
}

export const rolloutUndo: Verb = {
  name: "rollout undo",
  summary: "Undo a previous rollout",
  usage: "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags]",
  flags: [...FILENAME_FLAGS, SELECTOR_FLAG, ...PRINT_FLAGS, DRY_RUN_FLAG, { name: "to-revision", type: "int", default: 0, help: "The revision to rollback to. Default to 0 (last revision)." }],
  run(inv) {
    const toRevision = inv.flag<number | undefined>("to-revision") ?? 0;
    const dryRun = dryRunStrategy(inv);
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    for (const v of resolve(inv)) {
      if (!v.info) throw v.error;
      requireHistoryKind(v.info.info, "rollbacker");
      const result = rollback(inv.cluster, v.info.object!, toRevision, { actor: "kubectl-rollout", fieldManager: "kubectl-rollout", dryRun });
      printer.print(v.info.object!, result, { info: v.info.info });
    }
    return 0;
  },
};

/** Runs pause, resume or restart over the named objects, as set.CalculatePatches and a patch each. */
function runMutation(inv: Invocation, mutation: Mutation, operation: string, emptyPatch: (r: ResourceInfo) => Error | "print"): number {
  const dryRun = dryRunStrategy(inv);
  const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
  const manager = inv.flag<string>("field-manager") ?? "kubectl-rollout";
  const errors: unknown[] = [];
  const visits = resolve(inv);
  const infos = visits.filter((v) => v.info).map((v) => v.info!);
  for (const v of visits) if (!v.info) errors.push(v.error);
  if (infos.length === 0 && errors.length === 0) {
    inv.err(`No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  for (const r of infos) {
    const obj = r.object!;
    let changed: KObject | undefined;
    try {
      changed = mutation(obj, inv.cluster.clock.timestamp());
    } catch (e) {
      errors.push(new KubectlError(`${r.info.group ? `${r.info.plural}.${r.info.group}` : r.info.plural} "${r.name}" ${(e as Error).message}`));
      continue;
    }
    if (!changed) {
      const what = emptyPatch(r);
      if (what === "print") printer.print(obj, `already ${operation}`, { info: r.info });
      else errors.push(what);
      continue;
    }
    if (dryRun === "client") {
      printer.print(changed, operation, { info: r.info });
      continue;
    }
    const request = requestOptions(inv, manager, { dryRun: dryRun === "server" });
    try {
      const stored = inv.cluster.api.update({ ...changed, metadata: { ...changed.metadata, resourceVersion: undefined } }, request);
      printer.print(stored, operation, { info: r.info });
    } catch (e) {
      errors.push(new KubectlError(`failed to patch: ${e instanceof StatusError ? e.message : (e as Error).message}`));
    } finally {
      printWarnings(inv, request.warnings);
    }
  }
  return finishWithErrors(inv, errors);
}

const MUTATION_FLAGS = [...FILENAME_FLAGS, SELECTOR_FLAG, ...PRINT_FLAGS, DRY_RUN_FLAG, fieldManagerFlag("kubectl-rollout")];

export const rolloutPause: Verb = {
  name: "rollout pause",
  summary: "Mark the provided resource as paused",
  usage: "kubectl rollout pause RESOURCE",
  flags: MUTATION_FLAGS,
  run: (inv) => runMutation(inv, pauseObject, "paused", () => "print"),
};

export const rolloutResume: Verb = {
  name: "rollout resume",
  summary: "Resume a paused resource",
  usage: "kubectl rollout resume RESOURCE",
  flags: MUTATION_FLAGS,
  run: (inv) => runMutation(inv, resumeObject, "resumed", () => "print"),
};

export const rolloutRestart: Verb = {
  name: "rollout restart",
  summary: "Restart a resource",
  usage: "kubectl rollout restart RESOURCE",
  flags: MUTATION_FLAGS,
  run: (inv) =>
    runMutation(inv, restartObject, "restarted", (r) => new KubectlError(`failed to create patch for ${r.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`)),
};

/** Every rollout verb. */
export const ROLLOUT_VERBS: Verb[] = [rollout, rolloutStatus, rolloutHistory, rolloutUndo, rolloutPause, rolloutResume, rolloutRestart];
