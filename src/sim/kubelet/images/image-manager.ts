/**
 * ImageManager: the kubelet's EnsureImageExists (images/image_manager.go) — imagePullPolicy
 * (Always, IfNotPresent, Never → ErrImageNeverPull), invalid references (InvalidImageName), the
 * pull back-off per pod and image (ErrImagePull, then ImagePullBackOff with 10 s doubling to 5 min),
 * pulls serialized one at a time per node (serializeImagePulls), and the Pulling / Pulled / Failed /
 * BackOff events with Kubernetes' messages.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { formatGoDuration } from "../../clock";
import type { PullAuth, PullOutcome } from "../../runtime/cri";
import { Backoff } from "../backoff";
import type { KubeletContext } from "../context";
import { WaitingReason } from "../events";
import { sharedMessage } from "../format";
import type { Fiber } from "../fiber";
import { kubeletTiming } from "../timings";
import { defaultPullPolicy } from "./reference";

export type EnsureImageResult = { ok: true } | { ok: false; reason: string; message: string };

export class ImageManager {
  readonly backOff: Backoff;
  private busy = false;
  private waiters: (() => void)[] = [];
  /** Called after a pull that changed the node's image cache. */
  onImagesChanged: () => void = () => {};

  constructor(private readonly ctx: KubeletContext) {
    this.backOff = new Backoff(kubeletTiming(ctx.cluster, "imageBackOffInitial"), kubeletTiming(ctx.cluster, "imageBackOffMax"));
  }

  async ensureImageExists(fiber: Fiber, pod: Pod, container: Container, auth: PullAuth | undefined): Promise<EnsureImageResult> {
    const { ctx } = this;
    const image = container.image ?? "";
    const name = container.name;
    if (!image || ctx.runtime.isInvalidReference(image)) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
      ctx.event(pod, "Warning", "InspectFailed", message, name);
      return { ok: false, reason: WaitingReason.InvalidImageName, message };
    }
    const present = ctx.runtime.hasImage(image);
    const policy = container.imagePullPolicy ?? defaultPullPolicy(image);
    const shouldPull = policy === "Always" || (policy === "IfNotPresent" && !present);
    if (!shouldPull) {
      if (present) {
        ctx.event(pod, "Normal", "Pulled", sharedMessage(alreadyPresentMessage, image), name);
        return { ok: true };
      }
      const message = `Container image "${image}" is not present with pull policy of Never`;
      ctx.event(pod, "Warning", "ErrImageNeverPull", message, name);
      return { ok: false, reason: WaitingReason.ErrImageNeverPull, message };
    }
    const key = `${pod.metadata?.uid}_${image}`;
    if (this.backOff.isInBackOffSinceUpdate(key, ctx.now)) {
      const message = `Back-off pulling image "${image}"`;
      ctx.event(pod, "Normal", "BackOff", message, name);
      return { ok: false, reason: WaitingReason.ImagePullBackOff, message };
    }
    ctx.event(pod, "Normal", "Pulling", `Pulling image "${image}"`, name);
    const start = ctx.now;
    ctx.trace("pull", pod, { container: name, image, phase: "queued" }, "containerd");
    await this.acquire(fiber);
    let outcome: PullOutcome;
    try {
      ctx.trace("pull", pod, { container: name, image, phase: "start" }, "containerd");
      outcome = await fiber.suspend<PullOutcome>((resume) => ctx.runtime.pullImage(image, auth, resume));
    } finally {
      this.release();
    }
    ctx.trace("pull", pod, { container: name, image, phase: "done", ok: outcome.ok }, "containerd");
    if (!outcome.ok) {
      ctx.event(pod, "Warning", "Failed", `Failed to pull image "${image}": ${outcome.message}`, name);
      this.backOff.next(key, ctx.now, ctx.now);
      return { ok: false, reason: WaitingReason.ErrImagePull, message: outcome.message };
    }
    ctx.event(
      pod,
      "Normal",
      "Pulled",
      `Successfully pulled image "${image}" in ${formatGoDuration(Math.floor(outcome.durationMs))} (${formatGoDuration(Math.floor(ctx.now - start))} including waiting). Image size: ${outcome.sizeBytes} bytes.`,
      name,
    );
    if (!outcome.alreadyPresent) this.onImagesChanged();
    return { ok: true };
  }

  private async acquire(fiber: Fiber): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await fiber.suspend<void>((resume) => {
      const w = () => resume(undefined);
      this.waiters.push(w);
      return () => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
      };
    });
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.busy = false;
  }
}

function alreadyPresentMessage(image: string): string {
  return `Container image "${image}" already present on machine`;
}
