/**
 * The pod network's vocabulary: requests and responses as servers see them, listeners (a socket a
 * process listens on), and the outcome of a connection attempt. Everything here is computed at once
 * — a connection's virtual duration travels with its outcome (`elapsedMs`) — so callers never wait
 * on another process to learn what happened.
 */

/** Where a connection comes from. */
export interface SourceAddress {
  ip: string;
  port: number;
}

/** An HTTP request as a server receives it. */
export interface HttpRequest {
  method: string;
  /** Path with query string, as sent on the request line ("/healthz?x=1"). */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  /** "HTTP/1.1" or "HTTP/1.0". */
  proto: string;
  scheme: "http" | "https";
  from: SourceAddress;
  /** The address the client connected to (for logs such as http-echo's). */
  to: { ip: string; port: number };
}

/** What an HTTP server answers. */
export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
  /** Virtual ms the server takes before answering (a slow endpoint). */
  delayMs?: number;
  /** The server accepts the request but never answers (the client times out). */
  hang?: boolean;
  /** The server closes the connection without a response (Go: EOF). */
  hangUp?: boolean;
}

/** A socket a process listens on. */
export interface Listener {
  port: number;
  protocol: "TCP" | "UDP" | "SCTP";
  /** "0.0.0.0" (all addresses) or "127.0.0.1" (only reachable from inside the pod). */
  address: string;
  /** The process that owns it, for `netstat`/`ss`-style listings. */
  owner: { containerId: string; pid: number; command: string };
  /** Answers HTTP requests. Without it the port speaks some other protocol. */
  http?(req: HttpRequest): HttpResponse;
  /**
   * Raw TCP: the client sent `data` (possibly empty); the server replies with bytes and may close.
   * Used by `nc` servers and for what a non-HTTP server says to an HTTP client.
   */
  raw?(data: string, from: SourceAddress): { reply: string; close: boolean; hang?: boolean };
  /** gRPC health checking (grpc.health.v1): the status of `service` ("" = the server). */
  grpcHealth?(service: string): "SERVING" | "NOT_SERVING" | "SERVICE_UNKNOWN" | "UNKNOWN";
  /** Called after each accepted connection (servers that log or exit on connect, such as nc -l). */
  onConnect?(from: SourceAddress): void;
}

/** Why a connection failed, in the kernel's terms. */
export type ConnectError = "refused" | "timeout" | "unreachable" | "reset" | "nxdomain" | "dns-timeout";

/** The result of resolving and dialing an address. */
export type DialOutcome =
  | {
      ok: true;
      listener: Listener;
      /** The address and port the client dialed (a Service's ClusterIP stays that)... */
      ip: string;
      port: number;
      elapsedMs: number;
      source: SourceAddress;
      /** ...and where the connection really landed after kube-proxy's DNAT, when that differs. */
      peer?: { ip: string; port: number };
    }
  | { ok: false; error: ConnectError; ip?: string; port: number; elapsedMs: number };

/** The result of an HTTP exchange. */
export type HttpOutcome =
  | { ok: true; response: HttpResponse; ip: string; port: number; elapsedMs: number }
  | { ok: false; error: ConnectError | "malformed" | "eof"; ip?: string; port: number; elapsedMs: number; detail?: string };
