/**
 * `kubectl annotate TYPE NAME key=value... key-...` with `--overwrite`, `--list`, `-l`, `--all`,
 * `-A`: prints `pod/x annotated` for every object it updates.
 */
import { KubectlError } from "../kubectl";
import type { Verb } from "../verb";
import { metadataUpdateFlags, resourcesAndPairs, runMetadataUpdate } from "./label";

/** The annotation kubectl --record writes, which --overwrite=false still lets through. */
const CHANGE_CAUSE = "kubernetes.io/change-cause";

/** cmdutil.ParsePairs for annotations. */
function parseAnnotationArgs(pairs: readonly string[]): [Record<string, string>, string[]] {
  const add: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes("=") && p[0] !== "=") {
      const i = p.indexOf("=");
      add[p.slice(0, i)] = p.slice(i + 1);
    } else if (p.endsWith("-") && p !== "-") {
      remove.push(p.slice(0, -1));
    } else {
      invalid.push(p);
    }
  }
  if (invalid.length > 0) throw new KubectlError(`invalid annotation format: ${invalid.join(", ")}`);
  return [add, remove];
}

export const annotate: Verb = {
  name: "annotate",
  summary: "Update the annotations on a resource",
  usage: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  flags: metadataUpdateFlags("annotation", "kubectl-annotate"),
  run(inv) {
    const [resources, pairs] = resourcesAndPairs(inv.args, "annotation");
    const [add, remove] = parseAnnotationArgs(pairs);
    if (inv.flag<boolean | undefined>("all") && inv.flag<string | undefined>("selector")) throw new KubectlError("cannot set --all and --selector at the same time");
    if (resources.length < 1 && (inv.flag<string[] | undefined>("filename") ?? []).length === 0) {
      throw new KubectlError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if (Object.keys(add).length < 1 && remove.length < 1 && !inv.flag<boolean | undefined>("list")) throw new KubectlError("at least one annotation update is required");
    const both = remove.filter((k) => k in add);
    if (both.length > 0) throw new KubectlError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`);
    return runMetadataUpdate(inv, resources, {
      field: "annotations",
      verb: "annotate",
      add,
      remove,
      checkOverwrite(current) {
        const found = Object.keys(add)
          .filter((k) => k !== CHANGE_CAUSE && k in current)
          .sort();
        if (found.length > 0) {
          throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${found.map((k) => `'${k}' already has a value (${current[k]})`).join("; ")}`);
        }
      },
      message: () => "annotated",
    });
  },
};
