/**
 * `kubectl cluster-info`: the control plane's address and every kube-system service labelled
 * kubernetes.io/cluster-service=true, reached through the API server's service proxy.
 */
import { kindInfo } from "../../api/kinds";
import { SERVER_URL } from "../kubeconfig";
import { listObjects } from "../select";
import type { Verb } from "../verb";

/** utilnet.JoinSchemeNamePort. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

export const clusterInfo: Verb = {
  name: "cluster-info",
  summary: "Display cluster information",
  usage: "kubectl cluster-info [flags] [options]",
  flags: [],
  run(inv) {
    const namespace = inv.isSet("namespace") ? inv.namespace : "kube-system";
    const services = listObjects(inv.cluster, kindInfo("Service")!, { namespace, labelSelector: "kubernetes.io/cluster-service=true" });
    let out = `Kubernetes control plane is running at ${SERVER_URL}\n`;
    for (const svc of services) {
      let link = "";
      const ingress = svc.status?.loadBalancer?.ingress ?? [];
      if (ingress.length > 0) {
        const ip = ingress[0].ip || ingress[0].hostname;
        for (const p of svc.spec?.ports ?? []) link += `http://${ip}:${p.port} `;
      } else {
        let name = svc.metadata.name ?? "";
        const ports = svc.spec?.ports ?? [];
        if (ports.length > 0) {
          const port = ports[0];
          const scheme = port.name === "https" || port.port === 443 ? "https" : "";
          name = joinSchemeNamePort(scheme, name, port.name ?? "");
        }
        link = `${SERVER_URL}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      out += `${svc.metadata.labels?.["kubernetes.io/name"] || svc.metadata.name} is running at ${link}\n`;
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    inv.out(out);
    return 0;
  },
};
