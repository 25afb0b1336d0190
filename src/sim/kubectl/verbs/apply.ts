/**
 * `kubectl apply -f FILE|DIR|-`: client-side apply. A new object is created with the
 * last-applied-configuration annotation; an existing one gets the three-way strategic merge patch of
 * (last applied, manifest, live), so fields set by controllers, defaults and other writers stay.
 * Prints `pod/nginx created`, `configured` or `unchanged` per object, reports each failing document
 * in kubectl's words and carries on with the rest.
 */
import { StatusError } from "../../api/errors";
import { apiVersionOf, type KindInfo } from "../../api/kinds";
import type { RequestOptions } from "../../api/server";
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { goJson } from "../apply/go-json";
import { hasLastApplied, LAST_APPLIED_ANNOTATION, originalConfiguration, withLastApplied } from "../apply/last-applied";
import { schemaForKind } from "../apply/patch-meta";
import { strategicMergePatch } from "../apply/strategic-merge";
import { createThreeWayMergePatch } from "../apply/three-way";
import { buildInfos, type ResourceInfo } from "../builder";
import { KubectlError } from "../kubectl";
import { addSourceToErr, finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings, type DryRunStrategy } from "../output";
import { asList } from "../printers/output";
import { FILENAME_FLAGS } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, validationDirective, VALIDATE_FLAG } from "../write-options";
import { DELETE_FLAGS, deleteRequest, deleteSettings, type DeleteSettings } from "./delete";
import { advanceUntil, unboundedWaitMs } from "./wait";

const CLIENT_SIDE_MANAGER = "kubectl-client-side-apply";
const SERVER_SIDE_MANAGER = "kubectl";

/** resource.Info's String(), as kubectl puts it in "error when applying patch" messages. */
export function infoString(info: KindInfo, name: string, namespace: string | undefined): string {
  const gv = apiVersionOf(info).includes("/") ? apiVersionOf(info) : `/${info.version}`;
  return `Resource: "${gv}, Resource=${info.plural}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "${name}", Namespace: "${namespace ?? ""}"`;
}

interface ApplyRun {
  inv: Invocation;
  dryRun: DryRunStrategy;
  printer: ObjectPrinter;
  request: () => RequestOptions & { warnings: string[] };
  deletion: DeleteSettings;
  /** The objects to print at the end for -o yaml|json. */
  results: KObject[];
}

export const apply: Verb = {
  name: "apply",
  summary: "Apply a configuration to a resource by file name or stdin",
  usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
  flags: [
    ...FILENAME_FLAGS,
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    ...DELETE_FLAGS,
    { name: "wait", type: "bool", help: "If true, wait for resources to be gone before returning. This waits for finalizers." },
    { name: "server-side", type: "bool", help: "If true, apply runs in the server instead of the client." },
    { name: "force-conflicts", type: "bool", help: "If true, server-side apply will force the changes against conflicts." },
    fieldManagerFlag(CLIENT_SIDE_MANAGER),
    { name: "overwrite", type: "bool", default: true, help: "Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration" },
    { name: "prune", type: "bool", help: "Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all." },
    { name: "all", type: "bool", help: "Select all resources in the namespace of the specified resource types." },
    { name: "record", type: "bool", help: "Record current kubectl command in the resource annotation." },
    { name: "openapi-patch", type: "bool", default: true, help: "If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types." },
    { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
  ],
  async run(inv) {
    const serverSide = inv.flag<boolean | undefined>("server-side") ?? false;
    const dryRun = dryRunStrategy(inv);
    if (inv.flag<boolean | undefined>("force-conflicts") && !serverSide) throw new KubectlError("--force-conflicts only works with --server-side");
    if (dryRun === "client" && serverSide) throw new KubectlError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
    const fieldValidation = validationDirective(inv);
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    const filenames = inv.flag<string[] | undefined>("filename") ?? [];
    if (inv.isSet("kustomize")) throw new KubectlError("kustomize (-k) is not supported by the simulated kubectl; apply the manifests with -f");
    if (filenames.length === 0) throw new KubectlError("must specify one of -f and -k");
    const deletion = deleteSettings(inv);
    if (serverSide && deletion.force) throw new KubectlError("--force cannot be used with --server-side");
    if (dryRun === "server" && deletion.force) throw new KubectlError("--dry-run=server cannot be used with --force");
    if (inv.args.length > 0) throw new KubectlError(`Unexpected args: [${inv.args.join(" ")}]`, 1, "See 'kubectl apply -h' for help and examples");
    const selector = inv.flag<string | undefined>("selector");
    if (inv.flag<boolean | undefined>("all") && selector) throw new KubectlError("cannot set --all and --selector at the same time");
    if (inv.flag<boolean | undefined>("prune")) throw new KubectlError("--prune is not supported by the simulated kubectl");

    const { visits } = buildInfos(inv, { filenames: true, selector });
    const manager = serverSide ? SERVER_SIDE_MANAGER : CLIENT_SIDE_MANAGER;
    const run: ApplyRun = {
      inv,
      dryRun,
      printer,
      deletion,
      results: [],
      request: () => requestOptions(inv, manager, { dryRun: dryRun === "server", fieldValidation, operation: serverSide ? "Apply" : "Update" }),
    };
    const errors: unknown[] = visits.filter((v) => !v.info).map((v) => v.error);
    const infos = visits.filter((v) => v.info !== undefined).map((v) => v.info!);
    if (infos.length === 0 && errors.length === 0) throw new KubectlError("no objects passed to apply");
    for (const info of infos) {
      try {
        if (serverSide) applyServerSide(run, info);
        else await applyOne(run, info);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) return finishWithErrors(inv, errors);
    if (printer.printsObjects && run.results.length > 0) {
      printer.print(run.results.length === 1 ? run.results[0] : asList(run.results), "");
    }
    return 0;
  },
};

function report(run: ApplyRun, obj: KObject, operation: string, info: KindInfo): void {
  run.results.push(obj);
  if (!run.printer.printsObjects) run.printer.print(obj, operation, { info });
}

async function applyOne(run: ApplyRun, r: ResourceInfo): Promise<void> {
  const { inv } = run;
  const manifest = r.object!;
  if (!r.name) {
    const generateName = manifest.metadata?.generateName;
    if (generateName) throw new KubectlError(`from ${generateName}: cannot use generate name with apply`);
    throw addSourceToErr(`retrieving current configuration of:\n${infoString(r.info, r.name, r.namespace)}\nfrom server for:`, r.source, new KubectlError("resource name may not be empty"));
  }
  const modified = withLastApplied(manifest);
  const live = inv.cluster.api.tryGet(r.info.kind, r.namespace, r.name);
  if (!live) {
    let created = modified;
    if (run.dryRun !== "client") {
      const request = run.request();
      try {
        created = inv.cluster.api.create(modified, request);
      } catch (e) {
        throw addSourceToErr("creating", r.source, e);
      } finally {
        printWarnings(inv, request.warnings);
      }
    }
    report(run, created, "created", r.info);
    return;
  }
  if (run.dryRun === "client") {
    report(run, live, "configured", r.info);
    return;
  }
  if (!hasLastApplied(live)) {
    inv.err(
      `Warning: resource ${r.info.plural}/${r.name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const schema = schemaForKind(r.info.kind);
  let patch: Record<string, unknown>;
  try {
    patch = createThreeWayMergePatch(originalConfiguration(live), modified, live, schema);
  } catch (e) {
    throw addSourceToErr(
      `creating patch with:\noriginal:\n${live.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? ""}\nmodified:\n${goJson(modified)}\ncurrent:\n${goJson(live)}\nfor:`,
      r.source,
      e,
    );
  }
  const patchText = goJson(patch);
  if (patchText === "{}") {
    report(run, live, "unchanged", r.info);
    return;
  }
  let result: KObject;
  const request = run.request();
  try {
    result = inv.cluster.api.update(strategicMergePatch(live, patch, schema) as KObject, request);
  } catch (e) {
    printWarnings(inv, request.warnings);
    if (deletionCanRetry(run, e)) {
      result = await deleteAndCreate(run, r, modified, live);
    } else {
      throw addSourceToErr(`applying patch:\n${patchText}\nto:\n${infoString(r.info, r.name, r.namespace)}\nfor:`, r.source, addSourceToErr("patching", r.source, e));
    }
  }
  printWarnings(inv, request.warnings);
  if (result.metadata.deletionTimestamp) inv.err(`Warning: Detected changes to resource ${r.name} which is currently being deleted.\n`);
  report(run, result, "configured", r.info);
}

function deletionCanRetry(run: ApplyRun, e: unknown): boolean {
  return run.deletion.force && e instanceof StatusError && (e.reason === "Conflict" || e.reason === "Invalid");
}

/** --force: delete the object, wait for it to go (up to --timeout), create the manifest. */
async function deleteAndCreate(run: ApplyRun, r: ResourceInfo, modified: KObject, live: KObject): Promise<KObject> {
  const { inv } = run;
  inv.cluster.api.delete(r.info.kind, r.namespace, r.name, deleteRequest(run.deletion, "none"));
  const gone = () => inv.cluster.api.tryGet(r.info.kind, r.namespace, r.name) === undefined;
  // kubectl polls until --timeout for the old object to disappear; 0 means no limit.
  const timeoutMs = run.deletion.timeoutMs > 0 ? run.deletion.timeoutMs : unboundedWaitMs(inv);
  if ((await advanceUntil(inv, gone, timeoutMs)) !== "met") throw new KubectlError("timed out waiting for the condition");
  const request = run.request();
  try {
    return inv.cluster.api.create(modified, request);
  } catch (e) {
    try {
      inv.cluster.api.create(restorable(live), run.request());
    } catch (restoreErr) {
      throw new KubectlError(
        `An error occurred force-replacing the existing object with the newly provided one:\n\n${describe(e)}.\n\nAdditionally, an error occurred attempting to restore the original object:\n\n${describe(restoreErr)}`,
      );
    }
    throw e;
  } finally {
    printWarnings(inv, request.warnings);
  }
}

function restorable(live: KObject): KObject {
  const copy = deepClone(live);
  copy.metadata = { ...copy.metadata };
  const meta = copy.metadata as Record<string, unknown>;
  delete meta.resourceVersion;
  delete meta.uid;
  return copy;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * --server-side, approximated: the manifest is created, or merged over the live object with
 * strategic merge (no field ownership or conflict detection), under the field manager "kubectl".
 */
function applyServerSide(run: ApplyRun, r: ResourceInfo): void {
  const { inv } = run;
  const manifest = r.object!;
  const live = inv.cluster.api.tryGet(r.info.kind, r.namespace, r.name);
  const request = run.request();
  let result: KObject;
  try {
    result = live
      ? inv.cluster.api.update(strategicMergePatch(live, manifest, schemaForKind(r.info.kind)) as KObject, request)
      : inv.cluster.api.create(manifest, request);
  } catch (e) {
    throw addSourceToErr("serverside-apply", r.source, e);
  } finally {
    printWarnings(inv, request.warnings);
  }
  report(run, result, "serverside-applied", r.info);
}
