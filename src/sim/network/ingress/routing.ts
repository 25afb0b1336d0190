/**
 * How ingress-nginx turns Ingress rules into nginx servers and locations, and which location a
 * request lands in: a server per host (exact names first, then `*.domain` wildcards of one label,
 * then the catch-all `_` server that host-less rules and defaultBackends live in); within a server
 * an Exact path (`location =`) wins, then the longest matching Prefix (whole path elements, a
 * trailing slash ignored) or ImplementationSpecific path (a plain nginx prefix, or a regular
 * expression with `use-regex`); when two Ingresses claim the same host and path the older one wins.
 * What no location takes goes to the Ingress's defaultBackend, else the controller's default
 * backend (404).
 */
import type { KObject } from "../../api/types";

/** A backend an Ingress names: a Service port by number or name. */
export interface ServiceBackend {
  name: string;
  port: { number?: number; name?: string };
}

/** Where a request goes. */
export type Route =
  | { kind: "service"; ingress: KObject; backend: ServiceBackend; path: string; rewritten: string }
  | { kind: "default" };

const REWRITE = "nginx.ingress.kubernetes.io/rewrite-target";
const USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";

interface Location {
  ingress: KObject;
  path: string;
  pathType: string;
  backend: ServiceBackend;
}

/** Routes a request (Host header without port, path with query) across the Ingresses served. */
export function route(ingresses: KObject[], host: string, fullPath: string): Route {
  const sorted = [...ingresses].sort((a, b) => String(a.metadata.creationTimestamp ?? "").localeCompare(String(b.metadata.creationTimestamp ?? "")) || a.metadata.name!.localeCompare(b.metadata.name!));
  const reqHost = host.toLowerCase().replace(/:\d+$/, "");
  const hosts = new Set<string>();
  for (const ing of sorted) for (const r of ing.spec?.rules ?? []) if (r.host) hosts.add(r.host.toLowerCase());
  let server = "_";
  if (hosts.has(reqHost)) server = reqHost;
  else {
    const dot = reqHost.indexOf(".");
    const wildcard = dot > 0 ? `*${reqHost.slice(dot)}` : "";
    if (wildcard && hosts.has(wildcard)) server = wildcard;
  }
  const locations: Location[] = [];
  const owners: KObject[] = [];
  for (const ing of sorted) {
    for (const rule of ing.spec?.rules ?? []) {
      if ((rule.host ? rule.host.toLowerCase() : "_") !== server) continue;
      if (!owners.includes(ing)) owners.push(ing);
      for (const p of rule.http?.paths ?? []) {
        if (!p.backend?.service) continue;
        locations.push({ ingress: ing, path: p.path || "/", pathType: p.pathType ?? "ImplementationSpecific", backend: p.backend.service });
      }
    }
  }
  const path = fullPath.split("?")[0] || "/";
  const query = fullPath.includes("?") ? fullPath.slice(fullPath.indexOf("?")) : "";
  const candidates = locations.filter((l) => pathMatches(l, path));
  const exact = candidates.find((l) => l.pathType === "Exact");
  const best = exact ?? candidates.sort((a, b) => b.path.length - a.path.length)[0];
  if (best) return { kind: "service", ingress: best.ingress, backend: best.backend, path: best.path, rewritten: rewrite(best, path) + query };
  // The default backend of an Ingress serving this host, or (for the catch-all server) of any Ingress.
  const fallback = (server === "_" ? sorted : owners).find((i) => i.spec?.defaultBackend?.service);
  if (fallback) return { kind: "service", ingress: fallback, backend: fallback.spec.defaultBackend.service, path: "/", rewritten: fullPath };
  return { kind: "default" };
}

function usesRegex(l: Location): boolean {
  return l.ingress.metadata.annotations?.[USE_REGEX] === "true" || !!l.ingress.metadata.annotations?.[REWRITE];
}

function pathMatches(l: Location, path: string): boolean {
  if (l.pathType === "Exact") return path === l.path;
  // With use-regex (implied by rewrite-target) every location is a case-insensitive regex.
  if (usesRegex(l)) return regexFor(l.path)?.test(path) ?? false;
  switch (l.pathType) {
    case "Prefix": {
      const base = l.path.replace(/\/+$/, "");
      return base === "" || path === base || path.startsWith(`${base}/`);
    }
    default:
      return path.startsWith(l.path);
  }
}

function regexFor(path: string): RegExp | undefined {
  try {
    return new RegExp(`^${path}`, "i");
  } catch {
    return undefined;
  }
}

/** rewrite-target: the whole URI becomes the target, with $1.. from the path's capture groups. */
function rewrite(l: Location, path: string): string {
  const target: string | undefined = l.ingress.metadata.annotations?.[REWRITE];
  if (!target) return path;
  const m = regexFor(l.path)?.exec(path);
  if (!m) return path;
  return target.replace(/\$(\d)/g, (_s, n: string) => m[Number(n)] ?? "");
}
