/**
 * Reading objects as kubectl's resource builder asks the API server for them: a list in one namespace
 * or all of them, narrowed by label and field selectors (evaluated server-side, so bad selectors come
 * back as BadRequest errors that the builder rewrites as "Unable to find ..."), in the order the API
 * server returns lists — by storage key, that is namespace/name.
 */
import { notFound, StatusError } from "../api/errors";
import { apiVersionOf, type KindInfo } from "../api/kinds";
import { matches, parseSelector, SelectorParseError, type Selector } from "../api/labels";
import type { KObject } from "../api/types";
import type { Cluster } from "../cluster";
import { checkFields, FieldSelectorError, matchesFields, parseFieldSelector, type FieldRequirement } from "./field-selector";

/** What a list request asks for. */
export interface ListRequest {
  /** undefined lists every namespace (`-A`); ignored for cluster-scoped kinds. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** A parsed list request, reusable for watches. */
export interface ListFilter {
  namespace?: string;
  labels: Selector;
  fields: FieldRequirement[];
}

/** The GroupVersionResource as kubectl quotes it in messages: "/v1, Resource=pods". */
export function resourceString(info: KindInfo): string {
  return `${info.group}/${info.version}, Resource=${info.plural}`;
}

/** Parses and checks a request's selectors; throws the StatusError kubectl would print. */
export function compileRequest(info: KindInfo, req: ListRequest): ListFilter {
  const labelSelector = req.labelSelector ?? "";
  const fieldSelector = req.fieldSelector ?? "";
  try {
    const labels = parseSelector(labelSelector);
    const fields = parseFieldSelector(fieldSelector);
    checkFields(info.kind, fields);
    return { namespace: info.namespaced ? req.namespace : undefined, labels, fields };
  } catch (e) {
    if (e instanceof SelectorParseError || e instanceof FieldSelectorError) {
      const message =
        labelSelector === "" && fieldSelector === ""
          ? `Unable to list "${resourceString(info)}": ${e.message}`
          : `Unable to find "${resourceString(info)}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${e.message}`;
      throw new StatusError(400, "BadRequest", message);
    }
    throw e;
  }
}

/** True when an object passes a compiled request's namespace and selectors. */
export function passes(obj: KObject, filter: ListFilter): boolean {
  if (filter.namespace !== undefined && obj.metadata.namespace !== filter.namespace) return false;
  return matches(filter.labels, obj.metadata.labels) && matchesFields(obj, filter.fields);
}

/** The storage key order of list results. */
export function keyOrder(a: KObject, b: KObject): number {
  const ka = `${a.metadata.namespace ?? ""}/${a.metadata.name ?? ""}`;
  const kb = `${b.metadata.namespace ?? ""}/${b.metadata.name ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Lists objects of a kind as the API server would. */
export function listObjects(cluster: Cluster, info: KindInfo, req: ListRequest): KObject[] {
  const filter = compileRequest(info, req);
  const items = cluster.store.list(info.kind, filter.namespace);
  return items.filter((o) => passes(o, filter)).sort(keyOrder);
}

/** Gets one object, or throws kubectl's NotFound ("pods \"x\" not found"). */
export function getObject(cluster: Cluster, info: KindInfo, namespace: string, name: string): KObject {
  const obj = cluster.store.get(info.kind, info.namespaced ? namespace : undefined, name);
  if (!obj) throw notFound(info, name);
  return obj;
}

/** An object with the apiVersion and kind the API serves it with (list items carry them too). */
export function typed(info: KindInfo, obj: KObject): KObject {
  if (obj.apiVersion === apiVersionOf(info) && obj.kind === info.kind) return obj;
  return { ...obj, apiVersion: apiVersionOf(info), kind: info.kind };
}
