/**
 * The pages nginx writes itself when ingress-nginx has nothing to proxy to: 404 from the default
 * backend, 503 for a backend without endpoints, 502/504 when an endpoint fails. ingress-nginx runs
 * with server_tokens off, so the footer says plain "nginx".
 */
import type { HttpResponse } from "../types";

/** nginx's own reason phrases (they differ from the HTTP ones for 503 and 504). */
const TITLES: Record<number, string> = {
  404: "404 Not Found",
  502: "502 Bad Gateway",
  503: "503 Service Temporarily Unavailable",
  504: "504 Gateway Time-out",
};

/** The error page nginx answers with for `status`. */
export function nginxErrorPage(status: 404 | 502 | 503 | 504): HttpResponse {
  const title = TITLES[status];
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { "content-type": "text/html", "content-length": String(body.length), connection: "keep-alive" }, body };
}
