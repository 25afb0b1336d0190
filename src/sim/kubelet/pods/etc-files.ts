/**
 * The files the kubelet manages inside every container: /etc/hosts (with its "# Kubernetes-managed
 * hosts file." header, the pod's own entry and hostAliases), /etc/resolv.conf by dnsPolicy, and the
 * pod's hostname (spec.hostname, subdomain, setHostnameAsFQDN).
 */
import type { Pod } from "kubernetes-types/core/v1";

/** The cluster DNS settings the kubelet is configured with (clusterDNS, clusterDomain). */
export const CLUSTER_DNS = { nameserver: "10.96.0.10", domain: "cluster.local" };

/** The node's own /etc/hosts and /etc/resolv.conf (what hostNetwork pods and dnsPolicy Default see). */
export const NODE_FILES = {
  hosts: (nodeName: string, nodeIP: string) => `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${nodeIP}\t${nodeName}\n`,
  resolvConf: { nameservers: ["172.18.0.1"], searches: [] as string[], options: ["edns0", "trust-ad", "ndots:0"] },
};

/** GeneratePodHostNameAndDomain (+ setHostnameAsFQDN). */
export function podHostname(pod: Pod): { hostname: string; domain: string; fqdn: string } {
  let hostname = pod.spec?.hostname || pod.metadata?.name || "";
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, "");
  const ns = pod.metadata?.namespace ?? "default";
  const domain = pod.spec?.subdomain ? `${pod.spec.subdomain}.${ns}.svc.${CLUSTER_DNS.domain}` : "";
  const fqdn = domain ? `${hostname}.${domain}` : hostname;
  return { hostname: pod.spec?.setHostnameAsFQDN && domain ? fqdn : hostname, domain, fqdn };
}

const MANAGED_HOSTS_HEADER = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

/** managedHostsFileContent. */
export function etcHosts(pod: Pod, podIPs: string[], node: { name: string; ip: string }): string {
  const aliases = pod.spec?.hostAliases ?? [];
  let aliasText = "";
  if (aliases.length > 0) {
    aliasText = "\n# Entries added by HostAliases.\n" + aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`).join("");
  }
  if (pod.spec?.hostNetwork) return `# Kubernetes-managed hosts file (host network).\n${NODE_FILES.hosts(node.name, node.ip)}${aliasText}`;
  const { hostname, domain } = podHostname(pod);
  const short = pod.spec?.hostname || pod.metadata?.name || "";
  // The pod's own lines joined once, after the header every pod shares: two pieces per pod's file.
  const lines: string[] = [];
  for (const ip of podIPs) lines.push(domain ? `${ip}\t${short}.${domain}\t${short}\n` : `${ip}\t${hostname}\n`);
  lines.push(aliasText);
  return MANAGED_HOSTS_HEADER + lines.join("");
}

/** resolv.conf texts already made: pods of a namespace and dnsPolicy all get the same one. */
const resolvTexts = new Map<string, string>();

function sharedText(text: string): string {
  const known = resolvTexts.get(text);
  if (known !== undefined) return known;
  if (resolvTexts.size < 1_024) resolvTexts.set(text, text);
  return text;
}

/** The resolv.conf a pod gets for its dnsPolicy and dnsConfig. */
export function resolvConf(pod: Pod): string {
  const spec = pod.spec ?? { containers: [] };
  let policy = spec.dnsPolicy ?? "ClusterFirst";
  if (policy === "ClusterFirst" && spec.hostNetwork) policy = "Default";
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const host = NODE_FILES.resolvConf;
  if (policy === "ClusterFirst" || policy === "ClusterFirstWithHostNet") {
    const ns = pod.metadata?.namespace ?? "default";
    const d = CLUSTER_DNS.domain;
    nameservers = [CLUSTER_DNS.nameserver];
    searches = [`${ns}.svc.${d}`, `svc.${d}`, d, ...host.searches];
    options = ["ndots:5"];
  } else if (policy === "Default") {
    nameservers = [...host.nameservers];
    searches = [...host.searches];
    options = [...host.options];
  }
  const cfg = spec.dnsConfig;
  if (cfg) {
    for (const n of cfg.nameservers ?? []) if (!nameservers.includes(n)) nameservers.push(n);
    for (const s of cfg.searches ?? []) if (!searches.includes(s)) searches.push(s);
    for (const o of cfg.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name ?? "";
      const i = options.findIndex((x) => x.split(":")[0] === o.name);
      if (i >= 0) options[i] = text;
      else options.push(text);
    }
  }
  const lines: string[] = [];
  if (searches.length > 0) lines.push(`search ${searches.join(" ")}\n`);
  for (const n of nameservers.slice(0, 3)) lines.push(`nameserver ${n}\n`);
  if (options.length > 0) lines.push(`options ${options.join(" ")}\n`);
  return sharedText(lines.join(""));
}
