/**
 * The selected object as the inspector reads it. The graph stores a selection as
 * "Kind/namespace/name" ("Node//node-1" for cluster-scoped objects); the mirror keys objects by
 * "namespace/name" or by name alone.
 */
import { nsName } from "../store/mirror";

export interface Selection {
  kind: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
  /** The key of the object in the mirror. */
  mirrorKey: string;
  /** The selection key itself. */
  key: string;
}

/** Parses a selection key; undefined when there is none or it is malformed. */
export function parseSelection(key: string | undefined): Selection | undefined {
  if (!key) return undefined;
  const a = key.indexOf("/");
  const b = key.indexOf("/", a + 1);
  if (a <= 0 || b < 0) return undefined;
  const kind = key.slice(0, a);
  const namespace = key.slice(a + 1, b);
  const name = key.slice(b + 1);
  if (!name) return undefined;
  return { kind, namespace, name, mirrorKey: nsName(namespace || undefined, name), key };
}

/** The selection key of an object. */
export function selectionKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ""}/${name}`;
}

/** kubectl's short form of an object: "pod/web-1", "node/node-1". */
export function objectWord(kind: string, name: string): string {
  return `${kind.toLowerCase()}/${name}`;
}
