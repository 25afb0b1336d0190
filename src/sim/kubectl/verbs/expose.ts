/**
 * `kubectl expose (-f FILENAME | TYPE NAME) [--port] [--protocol] [--target-port] [--name]
 * [--type] [--selector] [--labels] [--external-ip] [--load-balancer-ip] [--session-affinity]
 * [--cluster-ip]`: makes a Service for a pod, service, replication controller, deployment or
 * replica set, taking the selector, ports, protocols and labels from the object as kubectl's
 * polymorphic helpers do, and prints `service/NAME exposed`.
 */
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { buildInfos } from "../builder";
import { KubectlError } from "../kubectl";
import { ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { FILENAME_FLAGS } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, SAVE_CONFIG_FLAG } from "../write-options";
import { typedMeta } from "./create/common";
import { lastAppliedValue, LAST_APPLIED_ANNOTATION } from "../apply/last-applied";

const EXPOSABLE = new Set(["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"]);

/** CanBeExposedFn: the error names the GroupKind ("StatefulSet.apps"). */
function canBeExposed(kind: string, group: string): void {
  if (!EXPOSABLE.has(kind)) throw new KubectlError(`cannot expose a ${group ? `${kind}.${group}` : kind}`);
}

function podSpecOf(obj: KObject): Record<string, any> | undefined {
  return obj.kind === "Pod" ? obj.spec : obj.spec?.template?.spec;
}

/** MapBasedSelectorForObjectFn. */
function selectorFor(obj: KObject): Record<string, string> {
  switch (obj.kind) {
    case "Pod": {
      const labels = obj.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) throw new Error("the pod has no labels and cannot be exposed");
      return labels;
    }
    case "Service":
      if (!obj.spec?.selector) throw new Error("the service has no pod selector set");
      return obj.spec.selector;
    case "ReplicationController":
      return obj.spec?.selector ?? {};
    default: {
      const sel = obj.spec?.selector ?? {};
      if ((sel.matchExpressions ?? []).length > 0) throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return sel.matchLabels ?? {};
    }
  }
}

/** PortsForObjectFn and MultiProtocolsForObjectFn: ports as strings, each with its protocols. */
function portsFor(obj: KObject): { port: string; protocols: string[] }[] {
  const out: { port: string; protocols: string[] }[] = [];
  const add = (port: number, protocol: string | undefined) => {
    const p = String(port);
    const existing = out.find((x) => x.port === p);
    if (existing) {
      if (!existing.protocols.includes(protocol ?? "TCP")) existing.protocols.push(protocol ?? "TCP");
    } else out.push({ port: p, protocols: [protocol ?? "TCP"] });
  };
  if (obj.kind === "Service") for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

function parseLabelSpec(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const spec of text.split(",")) {
    const parts = spec.split("=");
    if (parts.length !== 2) throw new KubectlError(`unexpected label spec: ${spec}`);
    if (parts[0] === "") throw new KubectlError("unexpected empty label key");
    labels[parts[0]] = parts[1];
  }
  return labels;
}

/** createService: the Service kubectl expose builds. */
function buildService(inv: Invocation, obj: KObject): KObject {
  const name = inv.flag<string | undefined>("name") || obj.metadata.name!.slice(0, 63);
  let selector: Record<string, string>;
  const selectorFlag = inv.flag<string | undefined>("selector") ?? "";
  if (selectorFlag) selector = parseLabelSpec(selectorFlag);
  else {
    try {
      selector = selectorFor(obj);
    } catch (e) {
      throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  if (Object.keys(selector).length === 0) throw new KubectlError("selector must be specified");
  const clusterIP = inv.flag<string | undefined>("cluster-ip") ?? "";
  const portFlag = inv.flag<string | undefined>("port") ?? "";
  const discovered = portsFor(obj);
  let portList: string[];
  if (portFlag) portList = [portFlag];
  else {
    if (discovered.length === 0 && clusterIP !== "None") throw new KubectlError("couldn't find port via --port flag or introspection");
    portList = discovered.map((p) => p.port);
  }
  const protocolFlag = inv.flag<string | undefined>("protocol") ?? "";
  const ports: Record<string, unknown>[] = [];
  portList.forEach((text, i) => {
    if (!/^-?\d+$/.test(text)) throw new KubectlError(`strconv.Atoi: parsing "${text}": invalid syntax`);
    const port = Number(text);
    const name = portList.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = protocolFlag || "TCP";
    if (!protocolFlag) {
      const protocols = discovered.find((p) => p.port === text)?.protocols ?? [];
      if (protocols.length > 1) {
        for (const p of protocols) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, port, protocol: p });
        return;
      }
      if (protocols.length === 1) protocol = protocols[0];
    }
    ports.push({ ...(name ? { name } : {}), port, protocol });
  });
  const target = inv.flag<string | undefined>("target-port") ?? "";
  for (const p of ports) p.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port;
  const labelsFlag = inv.flag<string | undefined>("labels") ?? "";
  const labels = labelsFlag ? parseLabelSpec(labelsFlag) : (obj.metadata.labels ?? {});
  const spec: Record<string, unknown> = { ports, selector };
  const externalIP = inv.flag<string | undefined>("external-ip") ?? "";
  if (externalIP) spec.externalIPs = [externalIP];
  const type = inv.flag<string | undefined>("type") ?? "";
  if (type) spec.type = type;
  if (type === "LoadBalancer" && inv.flag<string | undefined>("load-balancer-ip")) spec.loadBalancerIP = inv.flag<string>("load-balancer-ip");
  const affinity = inv.flag<string | undefined>("session-affinity") ?? "";
  if (affinity) {
    if (affinity !== "None" && affinity !== "ClientIP") throw new KubectlError(`unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  if (clusterIP) spec.clusterIP = clusterIP;
  return {
    kind: "Service",
    apiVersion: "v1",
    metadata: typedMeta(name, { namespace: inv.isSet("namespace") ? inv.namespace : undefined, labels }),
    spec,
    status: { loadBalancer: {} },
  };
}

export const expose: Verb = {
  name: "expose",
  summary: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
  usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    SAVE_CONFIG_FLAG,
    fieldManagerFlag("kubectl-expose"),
    { name: "protocol", type: "string", help: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: "port", type: "string", help: "The port that the service should serve on. Copied from the resource being exposed, if unspecified" },
    { name: "type", type: "string", help: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    { name: "load-balancer-ip", type: "string", help: "IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific)." },
    { name: "selector", type: "string", help: "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)" },
    { name: "labels", short: "l", type: "string", help: "Labels to apply to the service created by this call." },
    { name: "target-port", type: "string", help: "Name or number for the port on the container that the service should direct traffic to. Optional." },
    { name: "external-ip", type: "string", help: "Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP." },
    { name: "name", type: "string", help: "The name for the newly created object." },
    { name: "session-affinity", type: "string", help: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: "cluster-ip", type: "string", help: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
  ],
  run(inv) {
    const dryRun = dryRunStrategy(inv);
    const { visits } = buildInfos(inv, { filenames: true, args: inv.args, requireObject: true });
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    for (const v of visits) {
      if (!v.info) throw v.error;
      const obj = v.info.object!;
      canBeExposed(v.info.info.kind, v.info.info.group);
      const service = buildService(inv, obj);
      if (dryRun === "client") {
        printer.print(service, "exposed", { typed: true });
        continue;
      }
      let body = deepClone(service);
      if (inv.flag<boolean | undefined>("save-config")) {
        body.metadata.annotations = { ...(body.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: lastAppliedValue(service, false) };
      }
      body = { ...body, metadata: { ...body.metadata, namespace: inv.namespace } };
      const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-expose", { dryRun: dryRun === "server" });
      try {
        const created = inv.cluster.api.create(body, request);
        printer.print(created, "exposed");
      } finally {
        printWarnings(inv, request.warnings);
      }
    }
    return 0;
  },
};
