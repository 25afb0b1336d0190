/**
 * The internet beyond the cluster, as far as lessons need it: a few well-known sites that answer
 * HTTP (and HTTPS, which the simulated clients treat alike), and the public resolvers. Any other
 * name does not exist; any other address never answers.
 */
import type { HttpRequest, HttpResponse } from "./types";

interface Site {
  names: string[];
  ip: string;
  /** Plain HTTP answers with a redirect to HTTPS, as most sites do. */
  redirectToHttps: boolean;
  pages: Record<string, { contentType: string; body: string }>;
}

const SITES: Site[] = [
  {
    names: ["kubernetes.io", "www.kubernetes.io"],
    ip: "147.75.40.148",
    redirectToHttps: true,
    pages: {
      "/": {
        contentType: "text/html",
        body:
          "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Kubernetes</title>\n</head>\n<body>\n" +
          "<h1>Production-Grade Container Orchestration</h1>\n" +
          "<p>Kubernetes is an open source system for automating deployment, scaling, and management of containerized applications.</p>\n" +
          "</body>\n</html>\n",
      },
    },
  },
  {
    names: ["example.com", "www.example.com"],
    ip: "93.184.215.14",
    redirectToHttps: false,
    pages: {
      "/": {
        contentType: "text/html; charset=UTF-8",
        body:
          "<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n</head>\n<body>\n<div>\n    <h1>Example Domain</h1>\n" +
          "    <p>This domain is for use in illustrative examples in documents.</p>\n</div>\n</body>\n</html>\n",
      },
    },
  },
  {
    names: ["www.google.com", "google.com"],
    ip: "142.250.185.68",
    redirectToHttps: false,
    pages: { "/": { contentType: "text/html; charset=ISO-8859-1", body: "<!doctype html><html><head><title>Google</title></head><body></body></html>\n" } },
  },
  {
    names: ["github.com", "www.github.com"],
    ip: "140.82.121.4",
    redirectToHttps: true,
    pages: { "/": { contentType: "text/html; charset=utf-8", body: "<!DOCTYPE html>\n<html lang=\"en\"><head><title>GitHub</title></head><body></body></html>\n" } },
  },
];

/** Public resolvers that answer internet names (the nodes' upstream included). */
export const PUBLIC_RESOLVERS = new Set(["8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9"]);

/** The address of an internet name, if the name exists. */
export function internetAddress(name: string): string | undefined {
  const n = name.replace(/\.$/, "").toLowerCase();
  return SITES.find((s) => s.names.includes(n))?.ip;
}

/** True when some internet host answers on this address and port (80 and 443 only). */
export function internetListens(ip: string, port: number): boolean {
  return (port === 80 || port === 443) && SITES.some((s) => s.ip === ip);
}

/** An internet site's answer to an HTTP request. */
export function internetHttp(ip: string, req: HttpRequest): HttpResponse {
  const site = SITES.find((s) => s.ip === ip)!;
  const host = (req.headers["host"] ?? site.names[0]).replace(/:\d+$/, "");
  if (site.redirectToHttps && req.scheme === "http") {
    return { status: 301, headers: { location: `https://${host}${req.path}`, "content-type": "text/html" }, body: "<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n</body>\r\n</html>\r\n" };
  }
  const page = site.pages[req.path.split("?")[0]];
  if (!page) return { status: 404, headers: { "content-type": "text/html" }, body: "<html><body><h1>404 Not Found</h1></body></html>\n" };
  return { status: 200, headers: { "content-type": page.contentType }, body: req.method === "HEAD" ? "" : page.body };
}
