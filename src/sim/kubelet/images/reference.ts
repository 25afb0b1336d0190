/**
 * Image references as the kubelet and containerd read them: the default `:latest` tag, the
 * normalized `docker.io/library/...` name a container status reports, and the default pull policy
 * the API server would have set.
 */

/** True when the reference names a tag or a digest. */
export function hasTagOrDigest(image: string): boolean {
  if (image.includes("@")) return true;
  const lastSlash = image.lastIndexOf("/");
  return image.slice(lastSlash + 1).includes(":");
}

/** applyDefaultImageTag: `nginx` → `nginx:latest`. */
export function withDefaultTag(image: string): string {
  return hasTagOrDigest(image) ? image : `${image}:latest`;
}

/** The fully qualified name containerd reports: `nginx` → `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  const tagged = withDefaultTag(image);
  const firstSlash = tagged.indexOf("/");
  const first = firstSlash < 0 ? "" : tagged.slice(0, firstSlash);
  const hasRegistry = firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return tagged;
  return firstSlash < 0 ? `docker.io/library/${tagged}` : `docker.io/${tagged}`;
}

/** The pull policy the API server defaults: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  if (!hasTagOrDigest(image)) return "Always";
  return image.endsWith(":latest") ? "Always" : "IfNotPresent";
}
