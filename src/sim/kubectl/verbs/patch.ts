/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: the API server applies the
 * patch to the live object (strategic merge by default, with the built-in types' merge keys) and
 * kubectl prints `pod/x patched` or `pod/x patched (no change)`.
 */
import { parse as parseYaml } from "yaml";
import { StatusError } from "../../api/errors";
import type { KObject } from "../../api/types";
import { deepEqual, isPlainObject } from "../../util/object";
import { applyJsonPatch, jsonMergePatch, JsonPatchError } from "../apply/json-patch";
import { schemaForKind } from "../apply/patch-meta";
import { PatchError, strategicMergePatch } from "../apply/strategic-merge";
import { buildInfos, type ResourceInfo } from "../builder";
import { KubectlError } from "../kubectl";
import { finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { FILENAME_FLAGS } from "../resources";
import type { Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions } from "../write-options";

export type PatchType = "strategic" | "merge" | "json";

/** Applies a patch to an object as the API server's PATCH handler does, with its errors. */
export function applyPatch(type: PatchType, obj: KObject, patch: unknown): KObject {
  try {
    if (type === "json") return applyJsonPatch(obj, patch) as KObject;
    if (!isPlainObject(patch)) {
      throw new StatusError(400, "BadRequest", `json: cannot unmarshal ${Array.isArray(patch) ? "array" : typeof patch} into Go value of type map[string]interface {}`);
    }
    if (type === "merge") return jsonMergePatch(obj, patch) as KObject;
    return strategicMergePatch(obj, patch, schemaForKind(obj.kind)) as KObject;
  } catch (e) {
    if (e instanceof JsonPatchError) {
      if (e.decode) throw new StatusError(400, "BadRequest", e.message);
      // The apiserver answers a JSON patch that does not apply with a bare 422.
      throw new StatusError(422, "Invalid", "the server rejected our request due to an error in our request");
    }
    if (e instanceof PatchError) throw new StatusError(400, "BadRequest", e.message);
    throw e;
  }
}

export const patch: Verb = {
  name: "patch",
  summary: "Update fields of a resource",
  usage: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
  flags: [
    ...FILENAME_FLAGS,
    { name: "patch", short: "p", type: "string", help: "The patch to be applied to the resource JSON file." },
    { name: "patch-file", type: "string", help: "A file containing a patch to be applied to the resource." },
    { name: "type", type: "string", default: "strategic", help: "The type of patch being provided; one of [json merge strategic]" },
    { name: "local", type: "bool", help: "If true, patch will operate on the content of the file, not the server-side resource." },
    { name: "subresource", type: "string", help: "If specified, patch will operate on the subresource of the requested object." },
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-patch"),
  ],
  run(inv) {
    const patchText = inv.flag<string | undefined>("patch") ?? "";
    const patchFile = inv.flag<string | undefined>("patch-file") ?? "";
    const local = inv.flag<boolean | undefined>("local") ?? false;
    const dryRun = dryRunStrategy(inv);
    if (patchText && patchFile) throw new KubectlError("cannot specify --patch and --patch-file together");
    if (!patchText && !patchFile) throw new KubectlError("must specify --patch or --patch-file containing the contents of the patch");
    if (local && inv.args.length > 0) throw new KubectlError("cannot specify --local and server resources");
    if (local && dryRun === "server") throw new KubectlError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    const typeText = inv.flag<string>("type") ?? "strategic";
    const type = typeText.toLowerCase();
    if (type !== "strategic" && type !== "merge" && type !== "json") throw new KubectlError(`--type must be one of [json merge strategic], not "${typeText}"`);
    const subresource = inv.flag<string | undefined>("subresource") ?? "";
    if (subresource !== "" && subresource !== "status" && subresource !== "scale") {
      throw new KubectlError(`invalid subresource value: "${subresource}". Must be one of [status scale]`);
    }
    if (subresource === "scale") throw new KubectlError("--subresource=scale is not supported by the simulated kubectl");
    let source = patchText;
    if (patchFile) {
      const text = inv.files.readFile(patchFile);
      if (text === undefined) throw new KubectlError(`unable to read patch file: open ${patchFile}: no such file or directory`);
      source = text;
    }
    let body: unknown;
    try {
      body = parseYaml(source);
    } catch (e) {
      throw new KubectlError(`unable to parse "${patchText}": ${(e as Error).message.split("\n")[0]}`);
    }
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    const { visits } = buildInfos(inv, { filenames: true, args: inv.args, requireObject: !local });
    const errors: unknown[] = [];
    let count = 0;
    for (const v of visits) {
      if (!v.info) {
        errors.push(v.error);
        continue;
      }
      count++;
      const r: ResourceInfo = v.info;
      try {
        if (!local && dryRun !== "client") {
          const current = inv.cluster.api.get(r.info.kind, r.namespace, r.name);
          const patched = applyPatch(type, current, body);
          checkIdentity(patched, current);
          const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-patch", { dryRun: dryRun === "server" });
          if (patched.metadata?.resourceVersion === undefined) patched.metadata = { ...patched.metadata, resourceVersion: current.metadata.resourceVersion };
          try {
            const result = subresource === "status" ? inv.cluster.api.updateStatus(patched, request) : inv.cluster.api.update(patched, request);
            printer.print(result, deepEqual(result, current) ? "patched (no change)" : "patched", { info: r.info });
          } finally {
            printWarnings(inv, request.warnings);
          }
          continue;
        }
        const patched = applyPatch(type, r.object!, body);
        printer.print(patched, deepEqual(patched, r.object) ? "patched (no change)" : "patched", { info: r.info });
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) return finishWithErrors(inv, errors);
    if (count === 0) throw new KubectlError("no objects passed to patch");
    return 0;
  },
};

/** A patch may not change what the object is. */
function checkIdentity(patched: KObject, current: KObject): void {
  if (!isPlainObject(patched) || patched.kind !== current.kind || patched.apiVersion !== current.apiVersion) {
    throw new StatusError(400, "BadRequest", `${current.kind} in version "${current.apiVersion}" cannot be handled as a ${current.kind}: the patched object changed its apiVersion or kind`);
  }
  if (patched.metadata?.name !== current.metadata.name) {
    throw new StatusError(400, "BadRequest", `the name of the object (${String(patched.metadata?.name)}) does not match the name on the URL (${current.metadata.name})`);
  }
}
