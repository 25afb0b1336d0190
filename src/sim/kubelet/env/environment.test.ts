import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { makePod, stateOf, testCluster } from "../testing/make";
import { serviceEnvironment } from "./environment";
import { expand } from "./expansion";

describe("$(VAR) expansion", () => {
  const vars = new Map([["A", "x"], ["B", "$(A)"]]);
  const look = (n: string) => vars.get(n);
  it("expands defined variables and keeps undefined ones as written", () => {
    expect(expand("$(A)-$(C)", look)).toBe("x-$(C)");
    expect(expand("$$(A) $$ $", look)).toBe("$(A) $ $");
    expect(expand("$(A", look)).toBe("$(A");
    expect(expand("echo $HOME", look)).toBe("echo $HOME");
  });
});

describe("Service variables", () => {
  it("are shared by the pods of a namespace until a Service comes, changes or goes", () => {
    const t = testCluster();
    const { api, store } = t.cluster;
    const first = serviceEnvironment(store, "default", true);
    expect(serviceEnvironment(store, "default", true)).toBe(first);
    expect(first.get("KUBERNETES_PORT")).toBe("tcp://10.96.0.1:443");
    const svc = api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { clusterIP: "10.96.0.50", ports: [{ port: 80 }] } } as KObject, { actor: "kubectl" });
    const withWeb = serviceEnvironment(store, "default", true);
    expect(withWeb.get("WEB_SERVICE_HOST")).toBe("10.96.0.50");
    expect(serviceEnvironment(store, "default", false).has("WEB_SERVICE_HOST")).toBe(false);
    expect(serviceEnvironment(store, "other", true).has("WEB_SERVICE_HOST")).toBe(false);
    api.update({ ...svc, spec: { ...svc.spec, ports: [{ port: 8080 }] } } as KObject, { actor: "kubectl" });
    expect(serviceEnvironment(store, "default", true).get("WEB_SERVICE_PORT")).toBe("8080");
    api.delete("Service", "default", "web", { actor: "kubectl" });
    expect(serviceEnvironment(store, "default", true).has("WEB_SERVICE_HOST")).toBe(false);
  });
});

describe("container environment", () => {
  it("builds env from values, fieldRefs, ConfigMaps, Secrets and Services, expanding $(VAR) in args", async () => {
    const t = testCluster();
    const api = t.cluster.api;
    api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" }, data: { mode: "fast", "bad-key": "x" } } as KObject, { actor: "kubectl" });
    api.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "sec", namespace: "default" }, data: { password: "czNjcjN0" } } as KObject, { actor: "kubectl" });
    api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "my-db", namespace: "default" }, spec: { clusterIP: "10.96.10.20", ports: [{ name: "pg", port: 5432, protocol: "TCP" }] } } as KObject, { actor: "kubectl" });
    t.create(
      makePod("env", [
        {
          args: ["echo", "$(GREETING) from $(MY_POD_NAME) on $(MY_NODE)"],
          env: [
            { name: "GREETING", value: "hello" },
            { name: "MY_POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "MY_NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            { name: "MY_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
            { name: "MODE", valueFrom: { configMapKeyRef: { name: "cfg", key: "mode" } } },
            { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "sec", key: "password" } } },
            { name: "COMBINED", value: "$(MODE)-$(UNDEFINED)" },
          ],
          envFrom: [{ configMapRef: { name: "cfg" }, prefix: "CFG_" }],
        },
      ]),
    );
    await t.advance(5_000);
    const c = t.rt().running("env")!.config;
    expect(c.args).toEqual(["echo", "hello from env on node-1"]);
    expect(c.env).toMatchObject({
      MY_IP: "10.244.1.2",
      MODE: "fast",
      PASSWORD: "s3cr3t",
      COMBINED: "fast-$(UNDEFINED)",
      CFG_mode: "fast",
      "CFG_bad-key": "x",
      MY_DB_SERVICE_HOST: "10.96.10.20",
      MY_DB_SERVICE_PORT: "5432",
      MY_DB_SERVICE_PORT_PG: "5432",
      MY_DB_PORT: "tcp://10.96.10.20:5432",
      MY_DB_PORT_5432_TCP_ADDR: "10.96.10.20",
      KUBERNETES_SERVICE_HOST: "10.96.0.1",
      KUBERNETES_SERVICE_PORT: "443",
    });
  });

  it("waits with CreateContainerConfigError for a missing ConfigMap key, then recovers", async () => {
    const t = testCluster();
    t.create(makePod("cfgerr", [{ env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "later", key: "x" } } }] }]));
    await t.advance(5_000);
    await t.advance(15_000);
    const cs = t.pod("cfgerr")!.status!.containerStatuses![0];
    expect(cs.state?.waiting).toEqual({ reason: "CreateContainerConfigError", message: 'configmap "later" not found' });
    expect(t.events("cfgerr").map((e) => e.message)).toContain('Error: configmap "later" not found');
    t.cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "later", namespace: "default" }, data: { x: "1" } } as KObject, { actor: "kubectl" });
    await t.advance(20_000);
    expect(stateOf(t.pod("cfgerr"), "cfgerr")).toBe("running");
  });

  it("refuses a root image for runAsNonRoot", async () => {
    const t = testCluster();
    t.create(makePod("nonroot", [{ securityContext: { runAsNonRoot: true } }]));
    await t.advance(20_000);
    const w = t.pod("nonroot")!.status!.containerStatuses![0].state?.waiting;
    expect(w?.reason).toBe("CreateContainerConfigError");
    expect(w?.message).toMatch(/^container has runAsNonRoot and image will run as root \(pod: "nonroot_default\(.+\)", container: nonroot\)$/);
  });
});
