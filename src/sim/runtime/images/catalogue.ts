/**
 * The image catalogue: which images exist, which tags they have, how big they are, and the rule for
 * images the catalogue does not know. Unknown images from a plausible repository run as a generic
 * server on their declared ports (so pasted application manifests run); a tag no release of a known
 * image has, an official-image name Docker Hub does not have, or a repository named to not exist
 * fails to pull as the registry would answer.
 */
import { hashString } from "../../random";
import { LruMap } from "../../util/lru";
import { DATA_IMAGES } from "./catalogue-data";
import { OS_IMAGES } from "./catalogue-os";
import { TEST_IMAGES } from "./catalogue-test";
import { WEB_IMAGES } from "./catalogue-web";
import { K8S_IMAGES } from "./catalogue-k8s";
import type { ImageReference } from "./reference";
import type { ImageDef, ResolvedImage } from "./types";

export const CATALOGUE: ImageDef[] = [...OS_IMAGES, ...WEB_IMAGES, ...DATA_IMAGES, ...TEST_IMAGES, ...K8S_IMAGES];

/** Docker Hub's official images ("library/<name>"). A single-word name outside this list does not exist. */
export const OFFICIAL_IMAGES = new Set(
  (
    "adminer aerospike almalinux alpine amazoncorretto amazonlinux api-firewall arangodb archlinux backdrop bash bonita " +
    "buildpack-deps busybox caddy cassandra centos chronograf cirros clearlinux clojure composer consul convertigo couchbase " +
    "couchdb crate dart debian docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang " +
    "fedora flink fluentd friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world hitch " +
    "httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi jetty joomla jruby julia kapacitor kibana kong krakend " +
    "lightstreamer liquibase logstash mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql " +
    "nats neo4j neurodebian nextcloud nginx node notary odoo open-liberty openjdk oraclelinux orientdb percona perl photon " +
    "php php-zendserver phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star redis redmine registry " +
    "rethinkdb rocket.chat rockylinux ruby rust sapmachine satosa silverpeas solr sonarqube spiped storm swift teamspeak " +
    "telegraf tomcat tomee traefik ubuntu unit varnish websphere-liberty wordpress xwiki yourls znc zookeeper"
  ).split(" "),
);

/** Words in a repository name that say it does not exist ("nonexistent-image", "does-not-exist"). */
const NONEXISTENT = /(^|[/_.-])(non-?existent|non-?existing|does-?not-?exist|doesnt-?exist|not-?exist(s|ing)?|no-?such|fake|invalid|missing|bogus|idonotexist)([/_.-]|$)/;

/** Registries the simulated cluster can reach (others answer nothing: the pull times out). */
const KNOWN_REGISTRIES = new Set(["docker.io", "registry.k8s.io", "k8s.gcr.io", "gcr.io", "quay.io", "ghcr.io", "mcr.microsoft.com", "public.ecr.aws", "us-docker.pkg.dev", "registry.gitlab.com"]);

/** Why a reference cannot be pulled, or undefined when it can. */
export type PullProblem = { kind: "not-found" } | { kind: "denied" } | { kind: "unreachable" };

/** The catalogue by repository and alias, made when first needed: every pull and start looks an image up. */
let byName: Map<string, ImageDef> | undefined;

export function findImageDef(repository: string): ImageDef | undefined {
  byName ??= indexByName(CATALOGUE);
  return byName.get(repository);
}

/** Each name mapped to the first image that has it as its repository or an alias, as a search in order finds. */
function indexByName(defs: readonly ImageDef[]): Map<string, ImageDef> {
  const index = new Map<string, ImageDef>();
  for (const d of defs) {
    for (const name of [d.repository, ...(d.aliases ?? [])]) if (!index.has(name)) index.set(name, d);
  }
  return index;
}

/** Compiled tag patterns: the catalogue's own, so a fixed few. */
const tagPatterns = new Map<string, RegExp>();

/** True when a tag matches a catalogue tag pattern (a regular expression matching the whole tag). */
function tagIs(pattern: string, tag: string): boolean {
  let re = tagPatterns.get(pattern);
  if (!re) tagPatterns.set(pattern, (re = new RegExp(`^(?:${pattern})$`)));
  return re.test(tag);
}

function tagMatches(def: ImageDef, tag: string): boolean {
  return def.tags.some((t) => tagIs(t, tag));
}

/** Decides whether the registry has this image (and whether it needs credentials). */
export function pullProblem(ref: ImageReference, hasCredentials: boolean): PullProblem | undefined {
  const def = findImageDef(ref.repository);
  if (def) {
    if (!ref.digest && !tagMatches(def, ref.tag)) return { kind: "not-found" };
    if (def.private && !hasCredentials) return { kind: "denied" };
    return undefined;
  }
  if (NONEXISTENT.test(ref.path)) return ref.domain === "docker.io" ? { kind: "denied" } : { kind: "not-found" };
  if (ref.domain === "docker.io" && ref.path.startsWith("library/") && !OFFICIAL_IMAGES.has(ref.path.slice(8))) return { kind: "denied" };
  if (!KNOWN_REGISTRIES.has(ref.domain) && !/^(localhost|127\.|registry\.|.*\.(local|internal|svc|example\.com))/.test(ref.domain) && !ref.domain.includes(".")) return { kind: "unreachable" };
  return undefined;
}

/** Digests made lately: every pull and start of an image resolves it, and asks for the same two. */
const digests = new LruMap<string, string>(256);

/** A 64-hex-digit digest that is stable for a text. */
export function fakeDigest(text: string): string {
  let digest = digests.get(text);
  if (digest === undefined) digests.set(text, (digest = computeDigest(text)));
  return digest;
}

function computeDigest(text: string): string {
  let out = "";
  let h = hashString(text);
  while (out.length < 64) {
    h = hashString(`${h}:${text}`);
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

/** The catalogue's answer for a pullable reference (a generic image when unknown). */
export function resolveImage(ref: ImageReference): ResolvedImage {
  const def = findImageDef(ref.repository);
  const generic = !def;
  const d: ImageDef = def ?? genericImageDef(ref.repository);
  const variant = d.variantSizes?.find((v) => tagIs(v.tag, ref.tag));
  const sizeBytes = variant?.sizeBytes ?? d.sizeBytes;
  const digest = ref.digest ?? `sha256:${fakeDigest(`manifest:${ref.repository}:${ref.tag}`)}`;
  return {
    def: d,
    ref: ref.normalized,
    tag: ref.tag,
    version: versionFor(d, ref.tag),
    sizeBytes,
    id: `sha256:${fakeDigest(`config:${ref.repository}:${ref.tag}:${ref.digest ?? ""}`)}`,
    digestRef: `${ref.repository}@${digest}`,
    generic,
  };
}

function versionFor(def: ImageDef, tag: string): string {
  for (const v of def.versions ?? []) {
    if (!tagIs(v.tag, tag)) continue;
    if (v.version !== "$&") return v.version;
    return /^\d+(\.\d+)*/.exec(tag)?.[0] ?? tag;
  }
  return tag;
}

/** An image the catalogue does not know: a small Debian-based server listening on its containerPorts. */
function genericImageDef(repository: string): ImageDef {
  const size = 20_000_000 + (hashString(repository) % 180_000_000);
  return {
    repository,
    tags: [".*"],
    sizeBytes: size,
    base: "debian",
    entrypoint: ["/usr/local/bin/app"],
    files: { "/usr/local/bin/app": { program: "generic-server", mode: 0o755 }, "/app": { dir: true } },
    workingDir: "/app",
    summary: "an unknown image: a generic server that listens on the container's declared ports and answers HTTP 200",
  };
}
