/**
 * `podlab container kill`: a signal to a container's main process, as `kill -s SIGNAL PID` on the
 * node (or the kernel's OOM killer, or a crash) would send it. The process reacts as it would —
 * SIGKILL ends it with 137, SIGTERM runs its handler or is ignored by a PID 1 without one — and the
 * kubelet notices the exit and restarts the container per the pod's restartPolicy.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import type { KubeletComponent } from "../kubelet/component";
import { NodeRuntime } from "../runtime/runtime";
import { deliverSignal } from "../runtime/process/launcher";
import { signalName, signalNumber } from "../runtime/process/signals";

/** Which container to signal, and with what. */
export interface KillRequest {
  namespace: string;
  pod: string;
  /** Defaults to the pod's default container (annotation kubectl.kubernetes.io/default-container) or its first. */
  container?: string;
  /** A signal name or number; KILL by default. */
  signal?: string;
}

export function killContainer(cluster: Cluster, kubelets: KubeletComponent, req: KillRequest): string {
  const pod = cluster.api.tryGet<Pod & KObject>("Pod", req.namespace, req.pod);
  if (!pod) throw new Error(`pods "${req.pod}" not found in namespace "${req.namespace}"`);
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const container = req.container ?? pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"] ?? pod.spec?.containers?.[0]?.name ?? "";
  if (!names.includes(container)) throw new Error(`container ${container} is not valid for pod ${req.pod}`);
  const sig = signalNumber(req.signal ?? "KILL");
  if (sig === undefined || sig === 0) throw new Error(`unknown signal "${req.signal}"`);
  const k = pod.spec?.nodeName ? kubelets.kubelet(pod.spec.nodeName) : undefined;
  const w = k && [...k.workers.values()].find((x) => x.pr.namespace === req.namespace && x.pr.name === req.pod);
  const rec = w?.pr.rp.latest(container);
  const runtime = k?.ctx.runtime;
  const c = rec && runtime instanceof NodeRuntime ? runtime.container(rec.id) : undefined;
  const main = c?.processes().find((p) => p.ppid === 0 && !p.exited);
  if (!c || !main || c.status().state !== "running") throw new Error(`container "${container}" of pod "${req.pod}" is not running`);
  // Processes only run inside clock callbacks: the signal is delivered at this instant, on the clock.
  cluster.clock.after(0, () => deliverSignal(main, sig).done, `kill -${signalName(sig)} ${req.pod}/${container}`);
  return `container ${container} of pod ${req.namespace}/${req.pod} sent SIG${signalName(sig)}`;
}
