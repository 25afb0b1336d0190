import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { evaluate, type PolicyPeer, type PolicySource } from "./evaluator";

function policy(name: string, spec: Record<string, unknown>, namespace = "default"): KObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec };
}

function source(policies: KObject[]): PolicySource {
  const ns: Record<string, Record<string, string>> = { default: { "kubernetes.io/metadata.name": "default" }, prod: { "kubernetes.io/metadata.name": "prod", team: "a" } };
  return { policiesIn: (n) => policies.filter((p) => p.metadata.namespace === n), namespaceLabels: (n) => ns[n] };
}

const pod = (name: string, labels: Record<string, string>, ip: string, namespace = "default", node = "node-1"): PolicyPeer => ({
  ip,
  pod: { namespace, name, labels, nodeName: node, ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }] },
});

const web = pod("web", { app: "web" }, "10.244.1.5");
const client = pod("client", { role: "client" }, "10.244.2.5");
const trusted = pod("trusted", { access: "true" }, "10.244.3.5");
const other = pod("other", { access: "true" }, "10.244.3.6", "prod");

describe("NetworkPolicy evaluation", () => {
  it("allows everything until a policy selects the pod; an empty podSelector denies all ingress", () => {
    expect(evaluate(source([]), client, web, 8080, "TCP")).toBeUndefined();
    const deny = policy("default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
    expect(evaluate(source([deny]), client, web, 8080, "TCP")).toEqual({ direction: "Ingress", policies: ["default-deny-ingress"] });
  });

  it("lets through peers by podSelector (same namespace only) and by namespaceSelector", () => {
    const allow = policy("allow", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { access: "true" } } }] }] });
    const s = source([allow]);
    expect(evaluate(s, trusted, web, 8080, "TCP")).toBeUndefined();
    expect(evaluate(s, client, web, 8080, "TCP")).toBeDefined();
    expect(evaluate(s, other, web, 8080, "TCP")).toBeDefined();
    const byNs = policy("ns", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { access: "true" } } }] }] });
    expect(evaluate(source([byNs]), other, web, 8080, "TCP")).toBeUndefined();
  });

  it("matches ports by number, range and container port name", () => {
    const mk = (ports: unknown[]) => source([policy("p", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ ports }] })]);
    expect(evaluate(mk([{ port: 8080 }]), client, web, 8080, "TCP")).toBeUndefined();
    expect(evaluate(mk([{ port: 8080 }]), client, web, 8080, "UDP")).toBeDefined();
    expect(evaluate(mk([{ port: 8000, endPort: 9000 }]), client, web, 8080, "TCP")).toBeUndefined();
    expect(evaluate(mk([{ port: "http" }]), client, web, 8080, "TCP")).toBeUndefined();
    expect(evaluate(mk([{ port: "metrics" }]), client, web, 8080, "TCP")).toBeDefined();
  });

  it("applies ipBlock with except, egress policies, the node's own traffic and a pod's traffic to itself", () => {
    const egress = policy("egress", { podSelector: { matchLabels: { role: "client" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.244.0.0/16", except: ["10.244.1.0/24"] } }] }] });
    const s = source([egress]);
    expect(evaluate(s, client, trusted, 80, "TCP")).toBeUndefined();
    expect(evaluate(s, client, web, 80, "TCP")).toEqual({ direction: "Egress", policies: ["egress"] });
    expect(evaluate(s, client, { ip: "93.184.215.14" }, 80, "TCP")).toBeDefined();
    const deny = source([policy("deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })]);
    expect(evaluate(deny, { ip: "172.18.0.3", hostOf: "node-1" }, web, 8080, "TCP")).toBeUndefined();
    expect(evaluate(deny, { ip: "172.18.0.4", hostOf: "node-2" }, web, 8080, "TCP")).toBeDefined();
    expect(evaluate(deny, web, web, 8080, "TCP")).toBeUndefined();
  });
});
