/**
 * What `kubectl get` fetches, as its resource builder visits it: one list per resource type named
 * alone (namespace or all namespaces, label and field selectors applied by the server), or the named
 * objects (`TYPE NAME...`, `TYPE/NAME...`, `-f FILE`) one by one, with NotFound errors kept in place
 * (ContinueOnError) so the rest still prints.
 */
import { ALL_CATEGORY_ORDER, kindInfo, type KindInfo } from "../../api/kinds";
import type { KObject } from "../../api/types";
import { buildInfos } from "../builder";
import { KubectlError } from "../kubectl";
import { requireResource } from "../resources";
import { listObjects, typed } from "../select";
import type { Invocation } from "../verb";

/** One Info: a list (a table of zero or more rows) or a single object. */
export interface GetInfo {
  info: KindInfo;
  objects: KObject[];
  /** A list request rather than a named object. */
  isList: boolean;
}

export interface Gathered {
  infos: GetInfo[];
  errors: unknown[];
  /** Exactly one object was named (the generic printers print it alone, not in a List). */
  singleItemImplied: boolean;
}

export interface GatherOptions {
  allNamespaces: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Resolves the arguments into infos, as kubectl get's builder does. */
export function gather(inv: Invocation, opts: GatherOptions): Gathered {
  const filenames = inv.flag<string[] | undefined>("filename") ?? [];
  const args = inv.args;
  const typesOnly = filenames.length === 0 && args.length === 1 && !args[0].includes("/");
  if (typesOnly) {
    const kinds: KindInfo[] = [];
    for (const t of args[0].split(",")) {
      if (t === "") continue;
      const add = t === "all" ? ALL_CATEGORY_ORDER.map((k) => kindInfo(k)!) : [requireResource(t)];
      for (const k of add) if (!kinds.includes(k)) kinds.push(k);
    }
    const namespace = opts.allNamespaces ? undefined : inv.namespace;
    const infos = kinds.map((info) => ({
      info,
      objects: listObjects(inv.cluster, info, { namespace, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }).map((o) => typed(info, o)),
      isList: true,
    }));
    return { infos, errors: [], singleItemImplied: false };
  }
  if (opts.fieldSelector) {
    throw new KubectlError("name cannot be provided when a selector is specified");
  }
  const built = buildInfos(inv, { filenames: true, args, selector: opts.labelSelector || undefined, allNamespaces: opts.allNamespaces, latest: true });
  const infos: GetInfo[] = [];
  const errors: unknown[] = [];
  for (const v of built.visits) {
    if (v.info === undefined) errors.push(v.error);
    else if (v.info.object) infos.push({ info: v.info.info, objects: [typed(v.info.info, v.info.object)], isList: false });
  }
  return { infos, errors, singleItemImplied: built.singleItemImplied };
}
