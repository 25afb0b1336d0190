/**
 * Resource arguments as kubectl's resource builder reads them: `TYPE`, `TYPE NAME...`, `TYPE/NAME...`,
 * `TYPE1,TYPE2`, `-f FILE|DIR` (with `-R`), `-l SELECTOR`, `--all`, `-A`. Shared by get, delete,
 * describe, label, annotate, wait, apply and every other verb that names objects.
 */
import { kindForManifest, kindInfo, resolveResource, ALL_CATEGORY_ORDER, type KindInfo } from "../api/kinds";
import { ManifestError, parseManifests, type ManifestDoc } from "../api/manifest";
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

/** A manifest read from a file, with where it came from (for messages such as `error when creating "pod.yaml"`). */
export interface FileManifest {
  /** The path as the user gave it (or "STDIN"). */
  source: string;
  doc: ManifestDoc;
  info: KindInfo;
}

/** A group of names of one kind from the command line (`pods a b`, `pod/a`). */
export interface TypeNames {
  info: KindInfo;
  /** Empty means "all of this kind" (subject to selectors). */
  names: string[];
}

/** Resolves what the user typed as a resource type, or throws kubectl's error. */
export function requireResource(name: string): KindInfo {
  const info = resolveResource(name);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
  return info;
}

/**
 * Parses positional arguments into kinds and names: `pods`, `pods a b`, `pods,svc`, `pod/a svc/b`,
 * `all`. Returns the groups in the order given.
 */
export function parseTypeArgs(args: readonly string[]): TypeNames[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes("/"));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw new KubectlError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    }
    const groups: TypeNames[] = [];
    for (const a of args) {
      const i = a.indexOf("/");
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const info = requireResource(type);
      const last = groups[groups.length - 1];
      if (last && last.info === info) last.names.push(name);
      else groups.push({ info, names: [name] });
    }
    return groups;
  }
  const [types, ...names] = args;
  const infos: KindInfo[] = [];
  for (const t of types.split(",")) {
    if (t === "") continue;
    if (t === "all") {
      for (const k of ALL_CATEGORY_ORDER) infos.push(kindInfo(k)!);
      continue;
    }
    infos.push(requireResource(t));
  }
  if (names.length > 0 && infos.length > 1) {
    return infos.map((info) => ({ info, names: [...names] }));
  }
  return infos.map((info) => ({ info, names: [...names] }));
}

/**
 * Reads every manifest named by `-f` (files, directories with `-R`, or `-` for stdin). Unknown kinds
 * and syntax errors throw with kubectl's wording; `ignoreUnknownKinds` lets callers report them per
 * document instead.
 */
export function readFileManifests(inv: Invocation, filenames: readonly string[], recursive: boolean): FileManifest[] {
  const out: FileManifest[] = [];
  for (const f of filenames) {
    for (const path of expandPath(inv, f, recursive)) {
      const text = path === "-" ? inv.stdin : inv.files.readFile(path);
      if (text === undefined) {
        if (path === "-") throw new KubectlError(`no objects passed to ${inv.command[0]}`);
        throw new KubectlError(`the path "${path}" does not exist`);
      }
      const source = path === "-" ? "STDIN" : path;
      let docs: ManifestDoc[];
      try {
        docs = parseManifests(text, source);
      } catch (e) {
        if (e instanceof ManifestError) throw new KubectlError(e.message);
        throw e;
      }
      for (const doc of docs) {
        const obj = doc.object;
        if (!obj.kind || typeof obj.kind !== "string") {
          throw new KubectlError(`error validating "${source}": error validating data: kind not set`);
        }
        if (!obj.apiVersion || typeof obj.apiVersion !== "string") {
          throw new KubectlError(`error validating "${source}": error validating data: apiVersion not set`);
        }
        const info = kindForManifest(obj.apiVersion, obj.kind);
        if (!info) {
          const name = typeof obj.metadata?.name === "string" ? obj.metadata.name : "";
          const ns = typeof obj.metadata?.namespace === "string" ? obj.metadata.namespace : "";
          throw new KubectlError(
            `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
          );
        }
        out.push({ source, doc, info });
      }
    }
  }
  return out;
}

function expandPath(inv: Invocation, path: string, recursive: boolean): string[] {
  if (path === "-") return ["-"];
  const listed = inv.files.listDir(path);
  if (listed === undefined) return [path];
  const out: string[] = [];
  for (const p of listed) {
    const sub = inv.files.listDir(p);
    if (sub !== undefined) {
      if (recursive) out.push(...expandPath(inv, p, true));
    } else if (/\.(ya?ml|json)$/.test(p)) {
      out.push(p);
    }
  }
  return out;
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
