/**
 * PodNetwork is the cluster's network fabric, the part CNI plugins and the kernel play: which network
 * namespace holds each IP (pods, and each node's host namespace), hostPort mappings, name
 * resolution, and dialing: a connection is refused, times out, has no route, or reaches a listening
 * socket. Everything is decided at once, with the virtual time it took attached.
 *
 * Later stages plug in through hooks instead of editing this file: DNS servers (CoreDNS answers on
 * the kube-dns Service IP), virtual routers (kube-proxy turns Service ClusterIPs and NodePorts into
 * endpoints), policy checks (NetworkPolicy) and reachability (faults: a node down, a partition).
 */
import type { Node } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import type { Cluster, Component } from "../cluster";
import { gatewayOf, inCidr, isIPv4, isLoopback } from "./cidr";
import { NETWORK_TIMINGS, NODE_CIDR, NODE_UPSTREAM_DNS, POD_CIDR } from "./data";
import { internetAddress, internetHttp, internetListens, PUBLIC_RESOLVERS } from "./internet";
import { NetNamespace } from "./netns";
import type { ConnectError, DialOutcome, HttpOutcome, HttpRequest, HttpResponse, Listener, SourceAddress } from "./types";
import { canonicalHeader, parseRawHttpResponse } from "./http";

/** A DNS answer. */
export interface DnsAnswer {
  /** "TIMEOUT": the query went unanswered (the server is down, or a policy dropped it). */
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "TIMEOUT";
  addresses: string[];
  /** The canonical name when the name was an alias (CNAME). */
  canonical?: string;
}

/** A DNS server reachable at some address (CoreDNS on the kube-dns ClusterIP). */
export type DnsServer = (name: string, from: NetNamespace | undefined) => DnsAnswer;

/**
 * Routes an address that no namespace holds (a Service ClusterIP, a NodePort on a node address):
 * the real destination, an error (no endpoints: refused), or undefined when it is not its address.
 */
export type VirtualRouter = (
  ip: string,
  port: number,
  protocol: string,
  from: NetNamespace | undefined,
) => { ip: string; port: number } | { error: ConnectError } | undefined;

/**
 * NetworkPolicy: may traffic from `from` reach `to` (undefined: an address outside the cluster,
 * `toIp`) on this port? False drops it (the client times out).
 */
export type PolicyCheck = (from: NetNamespace | undefined, to: NetNamespace | undefined, port: number, protocol: string, toIp: string) => boolean;

/** Faults: may traffic from one node reach another (a partition, a node that is down)? */
export type Reachability = (fromNode: string, toNode: string) => boolean;

/** How a client dials. */
export interface DialOptions {
  protocol?: "TCP" | "UDP" | "SCTP";
  timeoutMs?: number;
  /** /etc/hosts and /etc/resolv.conf of the dialing container, for names. */
  hostsFile?: string;
  resolvConf?: string;
}

/** An HTTP request a client sends. */
export interface ClientRequest extends DialOptions {
  host: string;
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  scheme?: "http" | "https";
  /** "HTTP/1.1" unless the client speaks 1.0 (nginx to its upstreams). */
  proto?: string;
}

export const POD_NETWORK = "pod-network";

export class PodNetwork implements Component {
  readonly name = POD_NETWORK;
  private cluster: Cluster | undefined;
  private readonly byIp = new Map<string, NetNamespace>();
  private readonly hostNs = new Map<string, NetNamespace>();
  private readonly hostPorts = new Map<string, { ns: NetNamespace; port: number }>();
  private readonly dnsServers = new Map<string, DnsServer>();
  private readonly routers: VirtualRouter[] = [];
  private readonly policies: PolicyCheck[] = [];
  private readonly reachability: Reachability[] = [];

  start(cluster: Cluster): void {
    this.cluster = cluster;
    const upstream: DnsServer = (name) => {
      const ip = internetAddress(name);
      return ip ? { rcode: "NOERROR", addresses: [ip] } : { rcode: "NXDOMAIN", addresses: [] };
    };
    this.registerDnsServer(NODE_UPSTREAM_DNS, upstream);
    for (const ip of PUBLIC_RESOLVERS) this.registerDnsServer(ip, upstream);
  }

  // ---- hooks ----------------------------------------------------------------------------------

  /** Serves DNS at `ip` (CoreDNS registers the kube-dns ClusterIP). Returns the unregister function. */
  registerDnsServer(ip: string, server: DnsServer): () => void {
    this.dnsServers.set(ip, server);
    return () => this.dnsServers.get(ip) === server && this.dnsServers.delete(ip);
  }

  registerRouter(router: VirtualRouter): () => void {
    this.routers.push(router);
    return () => this.routers.splice(this.routers.indexOf(router) >>> 0, 1);
  }

  registerPolicy(check: PolicyCheck): () => void {
    this.policies.push(check);
    return () => this.policies.splice(this.policies.indexOf(check) >>> 0, 1);
  }

  registerReachability(check: Reachability): () => void {
    this.reachability.push(check);
    return () => this.reachability.splice(this.reachability.indexOf(check) >>> 0, 1);
  }

  // ---- namespaces -----------------------------------------------------------------------------

  /** A pod's network namespace with its IP (the sandbox's). */
  createPodNamespace(ip: string, nodeName: string, pod: { uid: string; name: string; namespace: string }): NetNamespace {
    const ns = new NetNamespace(ip, nodeName, "pod", pod, 32_768 + this.random(28_000));
    this.byIp.set(ip, ns);
    return ns;
  }

  removeNamespace(ns: NetNamespace): void {
    if (this.byIp.get(ns.ip) === ns) this.byIp.delete(ns.ip);
    for (const [k, v] of this.hostPorts) if (v.ns === ns) this.hostPorts.delete(k);
  }

  /** A node's host network namespace (hostNetwork pods, the kubelet). */
  hostNamespace(nodeName: string): NetNamespace {
    let ns = this.hostNs.get(nodeName);
    if (!ns) {
      ns = new NetNamespace(this.nodeIP(nodeName) ?? "127.0.0.1", nodeName, "host", undefined, 32_768 + this.random(28_000));
      this.hostNs.set(nodeName, ns);
    }
    return ns;
  }

  /** The namespace holding an IP. */
  namespaceOf(ip: string): NetNamespace | undefined {
    return this.byIp.get(ip) ?? [...this.hostNs.values()].find((n) => n.ip === ip);
  }

  /** Maps hostIP:hostPort on a node to a pod's port. Throws when the host port is taken. */
  addHostPort(nodeName: string, hostPort: number, protocol: string, ns: NetNamespace, containerPort: number): () => void {
    const key = `${nodeName}/${protocol}/${hostPort}`;
    if (this.hostPorts.has(key)) throw new Error(`host port ${hostPort}/${protocol} is already allocated on node ${nodeName}`);
    this.hostPorts.set(key, { ns, port: containerPort });
    return () => this.hostPorts.delete(key);
  }

  /** The node's InternalIP. */
  nodeIP(nodeName: string): string | undefined {
    const node = this.cluster?.api.tryGet<Node & KObject>("Node", undefined, nodeName);
    return node?.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
  }

  /** The bridge address pods on the node see host traffic come from (10.244.1.1). */
  nodeGateway(nodeName: string): string | undefined {
    const node = this.cluster?.api.tryGet<Node & KObject>("Node", undefined, nodeName);
    return node?.spec?.podCIDR ? gatewayOf(node.spec.podCIDR) : undefined;
  }

  // ---- names ----------------------------------------------------------------------------------

  /**
   * Resolves a name as the C library does: /etc/hosts first, then each search domain (ndots) through
   * the first nameserver of resolv.conf. Returns the address or why it failed.
   */
  resolve(
    name: string,
    from: NetNamespace | undefined,
    opts: DialOptions = {},
  ): { ip: string; name: string; nameserver?: string; addresses?: string[]; alias?: string } | { error: "nxdomain" | "dns-timeout"; elapsedMs: number; nameserver?: string; tried: string[] } {
    if (isIPv4(name)) return { ip: name, name };
    if (isLoopback(name)) return { ip: "127.0.0.1", name };
    const fromHosts = lookupHosts(opts.hostsFile ?? "", name);
    if (fromHosts) return { ip: fromHosts, name };
    const conf = parseResolvConf(opts.resolvConf ?? `nameserver ${NODE_UPSTREAM_DNS}\n`);
    const nameserver = conf.nameservers.find((ip) => this.dnsServers.has(ip));
    const server = nameserver ? this.dnsServers.get(nameserver) : undefined;
    const absolute = name.endsWith(".");
    const bare = name.replace(/\.$/, "");
    const dots = bare.split(".").length - 1;
    const candidates = absolute ? [bare] : dots >= conf.ndots ? [bare, ...conf.search.map((s) => `${bare}.${s}`)] : [...conf.search.map((s) => `${bare}.${s}`), bare];
    if (!server) return { error: "dns-timeout", elapsedMs: NETWORK_TIMINGS.dnsTimeoutMs, nameserver: conf.nameservers[0], tried: candidates };
    for (const c of candidates) {
      const answer = server(c, from);
      if (answer.rcode === "TIMEOUT") return { error: "dns-timeout", elapsedMs: NETWORK_TIMINGS.dnsTimeoutMs, nameserver, tried: candidates };
      if (answer.rcode === "NOERROR" && answer.addresses.length > 0) {
        return { ip: answer.addresses[0], name: answer.canonical ?? c, nameserver, addresses: answer.addresses, ...(answer.canonical ? { alias: c } : {}) };
      }
    }
    return { error: "nxdomain", elapsedMs: 1, nameserver, tried: candidates };
  }

  // ---- dialing --------------------------------------------------------------------------------

  /** Dials host:port from a namespace (undefined: from outside the cluster). */
  dial(from: NetNamespace | undefined, host: string, port: number, opts: DialOptions = {}): DialOutcome {
    const protocol = opts.protocol ?? "TCP";
    const timeoutMs = opts.timeoutMs ?? NETWORK_TIMINGS.defaultClientTimeoutMs;
    const resolved = this.resolve(host, from, opts);
    if ("error" in resolved) return { ok: false, error: resolved.error, port, elapsedMs: Math.min(resolved.elapsedMs, timeoutMs) };
    let ip = resolved.ip;
    let dport = port;
    // Loopback stays in the caller's namespace.
    if (isLoopback(ip)) {
      if (!from) return { ok: false, error: "refused", ip, port, elapsedMs: 0 };
      const l = from.listener(port, protocol, true);
      if (!l) return { ok: false, error: "refused", ip, port, elapsedMs: 0 };
      return { ok: true, listener: l, ip, port, elapsedMs: 0.05, source: { ip: "127.0.0.1", port: from.ephemeralPort() } };
    }
    // The client's socket keeps the address it dialed (a ClusterIP); DNAT only changes where packets go.
    const dialedIp = ip;
    for (const r of this.routers) {
      const routed = r(ip, dport, protocol, from);
      if (!routed) continue;
      // A rule that drops (rather than rejects) leaves the client waiting for its timeout.
      if ("error" in routed) return { ok: false, error: routed.error, ip: dialedIp, port, elapsedMs: routed.error === "timeout" ? timeoutMs : 0.1 };
      ip = routed.ip;
      dport = routed.port;
      break;
    }
    let target = this.byIp.get(ip);
    let targetPort = dport;
    if (!target) {
      const host = [...this.hostNs.values()].find((n) => n.ip === ip) ?? this.hostForIp(ip);
      if (host) {
        const mapped = this.hostPorts.get(`${host.nodeName}/${protocol}/${dport}`);
        if (mapped) {
          target = mapped.ns;
          targetPort = mapped.port;
        } else target = host;
      }
    }
    if (!target) {
      if (internetListens(ip, dport) && (!from || this.canReachInternet(from, ip, dport, protocol))) {
        return { ok: true, listener: this.internetListener(ip, dport), ip: dialedIp, port, peer: { ip, port: dport }, elapsedMs: NETWORK_TIMINGS.internetRttMs / 2, source: { ip: from?.ip ?? "0.0.0.0", port: 40_000 } };
      }
      const local = inCidr(ip, this.cluster?.options.clusterCIDR ?? POD_CIDR) || inCidr(ip, NODE_CIDR);
      return local
        ? { ok: false, error: "unreachable", ip: dialedIp, port, elapsedMs: Math.min(NETWORK_TIMINGS.noRouteMs, timeoutMs) }
        : { ok: false, error: "timeout", ip: dialedIp, port, elapsedMs: timeoutMs };
    }
    const fromNode = from?.nodeName;
    if (fromNode && fromNode !== target.nodeName) {
      for (const reachable of this.reachability) if (!reachable(fromNode, target.nodeName)) return { ok: false, error: "timeout", ip: dialedIp, port, elapsedMs: timeoutMs };
    }
    for (const allows of this.policies) if (!allows(from, target, targetPort, protocol, target.ip)) return { ok: false, error: "timeout", ip: dialedIp, port, elapsedMs: timeoutMs };
    const listener = target.listener(targetPort, protocol, target === from);
    const rtt = fromNode === target.nodeName ? NETWORK_TIMINGS.sameNodeRttMs : NETWORK_TIMINGS.crossNodeRttMs;
    if (!listener) return { ok: false, error: "refused", ip: dialedIp, port, elapsedMs: rtt };
    const source = this.sourceAddress(from, target);
    listener.onConnect?.(source);
    return { ok: true, listener, ip: dialedIp, port, elapsedMs: rtt, source, peer: { ip: target.ip, port: targetPort } };
  }

  /** An HTTP exchange: dial, send the request, read the answer. */
  http(from: NetNamespace | undefined, req: ClientRequest): HttpOutcome {
    const timeoutMs = req.timeoutMs ?? NETWORK_TIMINGS.defaultClientTimeoutMs;
    const dial = this.dial(from, req.host, req.port, req);
    if (!dial.ok) return { ok: false, error: dial.error, ip: dial.ip, port: req.port, elapsedMs: dial.elapsedMs };
    const headers: Record<string, string> = {};
    const given = req.headers;
    if (given) for (const k in given) headers[k.toLowerCase()] = given[k];
    headers["host"] ??= req.port === (req.scheme === "https" ? 443 : 80) ? req.host : `${req.host}:${req.port}`;
    const request: HttpRequest = {
      method: req.method ?? "GET",
      path: req.path || "/",
      headers,
      body: req.body ?? "",
      proto: req.proto ?? "HTTP/1.1",
      scheme: req.scheme ?? "http",
      from: dial.source,
      to: dial.peer ?? { ip: dial.ip, port: dial.port },
    };
    const l = dial.listener;
    let response: HttpResponse | undefined;
    if (l.http) response = l.http(request);
    else if (l.raw) {
      const others = Object.entries(headers).filter(([k]) => k !== "host");
      const wire = `${request.method} ${request.path} ${request.proto}\r\nHost: ${headers.host}\r\n${others.map(([k, v]) => `${canonicalHeader(k)}: ${v}\r\n`).join("")}Connection: close\r\n\r\n${request.body}`;
      const r = l.raw(wire, dial.source);
      if (r.hang) return { ok: false, error: "timeout", ip: dial.ip, port: req.port, elapsedMs: timeoutMs };
      if (r.reply === "") return { ok: false, error: "eof", ip: dial.ip, port: req.port, elapsedMs: dial.elapsedMs };
      const parsed = parseRawHttpResponse(r.reply);
      if (!parsed) return { ok: false, error: "malformed", ip: dial.ip, port: req.port, elapsedMs: dial.elapsedMs, detail: r.reply.split(/\r?\n/)[0] };
      response = parsed;
    } else return { ok: false, error: "eof", ip: dial.ip, port: req.port, elapsedMs: dial.elapsedMs };
    if (response.hang) return { ok: false, error: "timeout", ip: dial.ip, port: req.port, elapsedMs: timeoutMs };
    const elapsed = dial.elapsedMs * 2 + (response.delayMs ?? 0);
    if (elapsed > timeoutMs) return { ok: false, error: "timeout", ip: dial.ip, port: req.port, elapsedMs: timeoutMs };
    if (response.hangUp) return { ok: false, error: "eof", ip: dial.ip, port: req.port, elapsedMs: elapsed };
    return { ok: true, response, ip: dial.ip, port: req.port, elapsedMs: elapsed };
  }

  private sourceAddress(from: NetNamespace | undefined, to: NetNamespace): SourceAddress {
    if (!from) return { ip: "172.18.0.1", port: 50_000 };
    // Host-to-pod traffic on one node leaves through the pod bridge, so pods see the gateway address.
    const ip = from.kind === "host" && to.kind === "pod" && from.nodeName === to.nodeName ? (this.nodeGateway(from.nodeName) ?? from.ip) : from.ip;
    return { ip, port: from.ephemeralPort() };
  }

  private hostForIp(ip: string): NetNamespace | undefined {
    for (const node of this.cluster?.api.list<Node & KObject>("Node") ?? []) {
      if (node.status?.addresses?.some((a) => a.type === "InternalIP" && a.address === ip)) return this.hostNamespace(node.metadata!.name!);
    }
    return undefined;
  }

  private canReachInternet(from: NetNamespace, ip: string, port: number, protocol: string): boolean {
    return this.policies.every((p) => p(from, undefined, port, protocol, ip));
  }

  private internetListener(ip: string, port: number): Listener {
    return {
      port,
      protocol: "TCP",
      address: "0.0.0.0",
      owner: { containerId: "", pid: 0, command: "internet" },
      http: (req) => internetHttp(ip, { ...req, scheme: port === 443 ? "https" : req.scheme }),
    };
  }

  private random(n: number): number {
    return this.cluster ? this.cluster.random.int(0, n) : 0;
  }
}

/** The fabric of a cluster (created on first use when the component list lacks it). */
export function podNetwork(cluster: Cluster): PodNetwork {
  let net = cluster.component<PodNetwork>(POD_NETWORK);
  if (!net) {
    net = new PodNetwork();
    cluster.addComponent(net);
  }
  return net;
}

function lookupHosts(hosts: string, name: string): string | undefined {
  for (const line of hosts.split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length >= 2 && isIPv4(fields[0]) && fields.slice(1).includes(name)) return fields[0];
  }
  return undefined;
}

/** The parts of resolv.conf a resolver uses. */
export function parseResolvConf(text: string): { nameservers: string[]; search: string[]; ndots: number } {
  const nameservers: string[] = [];
  let search: string[] = [];
  let ndots = 1;
  for (const line of text.split("\n")) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === "nameserver" && rest[0]) nameservers.push(rest[0]);
    else if (key === "search") search = rest;
    else if (key === "options") for (const o of rest) if (o.startsWith("ndots:")) ndots = Number(o.slice(6)) || 0;
  }
  return { nameservers, search, ndots };
}
