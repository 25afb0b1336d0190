/**
 * `kubectl describe (-f FILE | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)`: each object through its
 * kind's describer, separated by blank lines; a name that is not found falls back to every object
 * whose name starts with it; events unless --show-events=false.
 */
import { resolveResource } from "../../api/kinds";
import type { KObject } from "../../api/types";
import { describerFor, type DescribeContext } from "../describe";
import { KubectlError } from "../kubectl";
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG } from "../resources";
import { listObjects } from "../select";
import type { Invocation, Verb } from "../verb";
import { gather } from "./get-gather";
import { printErrors } from "./read-errors";

export const describe: Verb = {
  name: "describe",
  summary: "Show details of a specific resource or group of resources",
  usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    { name: "show-events", type: "bool", default: true, help: "If true, display events related to the described object." },
    { name: "chunk-size", type: "int", default: 500, help: "Return large lists in chunks rather than all at once. Pass 0 to disable." },
  ],
  run(inv) {
    const filenames = inv.flag<string[] | undefined>("filename") ?? [];
    if (inv.args.length === 0 && filenames.length === 0) {
      throw new KubectlError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
    }
    const allNamespaces = inv.flag<boolean>("all-namespaces") === true;
    const gathered = gather(inv, { allNamespaces, labelSelector: inv.flag<string | undefined>("selector") });
    const ctx: DescribeContext = { cluster: inv.cluster, clock: inv.cluster.clock, settings: { showEvents: inv.flag<boolean>("show-events") !== false } };
    const objects = gathered.infos.flatMap((i) => i.objects);
    if (gathered.errors.length > 0 && inv.args.length === 2 && gathered.errors.every(isNotFound)) {
      return describeMatching(inv, ctx, gathered.errors[0]);
    }
    let first = true;
    for (const obj of objects) {
      const text = describerFor(obj.kind)(obj, ctx);
      inv.out(first ? text : `\n\n${text}`);
      first = false;
    }
    if (objects.length === 0 && gathered.errors.length === 0) {
      inv.err(allNamespaces ? "No resources found\n" : `No resources found in ${inv.namespace} namespace.\n`);
    }
    return gathered.errors.length > 0 ? printErrors(inv, gathered.errors) : 0;
  },
};

function isNotFound(e: unknown): boolean {
  return (e as { reason?: string })?.reason === "NotFound";
}

/** DescribeMatchingResources: every object of the type whose name starts with the given prefix. */
function describeMatching(inv: Invocation, ctx: DescribeContext, original: unknown): number {
  const [type, prefix] = inv.args;
  const info = resolveResource(type);
  if (!info) throw original;
  const matches: KObject[] = listObjects(inv.cluster, info, { namespace: inv.namespace }).filter((o) => (o.metadata.name ?? "").startsWith(prefix));
  if (matches.length === 0) return printErrors(inv, [original]);
  for (const obj of matches) inv.out(`${describerFor(obj.kind)(obj, ctx)}\n`);
  return 0;
}
