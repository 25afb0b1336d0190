/**
 * `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER=IMAGE ...`: changes container images in a pod
 * or a workload's pod template and prints `deployment.apps/web image updated` (nothing when the images
 * were already those). The deprecated `--record` stores the command line in
 * kubernetes.io/change-cause, which `rollout history` shows. `kubectl set resources` sets limits and
 * requests the same way ("resource requirements updated"). `kubectl set` alone lists its subcommands.
 */
import type { Container, PodSpec } from "kubernetes-types/core/v1";
import { isQuantity } from "../../api/quantity";
import type { KObject } from "../../api/types";
import { CHANGE_CAUSE_ANNOTATION } from "../../controllers/workload/revision";
import { deepClone, deepEqual } from "../../util/object";
import { buildInfos } from "../builder";
import { KubectlError } from "../kubectl";
import { finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions } from "../write-options";
import { resourcesAndPairs } from "./label";

export const set: Verb = {
  name: "set",
  summary: "Set specific features on objects",
  usage: "kubectl set SUBCOMMAND [options]",
  flags: [],
  run(inv) {
    if (inv.args.length > 0) throw new KubectlError(`unknown command "${inv.args[0]}" for "kubectl set"`);
    inv.out(["Configure application resources.", "", " These commands help you make changes to existing application resources.", "", "Available Commands:", "  image           Update the image of a pod template", "  resources       Update resource requests/limits on objects with pod templates", "", "Usage:", "  kubectl set SUBCOMMAND [options]", ""].join("\n"));
    return 0;
  },
};

/** The pod spec of an object (UpdatePodSpecForObject), or undefined for kinds without one. */
export function podSpecOf(obj: KObject): PodSpec | undefined {
  switch (obj.kind) {
    case "Pod":
      return obj.spec;
    case "CronJob":
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    case "ReplicationController":
    case "Deployment":
    case "DaemonSet":
    case "ReplicaSet":
    case "StatefulSet":
    case "Job":
      return obj.spec?.template?.spec;
  }
  return undefined;
}

/** cmdutil.ParsePairs for images: CONTAINER=IMAGE. */
function parseImages(pairs: string[]): Map<string, string> {
  const images = new Map<string, string>();
  const invalid: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0 || i === p.length - 1) invalid.push(p);
    else images.set(p.slice(0, i), p.slice(i + 1));
  }
  if (invalid.length > 0) throw new KubectlError(`invalid image format: [${invalid.join(" ")}]`);
  return images;
}

/** The command line --record stores, as kubectl's parseCommandArguments renders it. */
function changeCause(inv: Invocation, flagNames: string[]): string {
  const flags = flagNames
    .filter((n) => inv.isSet(n))
    .sort()
    .map((n) => {
      const v = inv.flag<string | number | boolean | string[] | undefined>(n);
      return ` --${n}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`;
    })
    .join("");
  return `kubectl ${inv.command.join(" ")}${inv.args.length > 0 ? ` ${inv.args.join(" ")}` : ""}${flags}`;
}

const SET_IMAGE_FLAGS = [
  ...FILENAME_FLAGS,
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  fieldManagerFlag("kubectl-set"),
  { name: "all", type: "bool" as const, help: "Select all resources, in the namespace of the specified resource types" },
  { name: "local", type: "bool" as const, help: "If true, set image will NOT contact api-server but run locally." },
  { name: "record", type: "bool" as const, help: "Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists." },
];

export const setImage: Verb = {
  name: "set image",
  summary: "Update the image of a pod template",
  usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N",
  flags: SET_IMAGE_FLAGS,
  run(inv) {
    const [resources, pairs] = resourcesAndPairs(inv.args, "image");
    const images = parseImages(pairs);
    const all = inv.flag<boolean | undefined>("all") ?? false;
    const selector = inv.flag<string | undefined>("selector");
    const problems: string[] = [];
    if (all && selector) problems.push("cannot set --all and --selector at the same time");
    if (resources.length < 1 && (inv.flag<string[] | undefined>("filename") ?? []).length === 0) problems.push("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    if (images.size < 1) problems.push("at least one image update is required");
    else if (images.size > 1 && images.has("*")) problems.push("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    if (problems.length === 1) throw new KubectlError(problems[0]);
    if (problems.length > 1) throw new KubectlError(`[${problems.join(", ")}]`);
    if (inv.flag<boolean | undefined>("local")) throw new KubectlError("--local is not supported by the simulated kubectl");
    if (inv.isSet("record")) inv.err("Flag --record has been deprecated, --record will be removed in the future\n");
    const record = inv.flag<boolean | undefined>("record");
    const cause = changeCause(inv, [...SET_IMAGE_FLAGS.map((f) => f.name), "namespace"]);
    const found = (spec: PodSpec, name: string, image: string) => [spec.initContainers, spec.containers, spec.ephemeralContainers].map((list) => setImageIn(list, name, image)).some(Boolean);
    return updatePodSpecs(inv, { args: resources, selector, all }, { done: "image updated", failed: (m) => `failed to patch image update to pod template: ${m}` }, (changed, spec, errors) => {
      for (const [name, image] of images) if (!found(spec, name, image)) errors.push(new KubectlError(`unable to find container named "${name}"`));
      if (record) changed.metadata.annotations = { ...(changed.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: cause };
      return true;
    });
  },
};

/** What a `set` subcommand does to one object's pod spec, in a copy; false skips the object. */
type PodSpecEdit = (changed: KObject, spec: PodSpec, errors: unknown[]) => boolean;

/**
 * The walk `set image` and `set resources` share: each selected object's pod spec is edited in a
 * copy, and an object that changed is printed (client dry run) or updated and printed as `done`.
 */
function updatePodSpecs(inv: Invocation, select: { args: string[]; selector?: string; all: boolean }, words: { done: string; failed: (message: string) => string }, edit: PodSpecEdit): number {
  const dryRun = dryRunStrategy(inv);
  const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
  const { visits } = buildInfos(inv, { filenames: true, args: select.args, selector: select.selector, all: select.all, allNamespaces: inv.flag<boolean | undefined>("all-namespaces"), latest: true });
  const errors: unknown[] = [];
  for (const v of visits) {
    if (!v.info) {
      errors.push(v.error);
      continue;
    }
    const obj = v.info.object!;
    const changed = deepClone(obj);
    const spec = podSpecOf(changed);
    if (!spec) {
      errors.push(new KubectlError(`${v.info.info.plural}/${v.info.name} the object is not a pod or does not have a pod template: *${v.info.info.version}.${v.info.info.kind}\n`));
      continue;
    }
    if (!edit(changed, spec, errors) || deepEqual(changed, obj)) continue;
    if (dryRun === "client") {
      printer.print(changed, words.done, { info: v.info.info });
      continue;
    }
    const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-set", { dryRun: dryRun === "server" });
    try {
      const stored = inv.cluster.api.update({ ...changed, metadata: { ...changed.metadata, resourceVersion: undefined } }, request);
      printer.print(stored, words.done, { info: v.info.info });
    } catch (e) {
      errors.push(new KubectlError(words.failed((e as Error).message)));
    } finally {
      printWarnings(inv, request.warnings);
    }
  }
  return finishWithErrors(inv, errors);
}

/** Sets the image of the container named `name` (or of every container for "*"). Returns true when one matched. */
function setImageIn(containers: { name: string; image?: string }[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (name === "*" || c.name === name) {
      c.image = image;
      found = true;
    }
  }
  return found;
}

/** populateResourceListV1: "cpu=200m,memory=512Mi" as a resource list. */
function resourceList(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (spec === "") return out;
  for (const statement of spec.split(",")) {
    const parts = statement.split("=");
    if (parts.length !== 2) throw new KubectlError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    if (!isQuantity(parts[1])) throw new KubectlError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    out[parts[0]] = parts[1];
  }
  return out;
}

/** path.Match for container names: `*` and `?` wildcards. */
function containerMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
  return re.test(name);
}

export const setResources: Verb = {
  name: "set resources",
  summary: "Update resource requests/limits on objects with pod templates",
  usage: "kubectl set resources (-f FILENAME | TYPE NAME) ([--limits=LIMITS & --requests=REQUESTS]",
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-set"),
    { name: "all", type: "bool", help: "Select all resources, in the namespace of the specified resource types" },
    { name: "local", type: "bool", help: "If true, set resources will NOT contact api-server but run locally." },
    { name: "containers", short: "c", type: "string", default: "*", help: "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards" },
    { name: "limits", type: "string", help: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
    { name: "requests", type: "string", help: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
  ],
  run(inv) {
    const limitsText = inv.flag<string | undefined>("limits") ?? "";
    const requestsText = inv.flag<string | undefined>("requests") ?? "";
    const all = inv.flag<boolean | undefined>("all") ?? false;
    const selector = inv.flag<string | undefined>("selector");
    if (all && selector) throw new KubectlError("cannot set --all and --selector at the same time");
    if (inv.args.length < 1 && (inv.flag<string[] | undefined>("filename") ?? []).length === 0) throw new KubectlError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    if (limitsText === "" && requestsText === "") throw new KubectlError("you must specify an update to requests or limits (in the form of --requests/--limits)");
    if (inv.flag<boolean | undefined>("local")) throw new KubectlError("--local is not supported by the simulated kubectl");
    const limits = resourceList(limitsText);
    const requests = resourceList(requestsText);
    const pattern = inv.flag<string>("containers") ?? "*";
    return updatePodSpecs(inv, { args: inv.args, selector, all }, { done: "resource requirements updated", failed: (m) => `failed to patch resources update to pod template ${m}` }, (_changed, spec, errors) => {
      const selected = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c: Container) => containerMatch(pattern, c.name));
      if (selected.length === 0) {
        errors.push(new KubectlError(`unable to find container named ${pattern}`));
        return false;
      }
      for (const c of selected) {
        const r = (c.resources ??= {});
        if (Object.keys(limits).length > 0) r.limits = { ...(r.limits ?? {}), ...limits };
        if (Object.keys(requests).length > 0) r.requests = { ...(r.requests ?? {}), ...requests };
      }
      return true;
    });
  },
};
