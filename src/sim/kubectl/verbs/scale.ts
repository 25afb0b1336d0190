/**
 * `kubectl scale --replicas=COUNT [--current-replicas=COUNT] [--resource-version=V] (-f FILENAME |
 * TYPE NAME)`: sets spec.replicas of Deployments, ReplicaSets, ReplicationControllers and StatefulSets
 * through their scale subresource and prints `deployment.apps/web scaled`. Preconditions fail as
 * kubectl's do ("Expected replicas to be 2, was 3"); --timeout waits, advancing the virtual clock,
 * until status.replicas reaches the new size.
 */
import { StatusError } from "../../api/errors";
import type { KObject } from "../../api/types";
import { parseDuration } from "../../clock";
import { buildInfos, type ResourceInfo } from "../builder";
import { KubectlError } from "../kubectl";
import { ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, requestOptions } from "../write-options";
import { advanceUntil } from "./wait";

/** The kinds served with a scale subresource. */
const SCALABLE = new Set(["Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"]);

function replicasOf(obj: KObject): number {
  return typeof obj.spec?.replicas === "number" ? obj.spec.replicas : 1;
}

/** ScaleHasDesiredReplicas: the controller observed the change and the pods are there. */
function hasDesiredReplicas(obj: KObject | undefined, generation: number, desired: number): boolean {
  if (!obj) return false;
  return (obj.status?.observedGeneration ?? 0) >= generation && (obj.status?.replicas ?? 0) === desired;
}

export const scale: Verb = {
  name: "scale",
  summary: "Set a new size for a deployment, replica set, or replication controller",
  usage: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { name: "all", type: "bool", help: "Select all resources in the namespace of the specified resource types" },
    { name: "replicas", type: "int", default: -1, help: "The new desired number of replicas. Required." },
    { name: "current-replicas", type: "int", default: -1, help: "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition." },
    { name: "resource-version", type: "string", help: "Precondition for resource version. Requires that the current resource version match this value in order to scale." },
    { name: "timeout", type: "duration", default: "0s", help: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
  ],
  async run(inv) {
    if (!inv.isSet("replicas")) throw new KubectlError(`required flag(s) "replicas" not set`);
    const replicas = inv.flag<number>("replicas");
    if (replicas < 0) throw new KubectlError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    const current = inv.flag<number>("current-replicas") ?? -1;
    if (current < -1) throw new KubectlError("The --current-replicas must specify an integer of -1 or greater");
    const resourceVersion = inv.flag<string | undefined>("resource-version") ?? "";
    const timeoutText = inv.flag<string>("timeout") ?? "0s";
    const timeout = parseDuration(timeoutText);
    if (timeout === undefined) throw new KubectlError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    const dryRun = dryRunStrategy(inv);
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    const { visits } = buildInfos(inv, {
      filenames: true,
      args: inv.args,
      selector: inv.flag<string | undefined>("selector"),
      all: inv.flag<boolean | undefined>("all"),
      allNamespaces: inv.flag<boolean | undefined>("all-namespaces"),
      latest: true,
    });
    const infos = visits.filter((v) => v.info).map((v) => v.info!);
    if (resourceVersion && infos.length > 1) throw new KubectlError("cannot use --resource-version with multiple resources");
    if (infos.length === 0) {
      const failed = visits.find((v) => !v.info);
      if (failed) throw failed.error;
      throw new KubectlError("no objects passed to scale");
    }
    for (const v of visits) {
      if (!v.info) throw v.error;
      await scaleOne(inv, v.info, { replicas, current, resourceVersion, timeout, dryRun, printer });
    }
    return 0;
  },
};

interface ScaleOptions {
  replicas: number;
  current: number;
  resourceVersion: string;
  timeout: number;
  dryRun: ReturnType<typeof dryRunStrategy>;
  printer: ObjectPrinter;
}

async function scaleOne(inv: Invocation, r: ResourceInfo, o: ScaleOptions): Promise<void> {
  if (o.dryRun === "client") {
    o.printer.print(r.object!, "scaled", { info: r.info });
    return;
  }
  if (!SCALABLE.has(r.info.kind)) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
  const { api } = inv.cluster;
  const live = api.get(r.info.kind, r.namespace, r.name);
  if (o.current !== -1 && replicasOf(live) !== o.current) throw new KubectlError(`Expected replicas to be ${o.current}, was ${replicasOf(live)}`);
  if (o.resourceVersion && live.metadata.resourceVersion !== o.resourceVersion) {
    throw new KubectlError(`Expected resource version to be ${o.resourceVersion}, was ${live.metadata.resourceVersion}`);
  }
  const request = requestOptions(inv, "kubectl", { dryRun: o.dryRun === "server" });
  let stored: KObject;
  try {
    stored = api.update({ ...live, spec: { ...live.spec, replicas: o.replicas } }, request);
  } finally {
    printWarnings(inv, request.warnings);
  }
  if (o.timeout > 0 && o.dryRun === "none") {
    const generation = stored.metadata.generation ?? 0;
    const outcome = await advanceUntil(inv, () => hasDesiredReplicas(api.tryGet(r.info.kind, r.namespace, r.name), generation, o.replicas), o.timeout);
    if (outcome === "timeout") throw new KubectlError(`timed out waiting for "${r.name}" to be synced`);
  }
  o.printer.print(stored, "scaled", { info: r.info });
}
