/**
 * RuntimeDeps: what the container-level code (start, kill, sync of one pod) needs from its kubelet.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Backoff } from "../backoff";
import type { KubeletContext } from "../context";
import type { PodFacts } from "../env/field-ref";
import type { Fiber } from "../fiber";
import type { ImageManager } from "../images/image-manager";
import type { ProberManager } from "../prober/prober-manager";
import type { VolumeManager } from "../volumes/volume-manager";
import type { Ipam } from "./ipam";
import type { PodRecord } from "./pod-record";

export interface RuntimeDeps {
  ctx: KubeletContext;
  images: ImageManager;
  volumes: VolumeManager;
  probes: ProberManager;
  ipam: Ipam;
  crashLoopBackOff: Backoff;
  /** Maps a container instance to its pod for the PLEG. */
  trackContainer(id: string, pr: PodRecord): void;
  /** Parks until the container instance has exited. */
  waitForExit(fiber: Fiber, id: string): Promise<void>;
  /** The Service environment variables a container of this pod gets. */
  serviceEnv(pod: Pod): ReadonlyMap<string, string>;
  /** The pod's IPs and the node's, for the downward API. */
  facts(pr: PodRecord): PodFacts;
}
