/** `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port:targetPort]`. */
import type { KObject } from "../../../api/types";
import { KubectlError } from "../../kubectl";
import type { Invocation, Verb } from "../../verb";
import { createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, requireFlag, stringSlice, typedMeta } from "./common";

type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

/** parsePorts: `port[:targetPort]`, targetPort a number or a port name. */
function parsePorts(spec: string): [number, number | string] {
  const [portText, targetText] = spec.split(":");
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new KubectlError(/^\d+$/.test(portText) ? `port "${portText}" out of range` : `invalid port "${portText}"`);
  }
  const port = Number(portText);
  if (targetText === undefined) return [port, port];
  if (/^-?\d+$/.test(targetText)) {
    const n = Number(targetText);
    if (n < 1 || n > 65535) throw new KubectlError("must be between 1 and 65535, inclusive");
    return [port, n];
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(targetText) || !/[a-z]/.test(targetText) || targetText.length > 15 || targetText.includes("--")) {
    throw new KubectlError("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  return [port, targetText];
}

function runService(inv: Invocation, type: ServiceType): number {
  const name = nameFromArgs(inv, `create service ${type.toLowerCase()}`);
  const clusterIP = inv.flag<string | undefined>("clusterip") ?? "";
  const tcp = stringSlice(inv, "tcp");
  const externalName = inv.flag<string | undefined>("external-name") ?? "";
  if (clusterIP === "None" && type !== "ClusterIP") throw new KubectlError("ClusterIP=None can only be used with ClusterIP service type");
  if (clusterIP !== "None" && tcp.length === 0 && type !== "ExternalName") throw new KubectlError("at least one tcp port specifier must be provided");
  if (type === "ExternalName") {
    requireFlag(inv, "external-name");
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName) || externalName.length > 253) {
      throw new KubectlError(`invalid service external name ${externalName}`);
    }
  }
  const nodePort = inv.flag<number | undefined>("node-port") ?? 0;
  const ports = tcp.map((spec) => {
    const [port, targetPort] = parsePorts(spec);
    return { name: spec.replace(/:/g, "-"), protocol: "TCP", port, targetPort, ...(nodePort ? { nodePort } : {}) };
  });
  const spec: Record<string, unknown> = {};
  if (ports.length > 0) spec.ports = ports;
  spec.selector = { app: name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (externalName) spec.externalName = externalName;
  const service: KObject = {
    kind: "Service",
    apiVersion: "v1",
    metadata: typedMeta(name, { namespace: enforcedNamespace(inv), labels: { app: name } }),
    spec,
    status: { loadBalancer: {} },
  };
  return createGenerated(inv, service, { failureWhat: `${type} service` });
}

const TCP_FLAG = { name: "tcp", type: "stringArray" as const, help: "Port pairs can be specified as '<port>:<targetPort>'." };

export const createServiceClusterIP: Verb = {
  name: "create service clusterip",
  aliases: ["create svc clusterip"],
  summary: "Create a ClusterIP service",
  usage: "kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]",
  flags: [...GENERATOR_FLAGS, TCP_FLAG, { name: "clusterip", type: "string", help: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." }],
  run: (inv) => runService(inv, "ClusterIP"),
};

export const createServiceNodePort: Verb = {
  name: "create service nodeport",
  aliases: ["create svc nodeport"],
  summary: "Create a NodePort service",
  usage: "kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
  flags: [...GENERATOR_FLAGS, TCP_FLAG, { name: "node-port", type: "int", default: 0, help: "Port used to expose the service on each node in a cluster." }],
  run: (inv) => runService(inv, "NodePort"),
};

export const createServiceLoadBalancer: Verb = {
  name: "create service loadbalancer",
  aliases: ["create svc loadbalancer"],
  summary: "Create a LoadBalancer service",
  usage: "kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
  flags: [...GENERATOR_FLAGS, TCP_FLAG],
  run: (inv) => runService(inv, "LoadBalancer"),
};

export const createServiceExternalName: Verb = {
  name: "create service externalname",
  aliases: ["create svc externalname"],
  summary: "Create an ExternalName service",
  usage: "kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]",
  flags: [...GENERATOR_FLAGS, TCP_FLAG, { name: "external-name", type: "string", help: "External name of service" }],
  run: (inv) => runService(inv, "ExternalName"),
};
