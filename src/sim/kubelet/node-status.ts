/**
 * NodeStatusManager: the kubelet's node status updates (kubelet_node_status.go). Today it keeps
 * node.status.images current from the runtime's image cache — newest report at the next status
 * update (every nodeStatusUpdateFrequency), largest images first, at most 50. Heartbeats (the Ready
 * condition's lastHeartbeatTime and the node Lease) belong here too when nodes can fail.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../clock";
import type { KObject } from "../api/types";
import type { KubeletContext } from "./context";
import { kubeletTiming } from "./timings";

/** nodeStatusMaxImages. */
const MAX_IMAGES = 50;

export class NodeStatusManager {
  private timer: TimerHandle | undefined;

  constructor(private readonly ctx: KubeletContext) {}

  /** The image cache changed: report it at the next status update. */
  markImagesDirty(): void {
    if (this.timer) return;
    const period = kubeletTiming(this.ctx.cluster, "nodeStatusUpdateFrequency");
    const now = this.ctx.now;
    const next = (Math.floor(now / period) + 1) * period;
    this.timer = this.ctx.cluster.clock.at(next, () => {
      this.timer = undefined;
      this.updateImages();
    }, `node status ${this.ctx.nodeName}`);
  }

  /** Writes node.status.images from the runtime. */
  updateImages(): void {
    const images = this.ctx.runtime
      .listImages()
      .slice()
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, MAX_IMAGES)
      .map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes }));
    try {
      this.ctx.cluster.api.mutate<KObject>("Node", undefined, this.ctx.nodeName, { actor: this.ctx.actor }, (n) => {
        n.status = { ...(n as Node).status, images };
      }, "status");
    } catch {
      // The Node object is gone.
    }
  }
}
