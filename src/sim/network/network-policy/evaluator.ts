/**
 * The NetworkPolicy semantics of networking.k8s.io/v1, as a policy-enforcing CNI applies them to one
 * connection: a pod is isolated for egress (ingress) once any policy of its namespace selects it with
 * Egress (Ingress) in policyTypes, and then only what some rule of those policies allows gets
 * through — peers by podSelector, namespaceSelector (alone or together) or ipBlock with except;
 * ports by number, range (endPort) or name (resolved against the destination pod's container
 * ports), TCP unless told. A pod may always talk to itself, and a node to its own pods (probes).
 */
import type { ContainerPort } from "kubernetes-types/core/v1";
import type { NetworkPolicyPeer, NetworkPolicyPort } from "kubernetes-types/networking/v1";
import { fromLabelSelector, matches } from "../../api/labels";
import type { KObject } from "../../api/types";
import { inCidr } from "../cidr";

/** One end of a connection as policies see it. */
export interface PolicyPeer {
  ip: string;
  /** The pod, when the end is one. */
  pod?: { namespace: string; name: string; labels: Record<string, string>; ports: ContainerPort[]; nodeName?: string };
  /** The node, when the end is a node's own address (its host network namespace). */
  hostOf?: string;
}

/** What the evaluator reads from the cluster. */
export interface PolicySource {
  policiesIn(namespace: string): KObject[];
  namespaceLabels(namespace: string): Record<string, string> | undefined;
}

/** Why a connection was dropped: the direction and the policies that isolate that end. */
export interface Denial {
  direction: "Egress" | "Ingress";
  policies: string[];
}

/** Undefined when the connection is allowed; otherwise which side's policies dropped it. */
export function evaluate(src: PolicySource, from: PolicyPeer, to: PolicyPeer, port: number, protocol: string): Denial | undefined {
  if (from.ip === to.ip) return undefined;
  if (from.pod) {
    const isolating = selecting(src, from.pod, "Egress");
    if (isolating.length > 0 && !isolating.some((np) => ruleAllows(src, np, np.spec?.egress, "to", to, to, port, protocol))) {
      return { direction: "Egress", policies: isolating.map((np) => np.metadata.name!) };
    }
  }
  if (to.pod) {
    if (from.hostOf !== undefined && from.hostOf === to.pod.nodeName) return undefined;
    const isolating = selecting(src, to.pod, "Ingress");
    if (isolating.length > 0 && !isolating.some((np) => ruleAllows(src, np, np.spec?.ingress, "from", from, to, port, protocol))) {
      return { direction: "Ingress", policies: isolating.map((np) => np.metadata.name!) };
    }
  }
  return undefined;
}

/** The policies of the pod's namespace that select it for this direction. */
function selecting(src: PolicySource, pod: NonNullable<PolicyPeer["pod"]>, direction: "Egress" | "Ingress"): KObject[] {
  return src.policiesIn(pod.namespace).filter((np) => {
    const types: string[] = np.spec?.policyTypes ?? (direction === "Ingress" ? ["Ingress"] : np.spec?.egress ? ["Ingress", "Egress"] : ["Ingress"]);
    return types.includes(direction) && matches(fromLabelSelector(np.spec?.podSelector ?? {}), pod.labels);
  });
}

function ruleAllows(
  src: PolicySource,
  np: KObject,
  rules: Record<string, any>[] | undefined,
  peerField: "from" | "to",
  peer: PolicyPeer,
  dest: PolicyPeer,
  port: number,
  protocol: string,
): boolean {
  for (const rule of rules ?? []) {
    const peers: NetworkPolicyPeer[] | undefined = rule[peerField];
    const peerOk = !peers || peers.length === 0 || peers.some((p) => peerMatches(src, np.metadata.namespace!, p, peer));
    if (!peerOk) continue;
    const ports: NetworkPolicyPort[] | undefined = rule.ports;
    if (!ports || ports.length === 0 || ports.some((p) => portMatches(p, dest, port, protocol))) return true;
  }
  return false;
}

function peerMatches(src: PolicySource, policyNamespace: string, p: NetworkPolicyPeer, peer: PolicyPeer): boolean {
  if (p.ipBlock) {
    if (!inCidr(peer.ip, p.ipBlock.cidr)) return false;
    return !(p.ipBlock.except ?? []).some((c) => inCidr(peer.ip, c));
  }
  if (!peer.pod) return false;
  if (p.namespaceSelector) {
    const nsLabels = src.namespaceLabels(peer.pod.namespace);
    if (!nsLabels || !matches(fromLabelSelector(p.namespaceSelector), nsLabels)) return false;
  } else if (peer.pod.namespace !== policyNamespace) return false;
  return !p.podSelector || matches(fromLabelSelector(p.podSelector), peer.pod.labels);
}

function portMatches(p: NetworkPolicyPort, dest: PolicyPeer, port: number, protocol: string): boolean {
  if ((p.protocol ?? "TCP") !== protocol) return false;
  if (p.port === undefined || p.port === null) return true;
  if (typeof p.port === "number" || /^\d+$/.test(p.port)) {
    const n = Number(p.port);
    return p.endPort ? port >= n && port <= p.endPort : port === n;
  }
  // A named port means whatever container port of the destination pod carries that name.
  return (dest.pod?.ports ?? []).some((cp) => cp.name === p.port && (cp.protocol ?? "TCP") === protocol && cp.containerPort === port);
}
