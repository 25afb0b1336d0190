/**
 * `kubectl delete`: by file, `TYPE NAME...`, `TYPE/NAME`, `-l`, `--all` (with `-A`), with
 * `--grace-period`, `--now`, `--force`, `--cascade` (the API's propagationPolicy),
 * `--ignore-not-found`, and `--wait` (the default): after printing `pod "nginx" deleted` it waits,
 * advancing the virtual clock, until the objects are gone.
 */
import { StatusError } from "../../api/errors";
import type { DeleteOptions } from "../../api/server";
import { parseDuration } from "../../clock";
import { buildInfos, type ResourceInfo } from "../builder";
import type { FlagSpec } from "../flags";
import { KubectlError } from "../kubectl";
import { addSourceToErr, finishWithErrors, printWarnings, withDryRun, type DryRunStrategy } from "../output";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy } from "../write-options";
import { waitForDeletion, type DeletedObject } from "./wait";

/** The deletion flags delete shares with apply, replace and run (cmd/delete/delete_flags.go). */
export const DELETE_FLAGS: FlagSpec[] = [
  { name: "cascade", type: "string", default: "background", noOptDefault: "background", help: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
  { name: "force", type: "bool", help: "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation." },
  { name: "grace-period", type: "int", default: -1, help: "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)." },
  { name: "timeout", type: "duration", default: "0s", help: "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object" },
];

/** The delete options a run asked for, after kubectl's adjustments (--now, --force, --grace-period=0). */
export interface DeleteSettings {
  gracePeriod: number;
  force: boolean;
  propagationPolicy: NonNullable<DeleteOptions["propagationPolicy"]>;
  /** --timeout in ms; 0 means kubectl's default (a week, capped by the simulation). */
  timeoutMs: number;
}

/**
 * Reads --cascade, --grace-period, --force and --timeout as DeleteFlags.ToOptions does; `delete`
 * itself (`forDelete`) also applies its Complete(): --now, and --grace-period=0 / --force adjustments.
 */
export function deleteSettings(inv: Invocation, opts: { now?: boolean; forDelete?: boolean } = {}): DeleteSettings {
  const propagationPolicy = parseCascade(inv, inv.flag<string>("cascade") ?? "background");
  const force = inv.flag<boolean | undefined>("force") ?? false;
  let gracePeriod = inv.flag<number | undefined>("grace-period") ?? -1;
  if (opts.forDelete) {
    if (opts.now) {
      if (gracePeriod !== -1) throw new KubectlError("--now and --grace-period cannot be specified together");
      gracePeriod = 1;
    }
    if (gracePeriod === 0 && !force) gracePeriod = 1;
    if (force && gracePeriod < 0) gracePeriod = 0;
  }
  const timeoutText = inv.flag<string | undefined>("timeout") ?? "0s";
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined) throw new KubectlError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
  return { gracePeriod, force, propagationPolicy, timeoutMs };
}

function parseCascade(inv: Invocation, value: string): DeleteSettings["propagationPolicy"] {
  switch (value) {
    case "background":
      return "Background";
    case "foreground":
      return "Foreground";
    case "orphan":
      return "Orphan";
    case "true":
    case "false": {
      const replacement = value === "true" ? "background" : "orphan";
      inv.err(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`);
      return value === "true" ? "Background" : "Orphan";
    }
  }
  throw new KubectlError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`);
}

/** The API request options of one deletion. */
export function deleteRequest(settings: DeleteSettings, dryRun: DryRunStrategy): DeleteOptions {
  return {
    actor: "kubectl",
    fieldManager: "kubectl",
    gracePeriodSeconds: settings.gracePeriod >= 0 ? settings.gracePeriod : undefined,
    propagationPolicy: settings.propagationPolicy,
    dryRun: dryRun === "server",
    warnings: [],
  };
}

/** `pod "nginx" deleted`, `deployment.apps "web" force deleted (dry run)`, or `pod/nginx` for -o name. */
export function printDeleted(inv: Invocation, r: ResourceInfo, gracePeriod: number, dryRun: DryRunStrategy, output: string | undefined): void {
  const kind = r.info.group ? `${r.info.kind.toLowerCase()}.${r.info.group}` : r.info.kind.toLowerCase();
  if (output === "name") {
    inv.out(`${kind}/${r.name}\n`);
    return;
  }
  inv.out(`${kind} "${r.name}" ${withDryRun(gracePeriod === 0 ? "force deleted" : "deleted", dryRun)}\n`);
}

export const deleteVerb: Verb = {
  name: "delete",
  summary: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    ...DELETE_FLAGS,
    { name: "all", type: "bool", help: "Delete all resources, in the namespace of the specified resource types." },
    { name: "field-selector", type: "string", help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: "ignore-not-found", type: "bool", help: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: "now", type: "bool", help: "If true, resources are signaled for immediate shutdown (same as --grace-period=1)." },
    { name: "wait", type: "bool", default: true, help: "If true, wait for resources to be gone before returning. This waits for finalizers." },
    { name: "output", short: "o", type: "string", help: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: "interactive", short: "i", type: "bool", help: "If true, delete resource only when user confirms." },
    { name: "raw", type: "string", help: "Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file." },
    DRY_RUN_FLAG,
  ],
  async run(inv) {
    const all = inv.flag<boolean | undefined>("all") ?? false;
    const selector = inv.flag<string | undefined>("selector");
    if (inv.isSet("raw")) throw new KubectlError("--raw is not supported by the simulated kubectl");
    if (inv.flag<boolean | undefined>("interactive")) throw new KubectlError("--interactive is not supported by the simulated kubectl: there is no terminal to confirm on");
    const fieldSelector = inv.flag<string | undefined>("field-selector");
    let ignoreNotFound = inv.flag<boolean | undefined>("ignore-not-found") ?? false;
    if ((all || (selector ?? "") !== "" || (fieldSelector ?? "") !== "") && !inv.isSet("ignore-not-found")) ignoreNotFound = true;
    const settings = deleteSettings(inv, { now: inv.flag<boolean | undefined>("now"), forDelete: true });
    const dryRun = dryRunStrategy(inv);
    const output = inv.flag<string | undefined>("output");
    if (output !== undefined && output !== "" && output !== "name") throw new KubectlError(`unexpected -o output mode: ${output}. We only support '-o name'`);
    if (all && (selector ?? "") !== "") throw new KubectlError("cannot set --all and --selector at the same time");
    if (all && (fieldSelector ?? "") !== "") throw new KubectlError("cannot set --all and --field-selector at the same time");
    if (settings.gracePeriod === 0 && settings.force) {
      inv.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    } else if (settings.gracePeriod > 0 && settings.force) {
      throw new KubectlError("--force and --grace-period greater than 0 cannot be specified together");
    }

    const { visits } = buildInfos(inv, {
      filenames: true,
      args: inv.args,
      selector,
      fieldSelector,
      all,
      allNamespaces: inv.flag<boolean | undefined>("all-namespaces"),
    });
    const errors: unknown[] = [];
    const deleted: DeletedObject[] = [];
    let found = 0;
    let warnClusterScope = inv.isSet("namespace") && !inv.flag<boolean | undefined>("all-namespaces");
    for (const v of visits) {
      if (!v.info) {
        if (!(ignoreNotFound && isNotFound(v.error))) errors.push(v.error);
        continue;
      }
      const r: ResourceInfo = v.info;
      found++;
      if (warnClusterScope && !r.info.namespaced) {
        inv.err("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n");
        warnClusterScope = false;
      }
      if (dryRun === "client") {
        printDeleted(inv, r, settings.gracePeriod, dryRun, output);
        continue;
      }
      const request = deleteRequest(settings, dryRun);
      try {
        const result = inv.cluster.api.delete(r.info.kind, r.namespace, r.name, request);
        printWarnings(inv, request.warnings!);
        printDeleted(inv, r, settings.gracePeriod, dryRun, output);
        deleted.push({ target: r, uid: result.object.metadata.uid });
      } catch (e) {
        if (ignoreNotFound && isNotFound(e)) continue;
        errors.push(addSourceToErr("deleting", r.source, e));
      }
    }
    if (errors.length > 0) return finishWithErrors(inv, errors);
    if (found === 0) {
      inv.out("No resources found\n");
      return 0;
    }
    if (!(inv.flag<boolean | undefined>("wait") ?? true) || dryRun !== "none") return 0;
    // Ctrl+C while waiting ends kubectl as SIGINT does.
    return (await waitForDeletion(inv, deleted, settings.timeoutMs)) === "stopped" ? 130 : 0;
  },
};

function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.reason === "NotFound";
}
