/**
 * makeEnvironmentVariables: a container's environment as the kubelet builds it (kubelet_pods.go) —
 * envFrom first (with prefixes, skipping invalid names), then env (values `$(VAR)`-expanded against
 * the variables declared so far and the Service variables; valueFrom resolved from ConfigMaps,
 * Secrets, pod fields and container resources), then the Service variables that are not shadowed.
 * A missing ConfigMap, Secret or key fails with the message CreateContainerConfigError shows.
 */
import type { ConfigMap, Container, Pod, Secret, Service } from "kubernetes-types/core/v1";
import type { ObjectStore } from "../../store/store";
import { decodeBase64 } from "../../util/base64";
import { expand, lookupIn } from "./expansion";
import { fieldValue, resourceValue, type NodeAllocatable, type PodFacts } from "./field-ref";

/** A failure to build the container's config: the container waits with CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The default `kubernetes` Service when the cluster has none (a real cluster always has it). */
const DEFAULT_KUBERNETES_SERVICE = { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP" }] };

function envName(s: string): string {
  return s.replace(/-/g, "_").toUpperCase();
}

function serviceVars(name: string, clusterIP: string, ports: { name?: string; port: number; protocol?: string }[], out: Map<string, string>): void {
  if (!clusterIP || clusterIP === "None" || ports.length === 0) return;
  const prefix = envName(name);
  out.set(`${prefix}_SERVICE_HOST`, clusterIP);
  out.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
  for (const p of ports) if (p.name) out.set(`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
  ports.forEach((p, i) => {
    const proto = p.protocol ?? "TCP";
    const hostPort = `${clusterIP}:${p.port}`;
    if (i === 0) out.set(`${prefix}_PORT`, `${proto.toLowerCase()}://${hostPort}`);
    const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.set(pp, `${proto.toLowerCase()}://${hostPort}`);
    out.set(`${pp}_PROTO`, proto.toLowerCase());
    out.set(`${pp}_PORT`, String(p.port));
    out.set(`${pp}_ADDR`, clusterIP);
  });
}

/** The last Service variables built per store, namespace and enableServiceLinks, with what they were built from. */
const built = new WeakMap<ObjectStore, Map<string, { from: string; env: ReadonlyMap<string, string> }>>();

/**
 * getServiceEnvVarMap: the Services of the pod's namespace (if enableServiceLinks) and `kubernetes`.
 * Every pod of a namespace gets the same ones until a Service changes: the map and its strings are
 * shared (read-only) instead of built again for each container.
 */
export function serviceEnvironment(store: ObjectStore, namespace: string, enableServiceLinks: boolean): ReadonlyMap<string, string> {
  const master = store.get("Service", "default", "kubernetes");
  let from = master?.metadata.resourceVersion ?? "";
  if (enableServiceLinks) for (const svc of store.each("Service", namespace)) from += `,${svc.metadata.name}@${svc.metadata.resourceVersion}`;
  let cache = built.get(store);
  if (!cache) built.set(store, (cache = new Map()));
  const key = `${namespace}/${enableServiceLinks}`;
  const hit = cache.get(key);
  if (hit && hit.from === from) return hit.env;
  const env = buildServiceEnvironment(store, namespace, enableServiceLinks);
  cache.set(key, { from, env });
  return env;
}

function buildServiceEnvironment(store: ObjectStore, namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const services = new Map<string, { clusterIP: string; ports: { name?: string; port: number; protocol?: string }[] }>();
  const master = store.get("Service", "default", "kubernetes") as Service | undefined;
  services.set("kubernetes", master?.spec?.clusterIP ? { clusterIP: master.spec.clusterIP, ports: (master.spec.ports ?? []) as { port: number }[] } : DEFAULT_KUBERNETES_SERVICE);
  if (enableServiceLinks) {
    for (const obj of store.each("Service", namespace)) {
      const svc = obj as Service;
      const name = svc.metadata?.name ?? "";
      if (namespace === "default" && name === "kubernetes") continue;
      services.set(name, { clusterIP: svc.spec?.clusterIP ?? "", ports: (svc.spec?.ports ?? []) as { port: number }[] });
    }
  }
  for (const name of [...services.keys()].sort()) {
    const s = services.get(name)!;
    serviceVars(name, s.clusterIP, s.ports, out);
  }
  return out;
}

export interface EnvInput {
  pod: Pod;
  container: Container;
  store: ObjectStore;
  facts: PodFacts;
  allocatable: NodeAllocatable;
  serviceEnv: ReadonlyMap<string, string>;
  /** Records a pod event (InvalidEnvironmentVariableNames). */
  event(type: "Normal" | "Warning", reason: string, message: string): void;
}

function configMap(store: ObjectStore, ns: string, name: string): ConfigMap | undefined {
  return store.get("ConfigMap", ns, name) as ConfigMap | undefined;
}

function secret(store: ObjectStore, ns: string, name: string): Secret | undefined {
  return store.get("Secret", ns, name) as Secret | undefined;
}

function secretValue(s: Secret, key: string): string | undefined {
  if (s.stringData?.[key] !== undefined) return s.stringData[key];
  const raw = s.data?.[key];
  return raw === undefined ? undefined : (decodeBase64(raw) ?? "");
}

/** The container's environment, in the order the runtime receives it. */
export function makeEnvironment(input: EnvInput): Map<string, string> {
  const { pod, container, store } = input;
  const ns = pod.metadata?.namespace ?? "default";
  const tmp = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    let data: Record<string, string> | undefined;
    let kind: string;
    let name: string;
    if (from.configMapRef) {
      kind = "configMap";
      name = from.configMapRef.name ?? "";
      const cm = configMap(store, ns, name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ContainerConfigError(`configmap "${name}" not found`);
      }
      data = cm.data ?? {};
    } else if (from.secretRef) {
      kind = "secret";
      name = from.secretRef.name ?? "";
      const s = secret(store, ns, name);
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new ContainerConfigError(`secret "${name}" not found`);
      }
      data = {};
      for (const k of Object.keys({ ...s.data, ...s.stringData })) data[k] = secretValue(s, k) ?? "";
    } else continue;
    const invalid: string[] = [];
    for (const [k0, v] of Object.entries(data)) {
      const k = prefix + k0;
      if (!ENV_NAME.test(k)) {
        invalid.push(k);
        continue;
      }
      tmp.set(k, v);
    }
    if (invalid.length > 0) {
      invalid.sort();
      input.event("Warning", "InvalidEnvironmentVariableNames", `Keys [${invalid.join(", ")}] from the EnvFrom ${kind} ${ns}/${name} were skipped since they are considered invalid environment variable names.`);
    }
  }

  const lookup = lookupIn(tmp, input.serviceEnv);
  for (const e of container.env ?? []) {
    let value = e.value ?? "";
    if (value !== "") {
      value = expand(value, lookup);
    } else if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.fieldRef) {
        value = fieldValue(pod, vf.fieldRef.fieldPath, input.facts);
      } else if (vf.resourceFieldRef) {
        const target = vf.resourceFieldRef.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === vf.resourceFieldRef!.containerName) : container;
        value = resourceValue(target ?? container, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor as string | undefined, input.allocatable);
      } else if (vf.configMapKeyRef) {
        const ref = vf.configMapKeyRef;
        const cm = configMap(store, ns, ref.name ?? "");
        if (!cm) {
          if (ref.optional) continue;
          throw new ContainerConfigError(`configmap "${ref.name}" not found`);
        }
        const v = cm.data?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          throw new ContainerConfigError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
        }
        value = v;
      } else if (vf.secretKeyRef) {
        const ref = vf.secretKeyRef;
        const s = secret(store, ns, ref.name ?? "");
        if (!s) {
          if (ref.optional) continue;
          throw new ContainerConfigError(`secret "${ref.name}" not found`);
        }
        const v = secretValue(s, ref.key);
        if (v === undefined) {
          if (ref.optional) continue;
          throw new ContainerConfigError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
        }
        value = v;
      }
    }
    tmp.set(e.name, value);
  }

  // The Services' variables follow the container's own, which win: appended in place, not copied.
  input.serviceEnv.forEach((v, k) => {
    if (!tmp.has(k)) tmp.set(k, v);
  });
  return tmp;
}

/** ExpandContainerCommandAndArgs: `$(VAR)` in command and args, against the final environment. */
export function expandCommand(container: Container, env: ReadonlyMap<string, string>): { command?: string[]; args?: string[] } {
  const lookup = lookupIn(env);
  return {
    command: container.command?.map((s) => expand(s, lookup)),
    args: container.args?.map((s) => expand(s, lookup)),
  };
}
