/**
 * VolumeRestrictions (plugins/volumerestrictions), its ReadWriteOncePod part: a pod whose claim has
 * the ReadWriteOncePod access mode fits no node while another scheduled pod uses that claim (the
 * other pod may be preempted). Claims that do not exist reject the pod before anything else.
 * The inline-disk conflicts (GCE PD, AWS EBS, RBD, iSCSI) are not simulated.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { POD_CLAIM_INDEX } from "../../storage/pv-controller";
import { podClaimNames } from "../../storage/volume-matching";
import type { StateData } from "../cycle-state";
import { Action, type PluginDefinition } from "../plugin";
import { SKIP, Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "VolumeRestrictions";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReasonDiskConflict: "node(s) had no available disk",
  ErrReasonReadWriteOncePodConflict: "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode",
} as const;

const STATE_KEY = "PreFilter" + NAME;

/** The ReadWriteOncePod claims of the pod, and how many other scheduled pods use them. */
class PreFilterState implements StateData {
  constructor(
    readonly claims: ReadonlySet<string>,
    public conflicting: number,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.claims, this.conflicting);
  }
}

function usesClaims(pod: Pod, namespace: string, claims: ReadonlySet<string>): number {
  let n = 0;
  for (const c of podClaimNames(pod)) if (claims.has(`${namespace}/${c}`)) n++;
  return n;
}

/** The VolumeRestrictions plugin: its contract and its extension points. */
export const VolumeRestrictions: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "Pod", action: Action.Delete },
    { resource: "PersistentVolumeClaim", action: Action.Add | Action.Update },
    { resource: "Node", action: Action.Add | Action.UpdateNodeTaint },
  ],
  create: (handle) => {
    const store = handle.cluster.store;
    store.addIndex("Pod", POD_CLAIM_INDEX, (pod) => podClaimNames(pod).map((c) => `${pod.metadata.namespace ?? "default"}/${c}`));
    return {
      name: NAME,
      preFilter(state, pod) {
        const names = podClaimNames(pod.pod);
        if (names.length === 0) return { status: SKIP };
        const claims = new Set<string>();
        for (const name of names) {
          const pvc = store.get("PersistentVolumeClaim", pod.namespace, name);
          if (!pvc) return { status: Status.unresolvable(`persistentvolumeclaim "${name}" not found`) };
          if ((pvc.spec?.accessModes ?? []).includes("ReadWriteOncePod")) claims.add(`${pod.namespace}/${name}`);
        }
        let conflicting = 0;
        for (const key of claims) {
          for (const other of store.byIndex("Pod", POD_CLAIM_INDEX, key)) {
            if (other.metadata.uid !== pod.uid && other.spec?.nodeName && other.status?.phase !== "Succeeded" && other.status?.phase !== "Failed") conflicting++;
          }
        }
        if (conflicting === 0) return { status: SKIP };
        state.write(STATE_KEY, new PreFilterState(claims, conflicting));
        return { status: null };
      },
      addPod(state, _pod, add) {
        const s = state.read<PreFilterState>(STATE_KEY);
        if (s) s.conflicting += usesClaims(add.pod, add.namespace, s.claims);
      },
      removePod(state, _pod, remove) {
        const s = state.read<PreFilterState>(STATE_KEY);
        if (s) s.conflicting -= usesClaims(remove.pod, remove.namespace, s.claims);
      },
      filter(state) {
        const s = state.read<PreFilterState>(STATE_KEY);
        return s && s.conflicting > 0 ? Status.unschedulable(REASONS.ErrReasonReadWriteOncePodConflict) : null;
      },
    };
  },
};
