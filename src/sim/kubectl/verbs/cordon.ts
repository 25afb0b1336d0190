/**
 * `kubectl cordon NODE` and `kubectl uncordon NODE` (or `-l SELECTOR`): set or clear
 * spec.unschedulable, printing `node/node-1 cordoned`, `already cordoned`, `uncordoned`,
 * `already uncordoned`.
 */
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { buildInfos } from "../builder";
import { KubectlError } from "../kubectl";
import { ObjectPrinter, printWarnings } from "../output";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, requestOptions } from "../write-options";

/**
 * drain.RunCordonOrUncordon for every node named (`command` is the verb typed, for its usage errors:
 * drain cordons first). Returns the nodes it looked at.
 */
export function cordonOrUncordon(inv: Invocation, desired: boolean, command: string = desired ? "cordon" : "uncordon"): { nodes: KObject[]; exitCode: number } {
  const verb = desired ? "cordon" : "uncordon";
  const selector = inv.flag<string | undefined>("selector") ?? "";
  if (inv.args.length === 0 && !inv.isSet("selector")) throw new KubectlError(`USAGE: ${command} NODE [flags]`, 1, `See 'kubectl ${command} -h' for help and examples`);
  if (inv.args.length > 0 && selector !== "") throw new KubectlError("cannot specify both a node name and a --selector option", 1, `See 'kubectl ${command} -h' for help and examples`);
  const dryRun = dryRunStrategy(inv);
  const printer = new ObjectPrinter(inv, undefined, dryRun);
  const { visits } =
    selector !== "" ? buildInfos(inv, { args: ["nodes"], selector, latest: true }) : buildInfos(inv, { args: ["nodes", ...inv.args], latest: true });
  // The node lookup stops at the first error, before any node is touched.
  const failed = visits.find((v) => v.error !== undefined);
  if (failed) throw failed.error;
  const nodes: KObject[] = [];
  for (const v of visits) {
    const node = v.info!.object!;
    nodes.push(node);
    if (!!node.spec?.unschedulable === desired) {
      printer.print(node, desired ? "already cordoned" : "already uncordoned", { info: v.info!.info });
      continue;
    }
    if (dryRun !== "client") {
      const changed: KObject = deepClone(node);
      changed.spec = { ...changed.spec };
      if (desired) changed.spec.unschedulable = true;
      else delete changed.spec.unschedulable;
      delete (changed.metadata as Record<string, unknown>).resourceVersion;
      const request = requestOptions(inv, "kubectl-cordon", { dryRun: dryRun === "server" });
      try {
        inv.cluster.api.update(changed, request);
      } catch (e) {
        inv.err(`error: unable to ${verb} node "${node.metadata.name}": ${(e as Error).message}\n`);
        continue;
      } finally {
        printWarnings(inv, request.warnings);
      }
    }
    printer.print(node, desired ? "cordoned" : "uncordoned", { info: v.info!.info });
  }
  return { nodes, exitCode: 0 };
}

const flags = [{ name: "selector", short: "l", type: "string" as const, help: "Selector (label query) to filter on" }, DRY_RUN_FLAG];

export const cordon: Verb = {
  name: "cordon",
  summary: "Mark node as unschedulable",
  usage: "kubectl cordon NODE [options]",
  flags,
  run: (inv) => cordonOrUncordon(inv, true).exitCode,
};

export const uncordon: Verb = {
  name: "uncordon",
  summary: "Mark node as schedulable",
  usage: "kubectl uncordon NODE [options]",
  flags,
  run: (inv) => cordonOrUncordon(inv, false).exitCode,
};
