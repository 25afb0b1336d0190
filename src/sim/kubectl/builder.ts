/**
 * The resource builder, as kubectl's cli-runtime resource.Builder: turns `-f FILE|DIR|-`, `TYPE
 * NAME...`, `TYPE/NAME...`, `TYPE -l SELECTOR`, `TYPE --all` and `-A` into the objects a verb acts
 * on, in kubectl's order, with its errors. Errors about one object (a document with an unknown kind,
 * a namespace mismatch, an object not found) are returned in place so the verb can carry on with
 * the rest (ContinueOnError); errors about the command line are thrown.
 */
import { ALL_CATEGORY_ORDER, kindForManifest, kindInfo, resolveResource, type KindInfo } from "../api/kinds";
import { convertToStoredVersion } from "../api/conversion";
import { parseSelector, matches, SelectorParseError, type Selector } from "../api/labels";
import { ManifestError, parseManifests } from "../api/manifest";
import type { KObject } from "../api/types";
import { deepClone } from "../util/object";
import { KubectlError } from "./kubectl";
import { manifestNamespace } from "./resources";
import { listObjects } from "./select";
import type { Invocation } from "./verb";

/** One object a verb acts on (resource.Info). */
export interface ResourceInfo {
  info: KindInfo;
  /** The namespace, or undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  /** The manifest from a file, or the server's object when it was fetched or listed. */
  object?: KObject;
  /** The file the object came from ("STDIN" for -f -), for `error when creating "pod.yaml"`. */
  source?: string;
}

/** An object to act on, or the error that stood in its place. */
export type Visit = { info: ResourceInfo; error?: undefined } | { info?: undefined; error: unknown };

export interface BuilderOptions {
  /** Read `-f`/`-R` from the invocation. */
  filenames?: boolean;
  /** Positional TYPE/NAME arguments. */
  args?: readonly string[];
  /** `-l`: a label selector. */
  selector?: string;
  /** `--field-selector`. */
  fieldSelector?: string;
  /** `--all`: select every object of the given types. */
  all?: boolean;
  /** `-A`: list across all namespaces. */
  allNamespaces?: boolean;
  /** Fetch the server's copy of every object, file ones included (Latest()). */
  latest?: boolean;
  /** Fetch the server's copy of objects named on the command line (RequireObject). */
  requireObject?: boolean;
}

export interface BuildResult {
  visits: Visit[];
  /** True when the arguments name exactly one object (IntoSingleItemImplied). */
  singleItemImplied: boolean;
}

const MISSING_RESOURCE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** Resolves the objects a verb names, in kubectl's visiting order. */
export function buildInfos(inv: Invocation, opts: BuilderOptions): BuildResult {
  const filenames = opts.filenames ? (inv.flag<string[] | undefined>("filename") ?? []) : [];
  const { types, names, tuples } = splitArgs(opts.args ?? []);
  let selectorText = opts.selector;
  const fieldSelector = opts.fieldSelector || undefined;
  if (opts.all) {
    if (selectorText || fieldSelector) throw new KubectlError("setting 'all' parameter but found a non empty selector. ");
    selectorText = "";
  }
  if (fieldSelector !== undefined && selectorText === undefined) selectorText = "";
  const namespace = opts.allNamespaces ? undefined : inv.namespace;

  let visits: Visit[];
  let single = false;
  if (filenames.length > 0) {
    if (types.length > 0) throw new KubectlError("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
    if (names.length > 0) throw new KubectlError("name cannot be provided when a path is specified");
    if (tuples.length > 0) throw new KubectlError("resource/name arguments cannot be provided when a path is specified");
    const recursive = inv.flag<boolean | undefined>("recursive") ?? false;
    visits = visitFiles(inv, filenames, recursive);
    single = filenames.length === 1 && filenames[0] !== "-" && inv.files.listDir(filenames[0]) === undefined && visits.length === 1;
    if (selectorText !== undefined && selectorText !== "") {
      const sel = selector(selectorText);
      visits = visits.filter((v) => !v.info || matches(sel, v.info.object?.metadata?.labels));
    }
  } else if (selectorText !== undefined) {
    if (names.length > 0) throw new KubectlError("name cannot be provided when a selector is specified");
    if (tuples.length > 0) throw new KubectlError("selectors and the all flag cannot be used when passing resource/name arguments");
    if (types.length === 0) throw new KubectlError("at least one resource must be specified to use a selector");
    visits = [];
    for (const info of unique(types.map(requireType))) {
      let objects: KObject[];
      try {
        objects = listObjects(inv.cluster, info, { namespace, labelSelector: selectorText, fieldSelector });
      } catch (e) {
        visits.push({ error: e });
        continue;
      }
      for (const obj of objects) visits.push({ info: { info, namespace: obj.metadata.namespace, name: obj.metadata.name!, object: obj } });
    }
  } else if (tuples.length > 0) {
    if (types.length > 0) throw new KubectlError("you may not specify individual resources and bulk resources in the same call");
    const mapped = tuples.map((t) => ({ info: requireType(t.type), name: t.name }));
    visits = mapped.map(({ info, name }) => ({ info: { info, namespace: scopedNamespace(info, namespace, opts.allNamespaces), name } }));
    single = tuples.length === 1;
  } else if (names.length > 0) {
    if (types.length === 0) throw new KubectlError("you must provide a resource and a resource name together");
    const infos = unique(types.map(requireType));
    if (infos.length > 1) throw new KubectlError("you must specify only one resource");
    visits = names.map((name) => ({ info: { info: infos[0], namespace: scopedNamespace(infos[0], namespace, opts.allNamespaces), name } }));
    single = names.length === 1;
  } else if (types.length > 0) {
    types.forEach(requireType);
    throw new KubectlError("resource(s) were provided, but no name was specified");
  } else {
    throw new KubectlError(MISSING_RESOURCE);
  }

  if (opts.latest || opts.requireObject) {
    visits = visits.map((v): Visit => {
      if (!v.info) return v;
      if (!opts.latest && v.info.object) return v;
      try {
        const object = inv.cluster.api.get(v.info.info.kind, v.info.namespace, v.info.name);
        return { info: { ...v.info, object } };
      } catch (e) {
        return { error: e };
      }
    });
  }
  return { visits, singleItemImplied: single };
}

function selector(text: string): Selector {
  try {
    return parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new KubectlError(`the provided selector "${text}" is not valid: ${e.message}`);
    throw e;
  }
}

function scopedNamespace(info: KindInfo, namespace: string | undefined, allNamespaces: boolean | undefined): string | undefined {
  if (!info.namespaced) return undefined;
  if (namespace === undefined) {
    throw new KubectlError(allNamespaces ? "a resource cannot be retrieved by name across all namespaces" : "namespace may not be empty when retrieving a resource by name");
  }
  return namespace;
}

function unique(infos: KindInfo[]): KindInfo[] {
  return infos.filter((x, i) => infos.indexOf(x) === i);
}

function requireType(name: string): KindInfo {
  const info = resolveResource(name);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
  return info;
}

interface SplitArgs {
  types: string[];
  names: string[];
  tuples: { type: string; name: string }[];
}

/** ResourceTypeOrNameArgs: `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`. */
function splitArgs(raw: readonly string[]): SplitArgs {
  let args = [...raw];
  // `pod,svc a b` means pod/a pod/b svc/a svc/b.
  if (args.length >= 2) {
    const types = dedupe(args[0].split(","));
    if (types.length > 1) args = types.flatMap((t) => args.slice(1).map((n) => `${t}/${n}`));
  }
  const slashed = args.filter((a) => a.includes("/")).length;
  if (slashed > 0) {
    if (slashed !== args.length) {
      throw new KubectlError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const tuples = args.map((a) => {
      const parts = a.split("/");
      if (parts.length !== 2) throw new KubectlError("arguments in resource/name form may not have more than one slash");
      const [type, name] = parts;
      if (!type || !name || type.includes(",")) throw new KubectlError("arguments in resource/name form must have a single resource and name");
      return { type, name };
    });
    return { types: [], names: [], tuples };
  }
  if (args.length === 0) return { types: [], names: [], tuples: [] };
  const types = dedupe(args[0].split(",")).flatMap((t) => (t === "all" ? ALL_CATEGORY_ORDER.map((k) => kindInfo(k)!.plural) : [t]));
  return { types, names: args.slice(1), tuples: [] };
}

function dedupe(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

/** Reads every document of every file named by -f, one visit each. */
function visitFiles(inv: Invocation, filenames: readonly string[], recursive: boolean): Visit[] {
  const paths: string[] = [];
  for (const f of filenames) {
    if (f === "-") {
      paths.push("-");
      continue;
    }
    const listed = inv.files.listDir(f);
    if (listed === undefined && inv.files.readFile(f) === undefined) throw new KubectlError(`the path "${f}" does not exist`);
    paths.push(...expand(inv, f, recursive));
  }
  const visits: Visit[] = [];
  for (const path of paths) {
    const text = path === "-" ? (inv.stdin ?? "") : inv.files.readFile(path);
    const source = path === "-" ? "STDIN" : path;
    if (text === undefined) continue;
    let docs;
    try {
      docs = parseManifests(text, source);
    } catch (e) {
      visits.push({ error: e instanceof ManifestError ? new KubectlError(e.message) : e });
      continue;
    }
    for (const doc of docs) visits.push(visitDocument(inv, doc.object, source));
  }
  return visits;
}

function expand(inv: Invocation, path: string, recursive: boolean): string[] {
  const listed = inv.files.listDir(path);
  if (listed === undefined) return [path];
  const out: string[] = [];
  for (const p of listed) {
    if (inv.files.listDir(p) !== undefined) {
      if (recursive) out.push(...expand(inv, p, true));
    } else if (/\.(ya?ml|json)$/.test(p)) {
      out.push(p);
    }
  }
  return out;
}

function visitDocument(inv: Invocation, raw: KObject, source: string): Visit {
  if (!raw.kind || typeof raw.kind !== "string") return { error: new KubectlError(`error validating "${source}": error validating data: kind not set`) };
  if (!raw.apiVersion || typeof raw.apiVersion !== "string") return { error: new KubectlError(`error validating "${source}": error validating data: apiVersion not set`) };
  const info = kindForManifest(raw.apiVersion, raw.kind);
  const name = typeof raw.metadata?.name === "string" ? raw.metadata.name : "";
  if (!info) {
    const ns = typeof raw.metadata?.namespace === "string" ? raw.metadata.namespace : "";
    return {
      error: new KubectlError(
        `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${raw.kind}" in version "${raw.apiVersion}"\nensure CRDs are installed first`,
      ),
    };
  }
  const object = deepClone(raw);
  // An older served version (autoscaling/v1) is handled in the version the server stores.
  convertToStoredVersion(object);
  object.metadata = { ...(object.metadata ?? {}) };
  let namespace: string | undefined;
  try {
    namespace = manifestNamespace(inv, info, object);
  } catch (e) {
    return { error: e };
  }
  if (namespace === undefined) delete object.metadata.namespace;
  else object.metadata.namespace = namespace;
  return { info: { info, namespace, name, object, source } };
}
