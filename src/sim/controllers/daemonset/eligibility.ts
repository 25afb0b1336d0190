/**
 * Which nodes a DaemonSet runs on, after daemon_controller.go's NodeShouldRunDaemonPod and
 * daemonset_util.go: the template's nodeName, nodeSelector and required node affinity must match the
 * node, and its NoSchedule/NoExecute taints must be tolerated — counting the tolerations every daemon
 * pod gets (not-ready and unreachable NoExecute forever; disk-, memory-, pid-pressure, unschedulable
 * and, with hostNetwork, network-unavailable NoSchedule). Daemon pods are bound to their node by a
 * required node affinity on `metadata.name` and scheduled by the default scheduler.
 */
import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { Affinity, Node, PodSpec, PodTemplateSpec, Taint, Toleration } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { findUntoleratedTaint } from "../../scheduler/taints";
import { requiredNodeAffinity } from "../../scheduler/node-affinity";
import { deepClone } from "../../util/object";
import type { PodObject } from "../job/pod-control";

export type DaemonSetObject = DaemonSet & KObject;
export type NodeObject = Node & KObject;

/** The label daemon pods carry their revision's hash in (DefaultDaemonSetUniqueLabelKey). */
export const DAEMONSET_HASH_LABEL = "controller-revision-hash";
/** The label with the template generation, kept for compatibility (DaemonSetTemplateGenerationKey). */
export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";
/** The annotation holding the template generation (DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

const DAEMON_TOLERATIONS: { key: string; effect: "NoExecute" | "NoSchedule"; hostNetworkOnly?: boolean }[] = [
  { key: "node.kubernetes.io/not-ready", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
  { key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule", hostNetworkOnly: true },
];

/**
 * AddOrUpdateTolerationInPodSpec: a toleration with the same key, operator, value and effect is
 * replaced in place (so an earlier tolerationSeconds goes), otherwise it is appended.
 */
function addOrUpdateToleration(spec: PodSpec, toleration: Toleration): void {
  const list = [...(spec.tolerations ?? [])];
  const same = (t: Toleration) => (t.key ?? "") === (toleration.key ?? "") && (t.operator || "Equal") === (toleration.operator || "Equal") && (t.value ?? "") === (toleration.value ?? "") && (t.effect ?? "") === (toleration.effect ?? "");
  const i = list.findIndex(same);
  if (i >= 0) list[i] = toleration;
  else list.push(toleration);
  spec.tolerations = list;
}

/** AddOrUpdateDaemonPodTolerations. */
export function addDaemonPodTolerations(spec: PodSpec): void {
  for (const t of DAEMON_TOLERATIONS) {
    if (t.hostNetworkOnly && !spec.hostNetwork) continue;
    addOrUpdateToleration(spec, { key: t.key, operator: "Exists", effect: t.effect });
  }
}

/** GetTemplateGeneration: the generation in the deprecated annotation, if any. */
export function templateGeneration(ds: DaemonSetObject): string | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? String(Number(v)) : undefined;
}

/** CreatePodTemplate: the template with the daemon tolerations, the generation label and the hash label. */
export function createPodTemplate(ds: DaemonSetObject, hash: string): PodTemplateSpec {
  const template = deepClone(ds.spec!.template);
  template.spec = template.spec ?? { containers: [] };
  addDaemonPodTolerations(template.spec);
  const labels = { ...template.metadata?.labels };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  if (hash) labels[DAEMONSET_HASH_LABEL] = hash;
  template.metadata = { ...template.metadata, labels };
  return template;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes `metadata.name In [node]`. */
export function nodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: "metadata.name", operator: "In" as const, values: [nodeName] }] };
  const a = deepClone(affinity ?? {});
  const na = (a.nodeAffinity ??= {});
  if (!na.requiredDuringSchedulingIgnoredDuringExecution) na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  else na.requiredDuringSchedulingIgnoredDuringExecution = { ...na.requiredDuringSchedulingIgnoredDuringExecution, nodeSelectorTerms: [term] };
  return a;
}

/** GetTargetNodeName: the pod's node, or for a pod not scheduled yet the node its affinity names. */
export function targetNodeName(pod: PodObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === "metadata.name" && f.operator === "In") return f.values?.length === 1 ? f.values[0] : undefined;
    }
  }
  return undefined;
}

/**
 * NewPod: the daemon pod as it would run on a node, for the eligibility checks, with its required
 * node affinity. What the checks read (affinity, node selector, tolerations) is the same for every
 * node, so it is made once per stored version of the DaemonSet, not once per node and check.
 */
function newPod(ds: DaemonSetObject): { pod: PodObject; affinity: ReturnType<typeof requiredNodeAffinity> } {
  // Per spec object: status writes make a new DaemonSet object around the same spec.
  let made = templatePods.get(ds.spec!);
  if (!made) {
    const spec = deepClone(ds.spec!.template.spec ?? { containers: [] });
    addDaemonPodTolerations(spec);
    const pod: PodObject = { apiVersion: "v1", kind: "Pod", metadata: { ...ds.spec!.template.metadata, namespace: ds.metadata.namespace }, spec };
    made = { pod, affinity: requiredNodeAffinity(pod) };
    templatePods.set(ds.spec!, made);
  }
  return made;
}

const templatePods = new WeakMap<object, { pod: PodObject; affinity: ReturnType<typeof requiredNodeAffinity> }>();

/**
 * NodeShouldRunDaemonPod: `shouldRun` when a pod should be created on the node, and
 * `shouldContinueRunning` when a pod already there may stay (a NoSchedule taint alone does not
 * evict; an untolerated NoExecute taint does).
 */
export function nodeShouldRunDaemonPod(node: NodeObject, ds: DaemonSetObject): Verdict {
  // Remembered per node version and DaemonSet spec (status writes keep the spec object): a sync
  // asks for every node, several times, and a big cluster syncs its DaemonSets often.
  const spec = ds.spec ?? NO_SPEC;
  let known = verdicts.get(node);
  const hit = known?.get(spec);
  if (hit) return hit;
  const verdict = decide(node, ds);
  if (!known) verdicts.set(node, (known = new Map()));
  known.set(spec, verdict);
  return verdict;
}

/** What nodeShouldRunDaemonPod answers: one of three, shared. */
export type Verdict = Readonly<{ shouldRun: boolean; shouldContinueRunning: boolean }>;
const RUN: Verdict = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const STAY: Verdict = Object.freeze({ shouldRun: false, shouldContinueRunning: true });
const NOT_HERE: Verdict = Object.freeze({ shouldRun: false, shouldContinueRunning: false });
const NO_SPEC = {};
const verdicts = new WeakMap<NodeObject, Map<object, Verdict>>();

function decide(node: NodeObject, ds: DaemonSetObject): Verdict {
  const templateNode = ds.spec?.template?.spec?.nodeName;
  if (templateNode && templateNode !== node.metadata.name) return NOT_HERE;
  const { pod, affinity } = newPod(ds);
  if (!affinity.match(node)) return NOT_HERE;
  const taints: Taint[] = node.spec?.taints ?? [];
  const untolerated = findUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === "NoExecute" || t.effect === "NoSchedule");
  if (untolerated) {
    const evicting = findUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === "NoExecute");
    return evicting ? NOT_HERE : STAY;
  }
  return RUN;
}
