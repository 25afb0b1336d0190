/**
 * Image references as the distribution reference grammar defines them (what containerd and the
 * kubelet's ParseNormalizedNamed accept): `[domain/]path[:tag][@digest]`, normalised to
 * `docker.io/library/nginx:latest` the way Docker Hub names are.
 */

import { LruMap } from "../../util/lru";

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** "docker.io", "registry.k8s.io", "localhost:5000". */
  domain: string;
  /** "library/nginx", "e2e-test-images/agnhost". */
  path: string;
  /** Tag; "latest" when neither tag nor digest was given. */
  tag: string;
  digest?: string;
  /** "docker.io/library/nginx". */
  repository: string;
  /** "docker.io/library/nginx:latest" (or "...@sha256:..." with a digest). */
  normalized: string;
}

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_ID = /^[a-f0-9]{64}$/;

type Parsed = { ok: true; ref: ImageReference } | { ok: false; error: string };

/** References parsed lately: every pull, start and image check of a pod parses its image again. */
const parsed = new LruMap<string, Parsed>(256);

/**
 * Parses and normalises an image reference. Errors are the distribution library's own words
 * ("invalid reference format", "... must be lowercase").
 *
 * WARNING: the result is shared by every caller parsing the same text; never change it.
 */
export function parseImageReference(image: string): Parsed {
  let p = parsed.get(image);
  if (!p) parsed.set(image, (p = parse(image)));
  return p;
}

function parse(image: string): Parsed {
  if (image === "" || image.length > 512) return { ok: false, error: "invalid reference format" };
  if (ANCHORED_ID.test(image)) return { ok: false, error: `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings` };
  const { domain, remainder } = splitDomain(image);
  const remoteName = remainder.replace(/[:@].*$/, "");
  if (remoteName.toLowerCase() !== remoteName) {
    return { ok: false, error: `invalid reference format: repository name (${remoteName}) must be lowercase` };
  }
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m) return { ok: false, error: "invalid reference format" };
  const nameLen = m[1].length;
  if (nameLen > 255) return { ok: false, error: "repository name must not be more than 255 characters" };
  const tag = m[2] ?? (m[3] ? "" : "latest");
  const repository = m[1];
  const path = repository.slice(domain.length + 1);
  const normalized = m[3] ? `${repository}${m[2] ? `:${m[2]}` : ""}@${m[3]}` : `${repository}:${tag}`;
  return { ok: true, ref: { domain, path, tag: tag || "latest", digest: m[3], repository, normalized } };
}

/** Docker's rule: the first component is a registry when it has a dot or a port, or is "localhost". */
function splitDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf("/");
  let domain = "docker.io";
  let remainder = name;
  if (i !== -1) {
    const first = name.slice(0, i);
    if (first.includes(".") || first.includes(":") || first === "localhost" || first.toLowerCase() !== first) {
      domain = first;
      remainder = name.slice(i + 1);
    }
  }
  if (domain === "index.docker.io") domain = "docker.io";
  if (domain === "docker.io" && !remainder.includes("/")) remainder = `library/${remainder}`;
  return { domain, remainder };
}

/** True when the kubelet would report InvalidImageName for this image. */
export function isInvalidImageReference(image: string): boolean {
  return !parseImageReference(image).ok;
}

/** The short form kubectl and the kubelet's events show ("nginx:latest" stays as the user wrote it). */
export function familiarName(ref: ImageReference): string {
  let name = ref.repository;
  if (name.startsWith("docker.io/library/")) name = name.slice("docker.io/library/".length);
  else if (name.startsWith("docker.io/")) name = name.slice("docker.io/".length);
  return ref.digest ? `${name}@${ref.digest}` : `${name}:${ref.tag}`;
}
