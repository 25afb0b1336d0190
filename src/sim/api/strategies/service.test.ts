import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const svc = (spec: Record<string, any> = {}, name = "web") => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app: "web" }, ports: [{ port: 80 }], ...spec } });

describe("service strategy", () => {
  it("defaults a ClusterIP service and allocates an address from 10.96.0.0/12", () => {
    const s = testApi().create(svc(), { actor: "kubectl" });
    expect(s.spec).toMatchObject({ type: "ClusterIP", sessionAffinity: "None", internalTrafficPolicy: "Cluster", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] });
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    expect(s.spec.externalTrafficPolicy).toBeUndefined();
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it("allocates node ports and refuses taken ones", () => {
    const api = testApi();
    const a = api.create(svc({ type: "NodePort" }, "a"), { actor: "kubectl" });
    const port = a.spec.ports[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
    expect(a.spec.externalTrafficPolicy).toBe("Cluster");
    expect(statusError(() => api.create(svc({ type: "NodePort", ports: [{ port: 80, nodePort: port }] }, "b"), { actor: "kubectl" })).message).toBe(
      `Service "b" is invalid: spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated`,
    );
    expect(statusError(() => api.create(svc({ type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }, "c"), { actor: "kubectl" })).message).toBe(
      'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it("validates names, ports and types with Kubernetes' messages", () => {
    expect(statusError(() => testApi().create(svc({}, "1web"), { actor: "kubectl" })).message).toMatch(/^Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist/);
    expect(statusError(() => testApi().create(svc({ ports: [] }), { actor: "kubectl" })).message).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(statusError(() => testApi().create(svc({ ports: [{ port: 80 }, { port: 81 }] }), { actor: "kubectl" })).message).toBe('Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    expect(statusError(() => testApi().create(svc({ type: "Cluster" }), { actor: "kubectl" })).message).toBe(
      'Service "web" is invalid: spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
  });

  it("keeps the allocated IP when an update omits it and refuses to change it", () => {
    const api = testApi();
    const s = api.create(svc(), { actor: "kubectl" });
    const { clusterIP, clusterIPs, ...rest } = s.spec;
    const kept = api.update({ ...s, spec: { ...rest, ports: [{ port: 8080 }] } }, { actor: "kubectl" });
    expect(kept.spec.clusterIP).toBe(clusterIP);
    expect(kept.spec.clusterIPs).toEqual(clusterIPs);
    expect(statusError(() => api.update({ ...kept, spec: { ...kept.spec, clusterIP: "10.96.7.7" } }, { actor: "kubectl" })).message).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.7.7"}: may not change once set',
    );
  });

  it("supports headless and ExternalName services", () => {
    const api = testApi();
    expect(api.create(svc({ clusterIP: "None" }, "h"), { actor: "kubectl" }).spec.clusterIPs).toEqual(["None"]);
    const ext = api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { type: "ExternalName", externalName: "example.com" } }, { actor: "kubectl" });
    expect(ext.spec.clusterIP).toBeUndefined();
  });
});
