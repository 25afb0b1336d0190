/**
 * How each client words a failed connection: Go's net package (the kubelet's probes, Go servers),
 * busybox wget and nc, curl. The fabric decides what happened; these say it as the real tools do.
 */
import type { ConnectError } from "./types";

/** errno texts (glibc strerror). */
const ERRNO_TEXT: Record<string, string> = {
  refused: "Connection refused",
  timeout: "Connection timed out",
  unreachable: "No route to host",
  reset: "Connection reset by peer",
};

/** Go's dial error: "dial tcp 10.244.1.5:8080: connect: connection refused". */
export function goDialError(error: ConnectError, host: string, ip: string | undefined, port: number, nameserver?: string): string {
  const addr = `${ip ?? host}:${port}`;
  switch (error) {
    case "refused":
      return `dial tcp ${addr}: connect: connection refused`;
    case "unreachable":
      return `dial tcp ${addr}: connect: no route to host`;
    case "reset":
      return `read tcp ${addr}: read: connection reset by peer`;
    case "nxdomain":
      return `dial tcp: lookup ${host}${nameserver ? ` on ${nameserver}:53` : ""}: no such host`;
    case "dns-timeout":
      return `dial tcp: lookup ${host}${nameserver ? ` on ${nameserver}:53` : ""}: i/o timeout`;
    case "timeout":
      return `dial tcp ${addr}: i/o timeout`;
  }
}

/**
 * What Go's http.Client.Get returns on failure, as the kubelet's HTTP prober reports it:
 * `Get "http://10.244.1.5:8080/healthz": dial tcp 10.244.1.5:8080: connect: connection refused`.
 */
export function goHttpGetError(url: string, error: ConnectError | "eof" | "malformed", host: string, ip: string | undefined, port: number, detail?: string): string {
  const prefix = `Get "${url}": `;
  if (error === "timeout") return `${prefix}context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
  if (error === "eof") return `${prefix}EOF`;
  if (error === "malformed") return `${prefix}net/http: HTTP/1.x transport connection broken: malformed HTTP response ${JSON.stringify(detail ?? "")}`;
  return prefix + goDialError(error, host, ip, port);
}

/** busybox wget's message for a failed connection or lookup. */
export function wgetError(error: ConnectError | "eof" | "malformed", host: string, ip: string | undefined): string {
  if (error === "nxdomain" || error === "dns-timeout") return `wget: bad address '${host}'`;
  if (error === "eof") return "wget: error getting response";
  if (error === "malformed") return "wget: server returned error: HTTP/1.1 000";
  return `wget: can't connect to remote host (${ip ?? host}): ${ERRNO_TEXT[error]}`;
}

/** busybox nc's message. */
export function ncError(error: ConnectError, host: string, ip: string | undefined): string {
  if (error === "nxdomain" || error === "dns-timeout") return `nc: bad address '${host}'`;
  return `nc: can't connect to remote host (${ip ?? host}): ${ERRNO_TEXT[error] ?? "Connection refused"}`;
}

/** curl's message and exit code. */
export function curlError(error: ConnectError | "eof" | "malformed", host: string, port: number, elapsedMs: number, maxTimeMs?: number): { message: string; exitCode: number } {
  const ms = Math.round(elapsedMs);
  switch (error) {
    case "nxdomain":
    case "dns-timeout":
      return { message: `curl: (6) Could not resolve host: ${host}`, exitCode: 6 };
    case "refused":
    case "unreachable":
    case "reset":
      return { message: `curl: (7) Failed to connect to ${host} port ${port} after ${ms} ms: Couldn't connect to server`, exitCode: 7 };
    case "timeout":
      return maxTimeMs !== undefined
        ? { message: `curl: (28) Connection timed out after ${ms} milliseconds`, exitCode: 28 }
        : { message: `curl: (28) Failed to connect to ${host} port ${port} after ${ms} ms: Couldn't connect to server`, exitCode: 28 };
    case "eof":
      return { message: "curl: (52) Empty reply from server", exitCode: 52 };
    case "malformed":
      return { message: "curl: (1) Received HTTP/0.9 when not allowed", exitCode: 1 };
  }
}
