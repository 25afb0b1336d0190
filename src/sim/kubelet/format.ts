/**
 * How the kubelet names things in its messages: `format.Pod` ("nginx_default(<uid>)"), the
 * fieldPath of a container in events ("spec.containers{nginx}"), the pod's full name.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";

/** format.Pod: "name_namespace(uid)". */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace ?? "default"}(${pod.metadata?.uid ?? ""})`;
}

/** The kind of container a spec entry is. */
export type ContainerKind = "init" | "sidecar" | "app" | "ephemeral";

/** True for an init container with restartPolicy Always: a native sidecar. */
export function isRestartableInit(c: Container): boolean {
  return c.restartPolicy === "Always";
}

/** The fieldPath an event about a container carries: spec.containers{name} / spec.initContainers{name}. */
export function containerFieldPath(pod: Pod, name: string): string {
  if (pod.spec?.initContainers?.some((c) => c.name === name)) return `spec.initContainers{${name}}`;
  if (pod.spec?.ephemeralContainers?.some((c) => c.name === name)) return `spec.ephemeralContainers{${name}}`;
  let path = appContainerPaths.get(name);
  if (path === undefined) {
    path = `spec.containers{${name}}`;
    if (appContainerPaths.size < 1_024) appContainerPaths.set(name, path);
  }
  return path;
}

/**
 * fieldPaths of app containers by name, made once: every pod's events keep one, and most pods'
 * containers share a few names.
 */
const appContainerPaths = new Map<string, string>();

/** The spec of a container by name, and its kind. */
export function findContainer(pod: Pod, name: string): { container: Container; kind: ContainerKind; index: number } | undefined {
  const init = pod.spec?.initContainers ?? [];
  for (let i = 0; i < init.length; i++) if (init[i].name === name) return { container: init[i], kind: isRestartableInit(init[i]) ? "sidecar" : "init", index: i };
  const app = pod.spec?.containers ?? [];
  for (let i = 0; i < app.length; i++) if (app[i].name === name) return { container: app[i], kind: "app", index: i };
  const eph = pod.spec?.ephemeralContainers ?? [];
  for (let i = 0; i < eph.length; i++) if (eph[i].name === name) return { container: eph[i] as Container, kind: "ephemeral", index: i };
  return undefined;
}

/** The restart policy in effect (the API default is Always). */
export function restartPolicyOf(pod: Pod): "Always" | "OnFailure" | "Never" {
  return (pod.spec?.restartPolicy as "Always" | "OnFailure" | "Never" | undefined) ?? "Always";
}

/** shouldRestartOnFailure: anything but Never. */
export function shouldRestartOnFailure(pod: Pod): boolean {
  return restartPolicyOf(pod) !== "Never";
}

/** The pod's namespace/name key. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? "default"}/${pod.metadata?.name}`;
}
