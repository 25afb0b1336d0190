/**
 * The shape of the image catalogue: what an image is made of (a base root filesystem plus files),
 * its config (ENTRYPOINT, CMD, ENV, WORKDIR, USER, STOPSIGNAL, exposed ports), its size and tags.
 * Behaviour lives in the modelled programs the image's files point at.
 */

/** A file of an image: text (mode 0644), or with options; a symlink; a directory. */
export type FileSpec =
  | string
  | { content?: string; mode?: number; uid?: number; gid?: number; program?: string }
  | { symlink: string }
  | { dir: true; mode?: number; uid?: number; gid?: number };

/** Which command-line tools a base ships and how its shell words errors. */
export type Userland = "busybox" | "gnu" | "none";

export interface BaseDef {
  name: string;
  userland: Userland;
  /** The shell /bin/sh is: busybox ash, Debian's dash, or none. */
  sh?: "ash" | "dash" | "bash";
  env: Record<string, string>;
  files: Record<string, FileSpec>;
  /** Tools in PATH (each becomes a file at `toolDir/name`). */
  tools: string[];
  toolDir: string;
}

export interface ImageDef {
  /** Normalised repository, "docker.io/library/nginx". */
  repository: string;
  /** Other repositories with the same content ("k8s.gcr.io/pause" for "registry.k8s.io/pause"). */
  aliases?: string[];
  /** Tags that exist, as regular expressions over the whole tag. A tag matching none is not found. */
  tags: string[];
  /** Compressed size in bytes, as containerd reports it. */
  sizeBytes: number;
  /** Sizes of variants, by tag pattern ("alpine" tags are smaller). */
  variantSizes?: { tag: string; sizeBytes: number }[];
  base: string;
  /** Tools to add to or remove from the base's set. */
  addTools?: string[];
  removeTools?: string[];
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  workingDir?: string;
  user?: string;
  exposedPorts?: number[];
  stopSignal?: string;
  files?: Record<string, FileSpec>;
  /** The registry refuses anonymous pulls (imagePullSecrets needed). */
  private?: boolean;
  /** Versions of the software by tag pattern (first match wins), for banners and `--version`. */
  versions?: { tag: string; version: string }[];
  /**
   * Whether /bin/sh execs the lone command of `sh -c "cmd"` (busybox, bash and dash since 0.5.11 do,
   * so cmd becomes PID 1; the old dash of 2018-era Debian images did not).
   */
  shellExecsLoneCommand?: boolean;
  /** One line for the README's catalogue table. */
  summary: string;
}

/** What a container is started from: the definition and the tag that was pulled. */
export interface ResolvedImage {
  def: ImageDef;
  /** "docker.io/library/nginx:latest". */
  ref: string;
  tag: string;
  /** The software version for this tag ("1.27.3"). */
  version: string;
  sizeBytes: number;
  /** "sha256:..." — stable per reference. */
  id: string;
  /** "docker.io/library/nginx@sha256:..." */
  digestRef: string;
  /** True for images the catalogue does not know: they run as a generic server. */
  generic: boolean;
}
