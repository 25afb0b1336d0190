/**
 * Probe and lifecycle-hook validation: exactly one handler (exec, httpGet, tcpSocket, grpc, or sleep
 * for hooks), valid ports and schemes, non-negative timings, successThreshold 1 for liveness and
 * startup probes.
 */
import type { Lifecycle, LifecycleHandler, Probe } from "kubernetes-types/core/v1";
import { FieldPath, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "./field";
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from "./names";

interface Handler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; scheme?: string; httpHeaders?: { name: string }[] };
  tcpSocket?: { port: number | string };
  grpc?: { port: number };
  sleep?: { seconds: number };
}

/** ValidatePortNumOrName: a port number 1-65535 or an IANA service name. */
export function validatePortNumOrName(port: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof port === "number") return invalidEach(path, port, isValidPortNum(port));
  if (typeof port === "string") return invalidEach(path, port, isValidPortName(port));
  return invalidEach(path, 0, isValidPortNum(0));
}

function validateHandler(h: Handler, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (key: keyof Handler, check: () => FieldError[]) => {
    if (h[key] === undefined) return;
    if (n > 0) errs.push(forbidden(path.child(key), "may not specify more than 1 handler type"));
    else {
      n++;
      errs.push(...check());
    }
  };
  one("exec", () => ((h.exec?.command ?? []).length === 0 ? [required(path.child("exec", "command"))] : []));
  one("httpGet", () => {
    const g = h.httpGet!;
    const p = path.child("httpGet");
    const out: FieldError[] = [];
    if (!g.path) out.push(required(p.child("path")));
    out.push(...validatePortNumOrName(g.port, p.child("port")));
    if (g.scheme !== "HTTP" && g.scheme !== "HTTPS") out.push(notSupported(p.child("scheme"), g.scheme ?? "", ["HTTP", "HTTPS"]));
    for (const header of g.httpHeaders ?? []) out.push(...invalidEach(p.child("httpHeaders"), header.name, isHTTPHeaderName(header.name)));
    return out;
  });
  one("tcpSocket", () => validatePortNumOrName(h.tcpSocket?.port, path.child("tcpSocket", "port")));
  one("grpc", () => validatePortNumOrName(h.grpc?.port ?? 0, path.child("grpc", "port")));
  one("sleep", () => {
    const s = h.sleep!.seconds;
    if (gracePeriod !== undefined && (s <= 0 || s > gracePeriod)) {
      return [invalid(path.child("sleep"), s, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
    }
    return [];
  });
  if (n === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

function nonNegative(value: number | undefined, path: FieldPath): FieldError[] {
  return (value ?? 0) < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];
}

/** validateProbe: one handler, non-negative timings, a positive probe-level grace period. */
export function validateProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler({ exec: probe.exec, httpGet: probe.httpGet, tcpSocket: probe.tcpSocket, grpc: probe.grpc }, gracePeriod, path);
  errs.push(...nonNegative(probe.initialDelaySeconds, path.child("initialDelaySeconds")));
  errs.push(...nonNegative(probe.timeoutSeconds, path.child("timeoutSeconds")));
  errs.push(...nonNegative(probe.periodSeconds, path.child("periodSeconds")));
  errs.push(...nonNegative(probe.successThreshold, path.child("successThreshold")));
  errs.push(...nonNegative(probe.failureThreshold, path.child("failureThreshold")));
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(path.child("terminationGracePeriodSeconds"), probe.terminationGracePeriodSeconds, "must be greater than 0"));
  }
  return errs;
}

/** Liveness and startup probes must have successThreshold 1. */
export function validateLivenessProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.successThreshold !== 1) errs.push(invalid(path.child("successThreshold"), probe.successThreshold ?? 0, "must be 1"));
  return errs;
}

export const validateStartupProbe = validateLivenessProbe;

/** Readiness probes may not set their own terminationGracePeriodSeconds. */
export function validateReadinessProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.terminationGracePeriodSeconds !== undefined) errs.push(invalid(path.child("terminationGracePeriodSeconds"), probe.terminationGracePeriodSeconds, "must not be set for readinessProbes"));
  return errs;
}

/** validateLifecycle: postStart and preStop hooks. */
export function validateLifecycle(lifecycle: Lifecycle | undefined, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!lifecycle) return [];
  const errs: FieldError[] = [];
  const hook = (h: LifecycleHandler | undefined, name: string) => {
    if (h) errs.push(...validateHandler(h as Handler, gracePeriod, path.child(name)));
  };
  hook(lifecycle.postStart, "postStart");
  hook(lifecycle.preStop, "preStop");
  return errs;
}
