/**
 * What happens to a node's kubelet when the node fails and comes back. Three cases, as they are on a
 * real node:
 *
 * - stop: the kubelet and containerd stop (`systemctl stop kubelet containerd`, a hung node agent).
 *   Containers already running keep running (their shims do), but nothing syncs, probes, restarts or
 *   reports: no Lease renewals, no node or pod status, no events, and API changes go unseen.
 * - start: the kubelet and containerd come back. The kubelet relists the API — pods deleted meanwhile
 *   are killed, containers that exited are restarted per policy — reports every pod's status again,
 *   and resumes its heartbeats ("Starting kubelet.", "Node node-1 status is now: NodeReady").
 * - reboot: the machine goes down, so every container dies with it and the pod sandboxes are gone;
 *   after the boot delay the kubelet starts with a new boot id ("Rebooted"), sees the sandboxes
 *   changed and starts every pod afresh (new sandbox, restartCount + 1).
 *
 * A partition is separate: the kubelet keeps running pods (probes, restarts) but cannot reach the
 * API server; when it can again it relists and reports, as after a start.
 */
import type { Kubelet } from "./kubelet";
import { kubeletTiming } from "./timings";

/** The relist the kubelet's pod source does when it is back (KubeletComponent.relist). */
export type Relist = (nodeName: string) => void;

/** Stops the kubelet and the container runtime; running containers are left as they are. */
export function stopKubelet(k: Kubelet): void {
  if (!k.ctx.running) return;
  k.ctx.running = false;
  k.nodeStatus.stop();
  trace(k, "kubelet-stop");
}

/** Starts a stopped kubelet (after a stop, or when a rebooted node is up again). */
export function startKubelet(k: Kubelet, relist: Relist, opts: { bootID?: string } = {}): void {
  if (k.ctx.running) return;
  k.ctx.running = true;
  trace(k, "kubelet-start");
  k.nodeStatus.start({ announce: true, bootID: opts.bootID });
  resync(k, relist);
}

/**
 * Reboots the node: the kubelet stops, every pod sandbox and container dies, and after the boot delay
 * the kubelet starts again with a new boot id. Returns when the node will be up (virtual ms).
 */
export function rebootNode(k: Kubelet, relist: Relist, downtimeMs = kubeletTiming(k.cluster, "nodeRebootDowntime")): number {
  stopKubelet(k);
  for (const w of k.workers.values()) {
    for (const s of w.pr.rp.sandboxes) {
      if (s.removedAt === undefined && k.ctx.runtime.sandbox(s.id)?.state === "ready") k.ctx.runtime.stopPodSandbox(s.id);
    }
  }
  trace(k, "node-reboot");
  const bootID = k.cluster.random.uuid();
  const upAt = k.cluster.clock.now + downtimeMs;
  k.cluster.clock.at(upAt, () => startKubelet(k, relist, { bootID }), `node ${k.nodeName} boots`);
  return upAt;
}

/** A partition starts or ends for this node: the API server is out of reach, or reachable again. */
export function setApiReachable(k: Kubelet, reachable: boolean, relist: Relist): void {
  if (k.ctx.apiReachable === reachable) return;
  k.ctx.apiReachable = reachable;
  trace(k, reachable ? "api-reachable" : "api-unreachable");
  if (!reachable || !k.ctx.running) return;
  // The heartbeat's next tick renews the Lease; report now, as the kubelet's retry would.
  k.nodeStatus.renewLease();
  k.nodeStatus.syncNodeStatus();
  resync(k, relist);
}

/** After a stop or a partition: relist the API, sync every pod, and write every status the API lacks. */
function resync(k: Kubelet, relist: Relist): void {
  if (!k.ctx.connected) return;
  relist(k.nodeName);
  for (const w of k.workers.values()) w.queue(0);
  // After the workers of this instant have set their fresh statuses.
  k.cluster.clock.after(0, () => {
    if (k.ctx.connected) k.status.rewriteAll();
  }, `kubelet ${k.nodeName} status resync`);
}

function trace(k: Kubelet, action: string): void {
  const t = k.cluster.trace;
  if (t.active) t.emit({ time: k.cluster.clock.now, component: "kubelet", node: k.nodeName, action });
}
