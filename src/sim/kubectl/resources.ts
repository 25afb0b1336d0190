/**
 * The flags and small helpers every verb that names objects shares: `-f`/`-R`, `-l`, `-A`, resource
 * type lookup, manifest namespaces, and `kind/name` as kubectl prints it. The resource builder
 * (builder.ts) turns them into objects.
 */
import { resolveResource, type KindInfo } from "../api/kinds";
import type { KObject } from "../api/types";
import { KubectlError } from "./kubectl";
import type { FlagSpec } from "./flags";
import type { Invocation } from "./verb";

/** `-f`, `-R` and `-k` as kubectl declares them. */
export const FILENAME_FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "stringArray", default: [], help: "Filename, directory, or URL to files identifying the resource." },
  { name: "recursive", short: "R", type: "bool", help: "Process the directory used in -f, --filename recursively." },
  { name: "kustomize", short: "k", type: "string", help: "Process the kustomization directory." },
];

export const SELECTOR_FLAG: FlagSpec = {
  name: "selector",
  short: "l",
  type: "string",
  help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
};

export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: "all-namespaces",
  short: "A",
  type: "bool",
  help: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
};

/** Resolves what the user typed as a resource type, or throws kubectl's error. */
export function requireResource(name: string): KindInfo {
  const info = resolveResource(name);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
  return info;
}

/**
 * The namespace a manifest goes to: its own, else `-n`, else "default". A manifest whose namespace
 * differs from an explicit `-n` is kubectl's error.
 */
export function manifestNamespace(inv: Invocation, info: KindInfo, obj: KObject): string | undefined {
  if (!info.namespaced) return undefined;
  const own = obj.metadata?.namespace;
  if (own && inv.isSet("namespace") && own !== inv.namespace) {
    throw new KubectlError(
      `the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  return own || inv.namespace;
}

/** `kind/name` as kubectl prints it in messages: "pod/nginx", "deployment.apps/web". */
export function qualifiedName(info: KindInfo, name: string): string {
  return `${info.group ? `${info.singular}.${info.group}` : info.singular}/${name}`;
}
