import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { route } from "./routing";

let t = 0;
function ingress(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace: "default", creationTimestamp: `2025-01-01T00:00:0${t++}Z`, annotations }, spec };
}
const backend = (name: string, number = 80) => ({ service: { name, port: { number } } });
const rule = (host: string | undefined, paths: [string, string, string][]) => ({ ...(host ? { host } : {}), http: { paths: paths.map(([path, pathType, svc]) => ({ path, pathType, backend: backend(svc) })) } });

function target(ings: KObject[], host: string, path: string): string {
  const r = route(ings, host, path);
  return r.kind === "default" ? "404" : `${r.backend.name} ${r.rewritten}`;
}

describe("ingress-nginx routing", () => {
  it("routes by host, then by the longest Prefix of whole path elements, Exact first", () => {
    const ings = [
      ingress("fanout", { rules: [rule("foo.bar.com", [["/foo", "Prefix", "service1"], ["/bar", "Prefix", "service2"], ["/foo/exact", "Exact", "exact"]])] }),
      ingress("vhosts", { rules: [rule("bar.foo.com", [["/", "Prefix", "service3"]]), rule("*.example.com", [["/", "Prefix", "wild"]])] }),
    ];
    expect(target(ings, "foo.bar.com", "/foo")).toBe("service1 /foo");
    expect(target(ings, "foo.bar.com", "/foo/x?y=1")).toBe("service1 /foo/x?y=1");
    expect(target(ings, "foo.bar.com", "/foobar")).toBe("404");
    expect(target(ings, "foo.bar.com", "/foo/exact")).toBe("exact /foo/exact");
    expect(target(ings, "foo.bar.com:80", "/bar/")).toBe("service2 /bar/");
    expect(target(ings, "bar.foo.com", "/anything")).toBe("service3 /anything");
    expect(target(ings, "a.example.com", "/")).toBe("wild /");
    expect(target(ings, "a.b.example.com", "/")).toBe("404");
    expect(target(ings, "other.com", "/foo")).toBe("404");
  });

  it("sends what no rule takes to the defaultBackend, and rewrites with regex captures", () => {
    const ings = [
      ingress("default", { defaultBackend: backend("fallback") }),
      ingress("rewrite", { rules: [rule(undefined, [["/foo(/|$)(.*)", "ImplementationSpecific", "foo-service"]])] }, { "nginx.ingress.kubernetes.io/rewrite-target": "/$2" }),
    ];
    expect(target(ings, "localhost", "/foo/hostname")).toBe("foo-service /hostname");
    expect(target(ings, "localhost", "/foo")).toBe("foo-service /");
    expect(target(ings, "localhost", "/elsewhere")).toBe("fallback /elsewhere");
  });

  it("gives a host and path claimed twice to the older Ingress; ImplementationSpecific is a plain prefix", () => {
    const ings = [ingress("old", { rules: [rule("a.com", [["/app", "ImplementationSpecific", "old"]])] }), ingress("new", { rules: [rule("a.com", [["/app", "Prefix", "new"]])] })];
    expect(target(ings, "a.com", "/application")).toBe("old /application");
    expect(target(ings, "a.com", "/app")).toBe("old /app");
  });
});
