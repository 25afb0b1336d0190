/**
 * `kubectl replace -f FILE`: a full update (PUT) of each object with the manifest, prints
 * `pod/x replaced`. `--force` deletes the objects, waits for them to go, and creates them again.
 */
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { lastAppliedValue, LAST_APPLIED_ANNOTATION } from "../apply/last-applied";
import { buildInfos, type ResourceInfo } from "../builder";
import { KubectlError } from "../kubectl";
import { addSourceToErr, finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { FILENAME_FLAGS } from "../resources";
import type { Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, SAVE_CONFIG_FLAG, validationDirective, VALIDATE_FLAG } from "../write-options";
import { DELETE_FLAGS, deleteRequest, deleteSettings, printDeleted } from "./delete";
import { advanceUntil } from "./wait";

/** replace --force waits this long for the old objects to go when --timeout is not given (5m). */
const FORCE_REPLACE_DEFAULT_TIMEOUT_MS = 5 * 60_000;

export const replace: Verb = {
  name: "replace",
  summary: "Replace a resource by file name or stdin",
  usage: "kubectl replace -f FILENAME [options]",
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    SAVE_CONFIG_FLAG,
    ...DELETE_FLAGS,
    { name: "wait", type: "bool", help: "If true, wait for resources to be gone before returning. This waits for finalizers." },
    fieldManagerFlag("kubectl-replace"),
    { name: "subresource", type: "string", help: "If specified, replace will operate on the subresource of the requested object." },
    { name: "raw", type: "string", help: "Raw URI to PUT to the server." },
  ],
  async run(inv) {
    const filenames = inv.flag<string[] | undefined>("filename") ?? [];
    if (filenames.length === 0) throw new KubectlError("Must specify --filename to replace", 1, "See 'kubectl replace -h' for help and examples");
    if (inv.isSet("raw")) throw new KubectlError("--raw is not supported by the simulated kubectl");
    const subresource = inv.flag<string | undefined>("subresource") ?? "";
    if (subresource !== "" && subresource !== "status" && subresource !== "scale") {
      throw new KubectlError(`invalid subresource value: "${subresource}". Must be one of [status scale]`);
    }
    if (subresource === "scale") throw new KubectlError("--subresource=scale is not supported by the simulated kubectl");
    const dryRun = dryRunStrategy(inv);
    const fieldValidation = validationDirective(inv);
    const settings = deleteSettings(inv);
    if (settings.gracePeriod >= 0 && !settings.force) throw new KubectlError("--grace-period must have --force specified");
    if (settings.timeoutMs !== 0 && !settings.force) throw new KubectlError("--timeout must have --force specified");
    if (settings.force && dryRun !== "none") throw new KubectlError("--dry-run can not be used when --force is set");
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    const saveConfig = inv.flag<boolean | undefined>("save-config") ?? false;
    const manager = inv.flag<string>("field-manager") ?? "kubectl-replace";
    const withConfig = (obj: KObject): KObject => {
      if (!saveConfig) return obj;
      const copy = deepClone(obj);
      copy.metadata = { ...copy.metadata, annotations: { ...copy.metadata.annotations, [LAST_APPLIED_ANNOTATION]: lastAppliedValue(obj) } };
      return copy;
    };
    const { visits } = buildInfos(inv, { filenames: true });
    const errors: unknown[] = [];

    if (settings.force) {
      // forceReplace: delete everything (printing "deleted"), wait for it to go, then create it all.
      const infos = visits.filter((v) => v.info !== undefined).map((v) => v.info!);
      for (const v of visits) if (!v.info) errors.push(v.error);
      for (const r of infos) {
        try {
          inv.cluster.api.delete(r.info.kind, r.namespace, r.name, deleteRequest(settings, "none"));
          printDeleted(inv, r, settings.gracePeriod, "none", undefined);
        } catch (e) {
          errors.push(addSourceToErr("deleting", r.source, e));
        }
      }
      if (errors.length > 0) return finishWithErrors(inv, errors);
      const gone = () => infos.every((r) => !inv.cluster.api.tryGet(r.info.kind, r.namespace, r.name));
      const outcome = await advanceUntil(inv, gone, settings.timeoutMs > 0 ? settings.timeoutMs : FORCE_REPLACE_DEFAULT_TIMEOUT_MS);
      if (outcome !== "met") throw new KubectlError("timed out waiting for the condition");
      for (const r of infos) {
        const request = requestOptions(inv, manager, { fieldValidation });
        try {
          const created = inv.cluster.api.create(withConfig(r.object!), request);
          printer.print(created, "replaced", { info: r.info });
        } catch (e) {
          errors.push(e);
        } finally {
          printWarnings(inv, request.warnings);
        }
      }
      if (infos.length === 0 && errors.length === 0) throw new KubectlError("no objects passed to replace");
      return finishWithErrors(inv, errors);
    }

    for (const v of visits) {
      if (!v.info) {
        errors.push(v.error);
        continue;
      }
      const r: ResourceInfo = v.info;
      const obj = withConfig(r.object!);
      if (dryRun === "client") {
        printer.print(obj, "replaced", { info: r.info });
        continue;
      }
      const request = requestOptions(inv, manager, { dryRun: dryRun === "server", fieldValidation });
      try {
        const replaced = subresource === "status" ? inv.cluster.api.updateStatus(obj, request) : inv.cluster.api.update(obj, request);
        printer.print(replaced, "replaced", { info: r.info });
      } catch (e) {
        errors.push(addSourceToErr("replacing", r.source, e));
      } finally {
        printWarnings(inv, request.warnings);
      }
    }
    return finishWithErrors(inv, errors);
  },
};
