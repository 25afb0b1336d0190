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
  // Made once per name: every pod's events keep one, and most pods' containers share a few names.
  return sharedMessage(appContainerPath, name);
}

function appContainerPath(name: string): string {
  return `spec.containers{${name}}`;
}

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

/**
 * The text `make` makes of `value`, one shared copy per value: the messages the kubelet's events
 * repeat for every pod ("Created container nginx", "Container image ... already present on
 * machine") would otherwise be a copy in every event that keeps one. At most 1,024 values per kind
 * of message are remembered.
 */
export function sharedMessage(make: (value: string) => string, value: string): string {
  let byValue = sharedMessages.get(make);
  if (!byValue) sharedMessages.set(make, (byValue = new Map()));
  let text = byValue.get(value);
  if (text === undefined) {
    text = make(value);
    if (byValue.size < 1_024) byValue.set(value, text);
  }
  return text;
}

const sharedMessages = new Map<(value: string) => string, Map<string, string>>();
