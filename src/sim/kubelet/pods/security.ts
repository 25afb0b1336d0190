/**
 * The security context the kubelet applies to a container (kuberuntime/security_context.go): the
 * effective runAsUser/runAsGroup (container over pod over image), supplementalGroups and fsGroup, and
 * the runAsNonRoot verification that fails with CreateContainerConfigError.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import type { ContainerRuntime } from "../../runtime/cri";
import { ContainerConfigError } from "../env/environment";
import { formatPod } from "../format";

/** The image's configured user, when the runtime can tell (CRI ImageStatus uid/username). */
export interface ImageUserSource {
  imageUser?(image: string): { uid?: number; username?: string } | undefined;
  /** The simulated containerd's image cache: an image's config USER. */
  images?: { get?(image: string): { def?: { user?: string } } | undefined };
}

/** ImageStatus' uid/username: a numeric USER is a uid, a name is a username, none is root. */
function imageUser(runtime: ImageUserSource, image: string): { uid?: number; username?: string } {
  const direct = runtime.imageUser?.(image);
  if (direct) return direct;
  const user = runtime.images?.get?.(image)?.def?.user;
  if (!user) return { uid: 0 };
  const name = user.split(":")[0];
  return /^\d+$/.test(name) ? { uid: Number(name) } : { username: name };
}

export interface EffectiveSecurity {
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  fsGroup?: number;
}

export function effectiveSecurity(pod: Pod, container: Container): EffectiveSecurity {
  const psc = pod.spec?.securityContext ?? {};
  const csc = container.securityContext ?? {};
  const out: EffectiveSecurity = {};
  const user = csc.runAsUser ?? psc.runAsUser;
  const group = csc.runAsGroup ?? psc.runAsGroup;
  if (user !== undefined) out.runAsUser = user;
  if (group !== undefined) out.runAsGroup = group;
  if (psc.supplementalGroups?.length) out.supplementalGroups = [...psc.supplementalGroups];
  if (psc.fsGroup !== undefined) out.fsGroup = psc.fsGroup;
  return out;
}

/** verifyRunAsNonRoot: throws ContainerConfigError with Kubernetes' message when the check fails. */
export function verifyRunAsNonRoot(pod: Pod, container: Container, runtime: ContainerRuntime & ImageUserSource): void {
  const csc = container.securityContext ?? {};
  const psc = pod.spec?.securityContext ?? {};
  const nonRoot = csc.runAsNonRoot ?? psc.runAsNonRoot;
  if (!nonRoot) return;
  const who = `(pod: "${formatPod(pod)}", container: ${container.name})`;
  const explicit = csc.runAsUser ?? psc.runAsUser;
  if (explicit !== undefined) {
    if (explicit === 0) throw new ContainerConfigError(`container's runAsUser breaks non-root policy ${who}`);
    return;
  }
  const img = imageUser(runtime, container.image ?? "");
  if (img.uid === undefined && img.username) {
    throw new ContainerConfigError(`container has runAsNonRoot and image has non-numeric user (${img.username}), cannot verify user is non-root ${who}`);
  }
  if ((img.uid ?? 0) === 0) throw new ContainerConfigError(`container has runAsNonRoot and image will run as root ${who}`);
}
