/**
 * VolumeManager: the kubelet's volume manager (volumemanager/) for one node. For every pod it sets up
 * each volume in the background — emptyDir, hostPath (with its type checks), configMap, secret,
 * downwardAPI, projected, persistentVolumeClaim — retrying failures with exponential back-off (500 ms
 * doubling to 2m2s) and a `FailedMount` event each time (`MountVolume.SetUp failed for volume "x" :
 * configmap "y" not found`). A pod's sync waits in WaitForAttachAndMount until all are mounted, for
 * at most 2m3s. API-backed volumes are refreshed on every sync, as the kubelet's atomic writer does.
 */
import type { Container, PersistentVolume, PersistentVolumeClaim, Pod, Volume } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../../clock";
import { parseQuantity } from "../../api/quantity";
import type { MountSpec, VolumeFs } from "../../runtime/cri";
import type { KubeletContext } from "../context";
import { expand, lookupIn } from "../env/expansion";
import type { PodFacts } from "../env/field-ref";
import type { Fiber } from "../fiber";
import { kubeletDelay, kubeletTiming } from "../timings";
import type { HostFs } from "./host-fs";
import { renderVolume, VolumeSetUpError, volumeType, type Files } from "./sources";

/** Where the data of PersistentVolumes lives, shared by every node (storage backends come later). */
export interface PersistentVolumeData {
  volume(pv: PersistentVolume, host: HostFs): { fs: VolumeFs; subPath?: string };
}

/** The kubelet could not mount a pod's volumes in time. */
export class MountTimeoutError extends Error {}

interface VolumeState {
  spec: Volume;
  type: string;
  fs?: VolumeFs;
  subPath?: string;
  readOnly: boolean;
  mounted: boolean;
  /** A failure that keeps the volume out of the desired state (an unbound PVC). */
  populatorError?: string;
  lastError?: string;
  retryDelay: number;
  timer?: TimerHandle;
  /** Last rendered files (API-backed volumes), to write only changes; shares its strings with the volume's files. */
  rendered?: Files;
  mountedAt?: number;
}

interface PodVolumes {
  pod: Pod;
  volumes: Map<string, VolumeState>;
  /** Syncs parked until every volume is mounted; made when one parks. */
  waiters?: Set<() => void>;
  facts: () => PodFacts;
}

/** A volume of a pod, for the runtime view. */
export interface VolumeView {
  name: string;
  type: string;
  mounted: boolean;
  error?: string;
  mountedAt?: number;
  usedBytes?: number;
}

const API_BACKED = new Set(["configMap", "secret", "downwardAPI", "projected"]);

export class VolumeManager {
  private pods = new Map<string, PodVolumes>();

  constructor(
    private readonly ctx: KubeletContext,
    private readonly host: HostFs,
    private readonly pvData: PersistentVolumeData,
  ) {}

  /** Starts setting up a pod's volumes (desired state of world populator + reconciler). */
  addPod(pod: Pod, facts: () => PodFacts): void {
    const uid = pod.metadata!.uid!;
    let pv = this.pods.get(uid);
    if (!pv) {
      // Every field at once (waiters too), so the object needs no second table for one added later.
      pv = { pod: volumeView(pod), volumes: new Map(), waiters: undefined, facts };
      this.pods.set(uid, pv);
    } else {
      pv.pod = volumeView(pod);
    }
    for (const v of pod.spec?.volumes ?? []) {
      if (pv.volumes.has(v.name)) continue;
      const type = volumeType(v);
      const st: VolumeState = { spec: v, type, readOnly: API_BACKED.has(type), mounted: false, retryDelay: kubeletTiming(this.ctx.cluster, "volumeRetryInitial") };
      pv.volumes.set(v.name, st);
      this.schedule(uid, v.name, kubeletDelay(this.ctx.cluster, "volumeSetUp"));
    }
  }

  /** Re-renders API-backed volumes (ConfigMap/Secret changes reach the files on the next sync). */
  refresh(pod: Pod): void {
    const uid = pod.metadata!.uid!;
    const pv = this.pods.get(uid);
    if (!pv) return;
    pv.pod = volumeView(pod);
    for (const [name, st] of pv.volumes) {
      if (!st.mounted || !API_BACKED.has(st.type) || st.type === "projected") continue;
      try {
        this.render(pv, st);
      } catch {
        // Keep the last good content, as the atomic writer does.
      }
      void name;
    }
  }

  /** True when every volume of the pod is mounted. */
  allMounted(uid: string): boolean {
    const pv = this.pods.get(uid);
    if (!pv) return true;
    for (const st of pv.volumes.values()) if (!st.mounted) return false;
    return true;
  }

  /** WaitForAttachAndMount: parks the sync until every volume is mounted, or fails after 2m3s. */
  async waitForAttachAndMount(fiber: Fiber, pod: Pod): Promise<void> {
    const uid = pod.metadata!.uid!;
    if (this.allMounted(uid)) return;
    const timeout = kubeletTiming(this.ctx.cluster, "volumeMountTimeout");
    const ok = await fiber.suspend<boolean>((resume) => {
      const pv = this.pods.get(uid)!;
      const waiter = () => {
        if (this.allMounted(uid)) {
          pv.waiters?.delete(waiter);
          timer.cancel();
          resume(true);
        }
      };
      const timer = this.ctx.cluster.clock.after(timeout, () => {
        pv.waiters?.delete(waiter);
        resume(false);
      }, "volume mount timeout");
      (pv.waiters ??= new Set()).add(waiter);
      return () => {
        pv.waiters?.delete(waiter);
        timer.cancel();
      };
    });
    if (ok) return;
    const pv = this.pods.get(uid);
    const unmounted: string[] = [];
    const failed: string[] = [];
    for (const [name, st] of pv?.volumes ?? []) {
      if (st.mounted) continue;
      unmounted.push(name);
      if (st.populatorError) failed.push(name);
    }
    failed.sort();
    throw new MountTimeoutError(`unmounted volumes=[${unmounted.join(" ")}], unattached volumes=[], failed to process volumes=[${failed.join(" ")}]: timed out waiting for the condition`);
  }

  /** The mounts of a container (volumeMounts with subPath and subPathExpr). */
  mountsFor(pod: Pod, container: Container, env: ReadonlyMap<string, string>): MountSpec[] {
    const pv = this.pods.get(pod.metadata!.uid!);
    const out: MountSpec[] = [];
    for (const m of container.volumeMounts ?? []) {
      const st = pv?.volumes.get(m.name);
      if (!st?.fs) continue;
      let sub = m.subPath ?? (m.subPathExpr ? expand(m.subPathExpr, lookupIn(env)) : undefined);
      if (st.subPath) sub = sub ? `${st.subPath}/${sub}` : st.subPath;
      out.push({ volume: st.fs, containerPath: m.mountPath, subPath: sub || undefined, readOnly: !!m.readOnly || st.readOnly });
    }
    return out;
  }

  /** The emptyDir volumes of a pod over their sizeLimit (the eviction manager asks). */
  sizeLimitViolations(uid: string): { name: string; limit: string }[] {
    const pv = this.pods.get(uid);
    const out: { name: string; limit: string }[] = [];
    for (const [name, st] of pv?.volumes ?? []) {
      const limit = st.spec.emptyDir?.sizeLimit;
      if (!limit || !st.fs) continue;
      const bytes = parseQuantity(String(limit));
      if (bytes !== undefined && st.fs.usedBytes() > bytes) out.push({ name, limit: String(limit) });
    }
    return out;
  }

  /** True when any of the pod's volumes has a sizeLimit to watch. */
  hasSizeLimits(pod: Pod): boolean {
    return (pod.spec?.volumes ?? []).some((v) => v.emptyDir?.sizeLimit !== undefined);
  }

  /** Tears down a pod's volumes: emptyDir data is gone, hostPath and PV data stay. */
  removePod(uid: string): void {
    const pv = this.pods.get(uid);
    if (!pv) return;
    for (const st of pv.volumes.values()) st.timer?.cancel();
    this.pods.delete(uid);
  }

  view(uid: string): VolumeView[] {
    const pv = this.pods.get(uid);
    return [...(pv?.volumes.entries() ?? [])].map(([name, st]) => ({
      name,
      type: st.type,
      mounted: st.mounted,
      ...(st.lastError && !st.mounted ? { error: st.lastError } : {}),
      ...(st.mountedAt !== undefined ? { mountedAt: st.mountedAt } : {}),
      ...(st.fs ? { usedBytes: st.fs.usedBytes() } : {}),
    }));
  }

  private schedule(uid: string, name: string, delay: number): void {
    const pv = this.pods.get(uid);
    const st = pv?.volumes.get(name);
    if (!pv || !st) return;
    st.timer?.cancel();
    st.timer = this.ctx.cluster.clock.after(delay, () => this.setUp(uid, name), `mount ${name}`);
  }

  private setUp(uid: string, name: string): void {
    const pv = this.pods.get(uid);
    const st = pv?.volumes.get(name);
    if (!pv || !st || st.mounted) return;
    st.timer = undefined;
    const pod = pv.pod;
    try {
      this.mount(pv, st);
      st.mounted = true;
      st.mountedAt = this.ctx.now;
      st.lastError = undefined;
      st.populatorError = undefined;
      this.ctx.trace("volume-mount", pod, { volume: name, type: st.type }, st.type === "persistentVolumeClaim" ? "csi" : "kubelet");
      if (pv.waiters) for (const w of [...pv.waiters]) w();
      if (pv.waiters?.size === 0) pv.waiters = undefined;
    } catch (e) {
      const message = (e as Error).message;
      st.lastError = message;
      if (e instanceof PopulatorError) {
        st.populatorError = message;
      } else {
        this.ctx.event(pod, "Warning", "FailedMount", `MountVolume.SetUp failed for volume "${name}" : ${message}`);
      }
      this.ctx.trace("volume-mount", pod, { volume: name, type: st.type, error: message }, st.type === "persistentVolumeClaim" ? "csi" : "kubelet");
      const delay = st.retryDelay;
      st.retryDelay = Math.min(st.retryDelay * 2, kubeletTiming(this.ctx.cluster, "volumeRetryMax"));
      this.schedule(uid, name, delay);
    }
  }

  private mount(pv: PodVolumes, st: VolumeState): void {
    const v = st.spec;
    const factory = this.ctx.volumes;
    if (v.emptyDir) {
      if (!st.fs) {
        const size = v.emptyDir.sizeLimit !== undefined ? parseQuantity(String(v.emptyDir.sizeLimit)) : undefined;
        st.fs = factory.create({ name: v.name, type: "emptyDir", medium: v.emptyDir.medium ?? "", ...(size !== undefined ? { sizeLimitBytes: size } : {}) });
      }
      return;
    }
    if (v.hostPath) {
      this.mountHostPath(v.hostPath.path, v.hostPath.type ?? "", st);
      return;
    }
    if (API_BACKED.has(st.type)) {
      this.render(pv, st);
      return;
    }
    if (v.persistentVolumeClaim) {
      const ns = pv.pod.metadata?.namespace ?? "default";
      const claim = v.persistentVolumeClaim.claimName;
      const pvc = this.ctx.cluster.store.get("PersistentVolumeClaim", ns, claim) as PersistentVolumeClaim | undefined;
      if (!pvc) throw new PopulatorError(`error processing PVC ${ns}/${claim}: failed to fetch PVC from API server: persistentvolumeclaims "${claim}" not found`);
      const volumeName = pvc.spec?.volumeName;
      if (pvc.status?.phase !== "Bound" || !volumeName) {
        throw new PopulatorError(`error processing PVC ${ns}/${claim}: PVC is not bound`);
      }
      const obj = this.ctx.cluster.store.get("PersistentVolume", undefined, volumeName) as PersistentVolume | undefined;
      if (!obj) throw new PopulatorError(`error processing PVC ${ns}/${claim}: failed to fetch PV ${volumeName} from API server: persistentvolumes "${volumeName}" not found`);
      const data = this.pvData.volume(obj, this.host);
      st.fs = data.fs;
      st.subPath = data.subPath;
      st.readOnly = !!v.persistentVolumeClaim.readOnly;
      return;
    }
    throw new VolumeSetUpError(`volume type ${st.type} is not supported by this node`);
  }

  private mountHostPath(path: string, type: string, st: VolumeState): void {
    const kind = this.host.kind(path);
    const fail = (what: string) => new VolumeSetUpError(`hostPath type check failed: ${path} is not ${what}`);
    switch (type) {
      case "DirectoryOrCreate":
        if (!kind) this.host.mkdirAll(path);
        else if (kind !== "dir") throw fail("a directory");
        break;
      case "Directory":
        if (kind !== "dir") throw fail("a directory");
        break;
      case "FileOrCreate":
        if (!kind) this.host.touch(path);
        else if (kind !== "file") throw fail("a file");
        break;
      case "File":
        if (kind !== "file") throw fail("a file");
        break;
      case "Socket":
        if (kind !== "socket") throw fail("a socket file");
        break;
      case "CharDevice":
        if (kind !== "char") throw fail("a character device");
        break;
      case "BlockDevice":
        if (kind !== "block") throw fail("a block device");
        break;
      default:
        if (!kind) this.host.mkdirAll(path);
    }
    const k = this.host.kind(path);
    const target = k === "dir" ? this.host.dir(path) : this.host.file(path);
    st.fs = target.fs;
    st.subPath = target.subPath;
  }

  private render(pv: PodVolumes, st: VolumeState): void {
    const cluster = this.ctx.cluster;
    const files: Files = renderVolume(
      {
        store: cluster.store,
        pod: pv.pod,
        facts: pv.facts(),
        allocatable: this.ctx.allocatable(),
        now: cluster.clock.now,
        unixSeconds: Math.floor(cluster.clock.unixMs / 1000),
        random: cluster.random,
      },
      st.spec,
    );
    if (!st.fs) st.fs = this.ctx.volumes.create({ name: st.spec.name, type: st.type });
    if (!st.rendered || !sameFiles(files, st.rendered)) {
      st.fs.writeFiles(files);
      st.rendered = files;
    }
  }
}

/** The same paths in the same order with the same contents and modes (what comparing their JSON tells). */
function sameFiles(a: Files, b: Files): boolean {
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k !== other[i]) return false;
    const x = a[k];
    const y = b[k];
    if (x.content !== y.content || x.mode !== y.mode) return false;
  }
  return true;
}

/**
 * The pod as volumes read it, from the version last synced: its identity and resourceVersion (events
 * about it), labels and annotations (the downward API) and spec. The rest of that version's metadata
 * and its status (what the downward API reads of it comes from the pod's facts) are left behind:
 * held here, they kept the version's managedFields, conditions and container statuses alive after
 * the kubelet's own status writes replaced it.
 * WARNING: whatever renders volumes or reports on them reads only these fields; one that reads
 * another field of the pod must add it here.
 */
function volumeView(pod: Pod): Pod {
  const m = pod.metadata;
  if (!m) return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: undefined, spec: pod.spec };
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, labels: m.labels, annotations: m.annotations },
    spec: pod.spec,
  };
}

/** A volume the desired-state populator could not process (PVC not found or not bound). */
class PopulatorError extends Error {}
