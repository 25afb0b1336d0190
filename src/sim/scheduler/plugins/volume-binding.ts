/**
 * VolumeBinding (plugins/volumebinding): PreFilter rejects a pod whose claims are missing, being
 * deleted, lost, or unbound in Immediate mode; Filter keeps nodes where every bound claim's volume
 * is reachable (its node affinity) and every WaitForFirstConsumer claim can get a volume — a static
 * one that fits, or a provisioned one (a class with a provisioner whose allowedTopologies include the
 * node); PreBind makes the bindings — a static volume's claimRef, the claim's selected-node
 * annotation for its provisioner — and waits (polling each second, for at most bindTimeout) until
 * the PV controller has bound every claim, before the pod is bound to the node.
 */
import type { Node, PersistentVolume, Pod, TopologySelectorTerm } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { KObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, NOT_SUPPORTED_PROVISIONER } from "../../storage/names";
import { storageTiming } from "../../storage/timings";
import { claimClass, findMatchingVolume, isDelayBindingMode, isVolumeBoundToClaim, requestedBytes, volumeClass, volumeNodeAffinityMatches, type PV, type PVC } from "../../storage/volume-matching";
import type { StateData } from "../cycle-state";
import { Action, type PluginDefinition } from "../plugin";
import { SKIP, Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "VolumeBinding";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReasonBindConflict: "node(s) didn't find available persistent volumes to bind",
  ErrReasonNodeConflict: "node(s) had volume node affinity conflict",
  ErrReasonNotEnoughSpace: "node(s) did not have enough free storage",
  ErrReasonPVNotExist: "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)",
  unboundImmediate: "pod has unbound immediate PersistentVolumeClaims",
} as const;

const STATE_KEY = NAME;

/** A static volume chosen for a claim. */
interface Binding {
  pv: PV;
  pvc: PVC;
}

/** What a node needs done for the pod's claims (PodVolumes). */
interface PodVolumes {
  staticBindings: Binding[];
  dynamicProvisions: PVC[];
}

/** The plugin's cycle state; shared, not copied, by clones (as Kubernetes' stateData). */
interface State extends StateData {
  boundClaims: PVC[];
  claimsToBind: PVC[];
  podVolumesByNode: Map<string, PodVolumes>;
  allBound: boolean;
}

/** An error the binder reports: the framework turns it into a Status of code Error. */
class BindError extends Error {}

/** The VolumeBinding plugin: its contract and its extension points. */
export const VolumeBinding: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "StorageClass", action: Action.Add | Action.Update },
    { resource: "PersistentVolumeClaim", action: Action.Add | Action.Update },
    { resource: "PersistentVolume", action: Action.Add | Action.Update },
    { resource: "Node", action: Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
  ],
  create: (handle) => {
    const cluster = handle.cluster;
    const store = cluster.store;
    const getPVC = (ns: string, name: string) => store.get("PersistentVolumeClaim", ns, name) as PVC | undefined;
    return {
      name: NAME,
      preFilter(state, pod) {
        const claims = podClaims(pod.pod);
        if (claims.length === 0) {
          state.write<State>(STATE_KEY, { boundClaims: [], claimsToBind: [], podVolumesByNode: new Map(), allBound: true });
          return { status: SKIP };
        }
        const bound: PVC[] = [];
        const delayed: PVC[] = [];
        let immediate = 0;
        for (const c of claims) {
          const pvc = getPVC(pod.namespace, c.name);
          if (!pvc) {
            const msg = c.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"` : `persistentvolumeclaim "${c.name}" not found`;
            return { status: Status.unresolvable(msg) };
          }
          if (pvc.status?.phase === "Lost") return { status: Status.unresolvable(`persistentvolumeclaim "${c.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ""}"`) };
          if (pvc.metadata.deletionTimestamp) return { status: Status.unresolvable(`persistentvolumeclaim "${c.name}" is being deleted`) };
          if (isFullyBound(pvc)) bound.push(pvc);
          else if (isDelayBindingMode(store, pvc) && !pvc.spec?.volumeName) delayed.push(pvc);
          else immediate++;
        }
        if (immediate > 0) return { status: Status.unresolvable(REASONS.unboundImmediate) };
        state.write<State>(STATE_KEY, { boundClaims: bound, claimsToBind: delayed, podVolumesByNode: new Map(), allBound: false });
        return { status: null };
      },
      filter(state, _pod, nodeInfo) {
        const s = state.read<State>(STATE_KEY)!;
        const node = nodeInfo.node!;
        try {
          const { podVolumes, reasons } = findPodVolumes(cluster, s, node);
          if (reasons.length > 0) return Status.unresolvable(...reasons);
          s.podVolumesByNode.set(nodeInfo.name, podVolumes);
          return null;
        } catch (e) {
          if (e instanceof BindError) return Status.error(e.message);
          throw e;
        }
      },
      reserve(state, pod, nodeName) {
        const s = state.read<State>(STATE_KEY);
        if (!s) return null;
        // arePodVolumesBound: nothing to do when every claim is fully bound already.
        s.allBound = !s.podVolumesByNode.has(nodeName) || podClaims(pod.pod).every((c) => {
          const pvc = getPVC(pod.namespace, c.name);
          return !!pvc && isFullyBound(pvc);
        });
        return null;
      },
      unreserve() {
        // The API writes PreBind made are not rolled back (Kubernetes only reverts its assume cache).
      },
      preBind(state, pod, nodeName) {
        const s = state.read<State>(STATE_KEY);
        if (!s || s.allBound) return null;
        const podVolumes = s.podVolumesByNode.get(nodeName);
        if (!podVolumes) return Status.error(`no pod volumes found for node "${nodeName}"`);
        try {
          bindAPIUpdate(cluster, podVolumes, nodeName);
        } catch (e) {
          return Status.error((e as Error).message);
        }
        return {
          wait(done) {
            const interval = storageTiming(cluster, "bindPollInterval");
            const deadline = cluster.clock.now + storageTiming(cluster, "bindTimeout");
            const poll = () => {
              let ok: boolean;
              try {
                ok = checkBindings(cluster, pod.pod, nodeName, podVolumes);
              } catch (e) {
                done(Status.error(`binding volumes: ${(e as Error).message}`));
                return;
              }
              if (ok) done(null);
              else if (cluster.clock.now + interval > deadline) done(Status.error("binding volumes: context deadline exceeded"));
              else cluster.clock.after(interval, poll, `${NAME} wait for ${pod.key}`);
            };
            cluster.clock.after(interval, poll, `${NAME} wait for ${pod.key}`);
          },
        };
      },
    };
  },
};

/** The claims a pod's volumes use, with whether each is a generic ephemeral volume's. */
function podClaims(pod: Pod): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata?.name ?? ""}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** isPVCFullyBound: a volume name and the bind-completed annotation. */
function isFullyBound(pvc: PVC): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}

/** FindPodVolumes for one node: what to bind or provision there, or why it cannot be. */
function findPodVolumes(cluster: Cluster, s: State, node: Node): { podVolumes: PodVolumes; reasons: string[] } {
  const store = cluster.store;
  const podVolumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  let boundSatisfied = true;
  let unboundSatisfied = true;
  let boundPVsFound = true;
  const reasons = () => {
    const out: string[] = [];
    if (!boundSatisfied) out.push(REASONS.ErrReasonNodeConflict);
    if (!unboundSatisfied) out.push(REASONS.ErrReasonBindConflict);
    if (!boundPVsFound) out.push(REASONS.ErrReasonPVNotExist);
    return out;
  };
  // checkBoundClaims: the first volume that is missing or out of reach decides.
  for (const pvc of s.boundClaims) {
    const pv = store.get("PersistentVolume", undefined, pvc.spec!.volumeName!) as PV | undefined;
    if (!pv) {
      boundPVsFound = false;
      break;
    }
    if (!volumeNodeAffinityMatches(pv, node)) {
      boundSatisfied = false;
      break;
    }
  }
  if (s.claimsToBind.length === 0) return { podVolumes, reasons: reasons() };
  const toMatch: PVC[] = [];
  const toProvision: PVC[] = [];
  for (const pvc of s.claimsToBind) {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) toMatch.push(pvc);
    else if (selected !== node.metadata?.name) {
      unboundSatisfied = false;
      return { podVolumes, reasons: reasons() };
    } else toProvision.push(pvc);
  }
  if (toMatch.length > 0) {
    // findMatchingVolumes: smallest requests first, each volume chosen once.
    const chosen = new Set<string>();
    const volumes = ([...store.each("PersistentVolume")] as PV[]).sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
    for (const pvc of [...toMatch].sort((a, b) => requestedBytes(a) - requestedBytes(b))) {
      const cls = claimClass(pvc);
      const pv = findMatchingVolume(pvc, volumes.filter((v) => volumeClass(v) === cls), node, chosen, true) as PV | undefined;
      if (!pv) {
        unboundSatisfied = false;
        toProvision.push(pvc);
        continue;
      }
      chosen.add(pv.metadata.name!);
      podVolumes.staticBindings.push({ pv, pvc });
    }
  }
  if (toProvision.length > 0) {
    // checkVolumeProvisions: every remaining claim must be provisionable from this node.
    unboundSatisfied = true;
    for (const pvc of toProvision) {
      const className = claimClass(pvc);
      if (className === "") throw new BindError(`no class for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`);
      const cls = store.get("StorageClass", undefined, className) as (StorageClass & KObject) | undefined;
      if (!cls) throw new BindError(`failed to find storage class "${className}"`);
      if (!cls.provisioner || cls.provisioner === NOT_SUPPORTED_PROVISIONER || !matchesTopology(cls.allowedTopologies, node)) {
        unboundSatisfied = false;
        podVolumes.dynamicProvisions = [];
        return { podVolumes, reasons: reasons() };
      }
      podVolumes.dynamicProvisions.push(pvc);
    }
  }
  return { podVolumes, reasons: reasons() };
}

/** MatchTopologySelectorTerms: no terms match every node; otherwise any term whose expressions all hold. */
function matchesTopology(terms: TopologySelectorTerm[] | undefined, node: Node): boolean {
  if (!terms || terms.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] as string)));
}

/** bindAPIUpdate: pre-bind each static volume to its claim, and tell each provisioner the node. */
function bindAPIUpdate(cluster: Cluster, podVolumes: PodVolumes, nodeName: string): void {
  const opts = { actor: "kube-scheduler" };
  for (const b of podVolumes.staticBindings) {
    const current = cluster.store.get("PersistentVolume", undefined, b.pv.metadata.name!) as PV | undefined;
    if (!current) throw new Error(`persistentvolumes "${b.pv.metadata.name}" not found`);
    if (isVolumeBoundToClaim(current, b.pvc) && current.spec?.claimRef?.uid === b.pvc.metadata.uid) {
      b.pv = current;
      continue;
    }
    const byController = !isVolumeBoundToClaim(current, b.pvc);
    b.pv = cluster.api.mutate<PV>("PersistentVolume", undefined, current.metadata.name!, opts, (v) => {
      v.spec = { ...v.spec, claimRef: { kind: "PersistentVolumeClaim", namespace: b.pvc.metadata.namespace, name: b.pvc.metadata.name, uid: b.pvc.metadata.uid, apiVersion: "v1", resourceVersion: b.pvc.metadata.resourceVersion } };
      if (byController && v.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) v.metadata.annotations = { ...v.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: "yes" };
    });
  }
  podVolumes.dynamicProvisions = podVolumes.dynamicProvisions.map((pvc) =>
    cluster.api.mutate<PVC>("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name!, opts, (c) => {
      c.metadata.annotations = { ...c.metadata.annotations, [ANN_SELECTED_NODE]: nodeName };
    }),
  );
}

/** checkBindings: true once every claim is fully bound; throws when binding must be retried. */
function checkBindings(cluster: Cluster, pod: Pod, nodeName: string, podVolumes: PodVolumes): boolean {
  const store = cluster.store;
  const node = store.get("Node", undefined, nodeName) as Node | undefined;
  if (!node) throw new Error(`failed to get node "${nodeName}": node "${nodeName}" not found`);
  if (!store.get("Pod", pod.metadata?.namespace, pod.metadata?.name ?? "")) throw new Error(`pod does not exist any more: pods "${pod.metadata?.name}" not found`);
  const affinity = (pv: PersistentVolume) => {
    if (!volumeNodeAffinityMatches(pv, node)) throw new Error(`pv "${pv.metadata?.name}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`);
  };
  for (const b of podVolumes.staticBindings) {
    const pv = store.get("PersistentVolume", undefined, b.pv.metadata.name!) as PV | undefined;
    if (!pv) throw new Error(`failed to check binding: cannot convert object from PV cache: persistentvolume "${b.pv.metadata.name}" not found`);
    const pvc = store.get("PersistentVolumeClaim", b.pvc.metadata.namespace, b.pvc.metadata.name!) as PVC | undefined;
    if (!pvc) throw new Error(`failed to check binding: cannot convert object from PVC cache: persistentvolumeclaim "${b.pvc.metadata.namespace}/${b.pvc.metadata.name}" not found`);
    affinity(pv);
    if (!pv.spec?.claimRef?.uid) throw new Error(`ClaimRef got reset for pv "${pv.metadata.name}"`);
    if (!isFullyBound(pvc)) return false;
  }
  for (const claim of podVolumes.dynamicProvisions) {
    const pvc = store.get("PersistentVolumeClaim", claim.metadata.namespace, claim.metadata.name!) as PVC | undefined;
    if (!pvc) throw new Error(`failed to check provisioning pvc: persistentvolumeclaim "${claim.metadata.namespace}/${claim.metadata.name}" not found`);
    if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== nodeName) throw new Error(`provisioning failed for PVC "${pvc.metadata.name}"`);
    if (pvc.spec?.volumeName) {
      const pv = store.get("PersistentVolume", undefined, pvc.spec.volumeName) as PV | undefined;
      if (!pv) return false;
      affinity(pv);
    }
    if (!isFullyBound(pvc)) return false;
  }
  return true;
}
