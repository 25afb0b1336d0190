import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("networking strategies", () => {
  it("requires a pathType on ingress paths", () => {
    const ing = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web" }, spec: { rules: [{ host: "web.example.com", http: { paths: [{ path: "/", backend: { service: { name: "web", port: { number: 80 } } } }] } }] } };
    expect(statusError(() => testApi().create(ing, { actor: "kubectl" })).message).toBe(
      'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
    (ing.spec.rules[0].http.paths[0] as Record<string, unknown>).pathType = "Prefix";
    expect(testApi().create(ing, { actor: "kubectl" }).status).toEqual({ loadBalancer: {} });
  });

  it("defaults policy types and port protocols of network policies", () => {
    const np = testApi().create(
      { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "db" }, spec: { podSelector: { matchLabels: { app: "db" } }, ingress: [{ ports: [{ port: 5432 }] }] } },
      { actor: "kubectl" },
    );
    expect(np.spec.policyTypes).toEqual(["Ingress"]);
    expect(np.spec.ingress[0].ports[0].protocol).toBe("TCP");
  });
});
