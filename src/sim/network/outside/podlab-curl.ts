/**
 * `podlab curl [options] URL`: curl run on the user's machine, outside the cluster — the host a kind
 * cluster runs on. From there the nodes' addresses (172.18.0.x: NodePorts), MetalLB's addresses
 * (172.18.255.x: LoadBalancers) and `localhost` ports 80 and 443 (kind's extraPortMappings to the
 * control-plane node, where ingress-nginx listens) are reachable; pod IPs and ClusterIPs are not
 * (the connection times out). Names resolve as if /etc/hosts mapped each Ingress rule's host to the
 * Ingress's ADDRESS (the ingress guides' step), else through public DNS; `--resolve` and `-H "Host:"`
 * work as in curl. Output, errors and exit codes are curl's; the command takes the virtual time the
 * exchange took.
 */
import type { Cluster, PodlabCommand } from "../../cluster";
import { inCidr, isIPv4 } from "../cidr";
import { curlError } from "../client-errors";
import { POD_CIDR, SERVICE_CIDR } from "../data";
import { podNetwork } from "../fabric";
import { parseUrl, serializeResponse } from "../http";
import { ingressNginx } from "../ingress/ingress-nginx";
import { internetAddress } from "../internet";

/** Host ports kind maps from the user's machine to the control-plane node (the ingress guide's config). */
export const KIND_PORT_MAPPINGS = [80, 443];
/** How long a connect waits with no -m/--connect-timeout (the kernel's SYN retries). */
const CONNECT_TIMEOUT_MS = 130_000;

interface CurlOptions {
  include: boolean;
  head: boolean;
  silent: boolean;
  showError: boolean;
  failOnError: boolean;
  method: string | undefined;
  data: string | undefined;
  headers: Record<string, string>;
  maxTimeMs: number | undefined;
  resolve: Map<string, string>;
  writeOut: string | undefined;
  url: string | undefined;
}

function parseArgs(args: string[]): CurlOptions {
  const o: CurlOptions = { include: false, head: false, silent: false, showError: false, failOnError: false, method: undefined, data: undefined, headers: {}, maxTimeMs: undefined, resolve: new Map(), writeOut: undefined, url: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i] ?? "";
    if (a === "-i" || a === "--include") o.include = true;
    else if (a === "-I" || a === "--head") o.head = true;
    else if (a === "-s" || a === "--silent") o.silent = true;
    else if (a === "-S" || a === "--show-error") o.showError = true;
    else if (a === "-f" || a === "--fail") o.failOnError = true;
    else if (a === "-X" || a === "--request") o.method = next();
    else if (a === "-d" || a === "--data" || a === "--data-raw") o.data = next();
    else if (a === "-H" || a === "--header") {
      const h = next();
      const c = h.indexOf(":");
      if (c > 0) o.headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
    } else if (a === "-m" || a === "--max-time" || a === "--connect-timeout") o.maxTimeMs = Number(next()) * 1000;
    else if (a === "-w" || a === "--write-out") o.writeOut = next();
    else if (a === "--resolve") {
      const [host, port, addr] = next().split(":");
      if (host && addr) o.resolve.set(`${host}:${port}`, addr);
    } else if (/^-[isSfI]+$/.test(a)) {
      o.include ||= a.includes("i");
      o.silent ||= a.includes("s");
      o.showError ||= a.includes("S");
      o.failOnError ||= a.includes("f");
      o.head ||= a.includes("I");
    } else if (a.startsWith("-")) continue;
    else o.url = a;
  }
  return o;
}

/** What a name means on the user's machine. */
function resolveOutside(cluster: Cluster, host: string, port: number, resolve: Map<string, string>): string | undefined {
  const forced = resolve.get(`${host}:${port}`);
  if (forced) return forced;
  if (isIPv4(host)) return host;
  if (host === "localhost") return "127.0.0.1";
  const ingress = ingressNginx(cluster);
  for (const ing of ingress?.served() ?? []) {
    const named = (ing.spec?.rules ?? []).some((r: { host?: string }) => r.host && (r.host === host || (r.host.startsWith("*.") && host.endsWith(r.host.slice(1)) && !host.slice(0, -r.host.length + 1).includes("."))));
    const address: { ip?: string; hostname?: string } | undefined = ing.status?.loadBalancer?.ingress?.[0];
    if (named && address) return address.ip ?? (address.hostname === "localhost" ? "127.0.0.1" : internetAddress(address.hostname ?? ""));
  }
  return internetAddress(host);
}

/** Runs one curl from outside the cluster. */
export async function podlabCurl(cluster: Cluster, args: string[], out: (t: string) => void, err: (t: string) => void = out): Promise<number> {
  const o = parseArgs(args);
  if (!o.url) {
    err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(o.url.includes("://") ? o.url : `http://${o.url}`);
  if (!u) {
    err("curl: (3) URL rejected: Bad hostname\n");
    return 3;
  }
  const timeoutMs = o.maxTimeMs ?? CONNECT_TIMEOUT_MS;
  const fail = async (error: Parameters<typeof curlError>[0], elapsedMs: number) => {
    const e = curlError(error, u.host, u.port, elapsedMs, o.maxTimeMs);
    await cluster.advance(elapsedMs);
    if (!o.silent || o.showError) err(`${e.message}\n`);
    return e.exitCode;
  };
  let ip = resolveOutside(cluster, u.host, u.port, o.resolve);
  if (!ip) return fail("nxdomain", 0);
  const port = u.port;
  if (ip.startsWith("127.")) {
    if (!KIND_PORT_MAPPINGS.includes(port)) return fail("refused", 0);
    const node = ingressNginx(cluster)?.node ?? cluster.nodeSettings[0]?.name ?? "";
    ip = podNetwork(cluster).nodeIP(node) ?? ip;
  }
  // The user's machine has no route into the pod network or to Service virtual IPs.
  if (inCidr(ip, cluster.options.clusterCIDR ?? POD_CIDR) || inCidr(ip, SERVICE_CIDR)) return fail("timeout", timeoutMs);
  const headers: Record<string, string> = { "user-agent": "curl/8.11.1", accept: "*/*", ...o.headers };
  if (!headers["host"]) headers["host"] = u.port === (u.scheme === "https" ? 443 : 80) ? u.host : `${u.host}:${u.port}`;
  const method = o.method ?? (o.head ? "HEAD" : o.data !== undefined ? "POST" : "GET");
  const r = podNetwork(cluster).http(undefined, { host: ip, port, path: u.path, method, headers, body: o.data, scheme: u.scheme, timeoutMs });
  if (!r.ok) return fail(r.error, r.elapsedMs);
  await cluster.advance(r.elapsedMs);
  const res = r.response;
  if (o.failOnError && res.status >= 400) {
    if (!o.silent || o.showError) err(`curl: (22) The requested URL returned error: ${res.status}\n`);
    return 22;
  }
  let text = o.include || o.head ? serializeResponse({ ...res, body: "" }) : "";
  if (!o.head) text += res.body;
  if (o.writeOut) text += o.writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, "\n");
  out(text);
  return 0;
}

/** The `podlab curl` command. */
export const curlCommand: PodlabCommand = {
  name: "curl",
  usage: "podlab curl [-i] [-s] [-H HEADER] [--resolve HOST:PORT:ADDR] [-m SECS] URL",
  summary: "Send an HTTP request from outside the cluster (your machine)",
  run: (args, cluster, out, io) => podlabCurl(cluster, args, out, io?.err),
};
