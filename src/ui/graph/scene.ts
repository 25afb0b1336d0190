/**
 * The scene: what the graph shows and where, before the outer arrangement — node cards in a grid
 * with their pods packed inside, the Pending area above them, Services on one side, ConfigMaps,
 * Secrets, claims and volumes on the other, and the links between them. Built from the mirror and
 * the UI's filters; the outer arrangement (ELK) and React Flow come after. Given the SceneCache of
 * the previous build, only the nodes whose pods changed are gathered and packed again.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import { matches, parseSelector, type Selector } from "../../sim/api/labels";
import type { KObject } from "../../sim/api/types";
import type { PodRuntimeView } from "../../worker/protocol";
import { hasSourcedVolumes, type ClusterMirror } from "../store/mirror";
import type { Detail, DetailSetting } from "../store/ui-slice";
import { keyOf, nodeBoxId, PENDING_ID, podBoxId } from "./ids";
import { createSceneCache, nodeBlock, pendingBlock, type Members, type SceneCache } from "./scene-blocks";
import { sideAndLinks } from "./scene-links";

export { keyOf, nodeBoxId, objectBoxId, PENDING_ID, podBoxId, serviceBoxId } from "./ids";
export { createSceneCache, type SceneCache } from "./scene-blocks";
import { autoDetail, NODE_MIN_W } from "./geometry";

export interface SceneFilters {
  namespace: string;
  labelFilter: string;
  detail: DetailSetting;
  collapsed: ReadonlySet<string>;
  /** Lay the nodes out for a wide screen (presenter mode): a few nodes side by side, not in a square. */
  wide?: boolean;
  /**
   * The Pending area is drawn at least this tall. While pods leave it one after another, keeping
   * its height keeps every node below it (and every pod card in them) where it is, instead of
   * moving them all up a little at each update.
   */
  pendingMinHeight?: number;
}

/** A pod fading out, still drawn where it was. */
export interface GhostPod {
  pod: Pod;
  view?: PodRuntimeView;
}

export type NodeBoxMode = "cards" | "chips" | "counts";

export interface NodeBoxData extends Record<string, unknown> {
  name: string;
  mode: NodeBoxMode;
  collapsed: boolean;
  /** Pods drawn inside the card as chips ("namespace/name"), in order. */
  chips: string[];
  /** Pods on the node that pass the filters. */
  podCount: number;
}

export interface PendingBoxData extends Record<string, unknown> {
  mode: NodeBoxMode;
  chips: string[];
  podCount: number;
}

export interface PodBoxData extends Record<string, unknown> {
  key: string;
  leaving: boolean;
}

export interface ServiceBoxData extends Record<string, unknown> {
  key: string;
  ready: number;
  notReady: number;
}

export interface ObjectBoxData extends Record<string, unknown> {
  kind: "ConfigMap" | "Secret" | "PersistentVolumeClaim" | "PersistentVolume";
  /** "namespace/name", or the name for PersistentVolumes. */
  key: string;
  /** Referenced by a pod but not in the cluster. */
  missing: boolean;
  /** Set on the one box that stands for this many objects of the kind that nothing links to. */
  unused?: number;
}

export type InnerBox =
  | { id: string; type: "k8sNode"; x: number; y: number; w: number; h: number; data: NodeBoxData }
  | { id: string; type: "pending"; x: number; y: number; w: number; h: number; data: PendingBoxData }
  | { id: string; type: "pod"; x: number; y: number; w: number; h: number; data: PodBoxData };

export type SideBox =
  | { id: string; type: "service"; partition: 0; w: number; h: number; data: ServiceBoxData }
  | { id: string; type: "object"; partition: 2 | 3; w: number; h: number; data: ObjectBoxData };

export type LinkKind = "endpoint" | "volume" | "binding";

export interface SceneLink {
  id: string;
  source: string;
  target: string;
  kind: LinkKind;
  /** Endpoint links: every endpoint behind it is ready. */
  ready: boolean;
  label?: string;
  ariaLabel: string;
}

export interface Scene {
  lod: Detail;
  center: { w: number; h: number };
  inner: InnerBox[];
  side: SideBox[];
  links: SceneLink[];
  /** Pods that pass the filters. */
  visiblePods: number;
  /** The label filter did not parse. */
  filterError?: string;
  /** The Pending area's height as drawn, and the height its pods need (less when held taller). */
  pendingH: number;
  pendingNeeds: number;
}

const GRID_GAP = 24;

/** Names with numbers in order: node-2 before node-10. One collator: localeCompare with options builds one per call. */
const byName = new Intl.Collator(undefined, { numeric: true }).compare;

const isControlPlane = (n: Node) => n.metadata?.labels?.["node-role.kubernetes.io/control-plane"] !== undefined;

/**
 * The node names in drawing order, as a learner expects: the control plane first, then by name
 * with numbers in order. Sorted again only when Nodes came or went, or a node joined or left the
 * control plane.
 */
function nodeOrder(mirror: ClusterMirror, cache: SceneCache): string[] {
  const revision = mirror.boxesRevision();
  if (cache.nodes?.revision === revision) return cache.nodes.names;
  const nodes = [...mirror.list<Node & KObject>("Node")];
  const listed = nodes.map((n) => (isControlPlane(n) ? `*${n.metadata.name}` : n.metadata.name)).join("\u0000");
  if (cache.nodes?.listed === listed) {
    cache.nodes.revision = revision;
    return cache.nodes.names;
  }
  const cp = new Set(nodes.filter(isControlPlane).map((n) => n.metadata.name!));
  const names = nodes.map((n) => n.metadata.name!).sort((a, b) => Number(cp.has(b)) - Number(cp.has(a)) || byName(a, b));
  cache.nodes = { revision, listed, names };
  return names;
}

export function buildScene(mirror: ClusterMirror, filters: SceneFilters, ghosts: ReadonlyMap<string, GhostPod>, cache: SceneCache = createSceneCache()): Scene {
  let selector: Selector | undefined;
  let filterError: string | undefined;
  if (filters.labelFilter.trim()) {
    try {
      selector = parseSelector(filters.labelFilter.trim());
    } catch (e) {
      filterError = (e as Error).message;
    }
  }
  const ns = filters.namespace;
  const exclude = ns.startsWith("!") ? ns.slice(1) : undefined;
  const inNs = (obj: { metadata?: { namespace?: string } }) => !ns || (exclude !== undefined ? obj.metadata?.namespace !== exclude : obj.metadata?.namespace === ns);
  const podVisible = (p: Pod) => inNs(p) && (!selector || matches(selector, p.metadata?.labels));

  // Other filters, other members: gather every node's pods again.
  const filterKey = `${ns}\u0000${selector ? filters.labelFilter.trim() : ""}`;
  if (cache.filters !== filterKey) {
    cache.filters = filterKey;
    cache.members.clear();
  }
  const names = nodeOrder(mirror, cache);
  const nodeNames = new Set(names);

  // Fading pods by the node they are drawn on; a node whose fading pods changed is gathered again.
  const ghostsOn = new Map<string, Pod[]>();
  for (const [key, g] of ghosts) {
    if (mirror.get("Pod", key)) continue;
    const node = g.pod.spec?.nodeName && nodeNames.has(g.pod.spec.nodeName) ? g.pod.spec.nodeName : "";
    const list = ghostsOn.get(node);
    if (list) list.push(g.pod);
    else ghostsOn.set(node, [g.pod]);
  }
  const leaving = (key: string) => ghosts.size > 0 && ghosts.has(key) && !mirror.get("Pod", key);
  const gather = (id: string, sources: string[]): Members => {
    const fading = ghostsOn.get(id);
    const signature = `${sources.map((n) => `${n}@${mirror.layoutRevision(n)}`).join(" ")}|${fading ? fading.map((p) => keyOf(p as KObject)).join(" ") : ""}`;
    const known = cache.members.get(id);
    if (known?.signature === signature) return known;
    const pods: Pod[] = [];
    for (const node of sources) {
      for (const key of mirror.podsOn(node)) {
        const pod = mirror.get<Pod & KObject>("Pod", key);
        if (pod && podVisible(pod)) pods.push(pod);
      }
    }
    for (const pod of fading ?? []) if (podVisible(pod)) pods.push(pod);
    const m: Members = { signature, pods, sorted: false };
    cache.members.set(id, m);
    return m;
  };

  // Each node's pods; the Pending area holds the unscheduled ones and those bound to a node that is gone.
  const members = names.map((name) => gather(name, [name]));
  const pendingSources = [""];
  for (const node of mirror.podNodes()) if (node && !nodeNames.has(node)) pendingSources.push(node);
  const pending = gather(PENDING_ID, pendingSources);
  if (cache.members.size > names.length + 1) {
    const live = new Set([...names, PENDING_ID]);
    for (const id of cache.members.keys()) if (!live.has(id)) cache.members.delete(id);
  }
  const visiblePods = members.reduce((n, m) => n + m.pods.length, pending.pods.length);
  const lod: Detail = filters.detail === "auto" ? autoDetail(visiblePods) : filters.detail;

  // Node cards, each sized by its content, laid out in a grid.
  const blocks = names.map((name, i) => nodeBlock(members[i], filters.collapsed.has(name) || lod === "counts" ? "counts" : lod, leaving));
  const gridCols = names.length <= 1 ? 1 : filters.wide && names.length <= 5 ? names.length : names.length <= 4 ? 2 : Math.ceil(Math.sqrt(names.length * (filters.wide ? 2.5 : 1.2)));
  let colW = 0;
  for (const b of blocks) colW = Math.max(colW, b.w);
  const rowH: number[] = [];
  blocks.forEach((b, i) => {
    const r = Math.floor(i / gridCols);
    rowH[r] = Math.max(rowH[r] ?? 0, b.h);
  });
  const gridW = names.length === 0 ? NODE_MIN_W : Math.min(names.length, gridCols) * (colW + GRID_GAP) - GRID_GAP;

  // The Pending area spans the grid's width above it.
  const inner: InnerBox[] = [];
  const pend = pendingBlock(pending, lod, gridW, leaving);
  const pendingH = Math.max(pend.h, filters.pendingMinHeight ?? 0);
  inner.push(...pend.cards);
  inner.push({ id: PENDING_ID, type: "pending", x: 0, y: 0, w: gridW, h: pendingH, data: { mode: lod, chips: pend.chips, podCount: pending.pods.length } });

  const gridY = pendingH + GRID_GAP;
  let y = gridY;
  blocks.forEach((b, i) => {
    const r = Math.floor(i / gridCols);
    const c = i % gridCols;
    if (c === 0 && r > 0) y += rowH[r - 1] + GRID_GAP;
    const x = c * (colW + GRID_GAP);
    const name = names[i];
    inner.push({ id: nodeBoxId(name), type: "k8sNode", x, y, w: b.w, h: b.h, data: { name, mode: b.mode, collapsed: filters.collapsed.has(name), chips: b.chips, podCount: members[i].pods.length } });
    for (const card of b.cards) inner.push({ ...card, x: x + card.x, y: y + card.y });
  });
  const centerH = names.length === 0 ? gridY : y + rowH[rowH.length - 1];

  // Where a link to a pod lands: its card, or the box that holds its chip or count.
  const podBoxes = new Set<string>();
  for (const b of inner) if (b.type === "pod") podBoxes.add(b.id);
  const holderOf = (pod: Pod): string | undefined => {
    const key = keyOf(pod as KObject);
    if (podBoxes.has(podBoxId(key))) return podBoxId(key);
    if (!podVisible(pod)) return undefined;
    const node = pod.spec?.nodeName;
    return node && nodeNames.has(node) ? nodeBoxId(node) : PENDING_ID;
  };
  // The few pods that link to objects, from the mirror's index: walking every pod took tens of
  // milliseconds per update at 150,000 pods. Fading pods are no longer in the mirror.
  const sourcedPods: Pod[] = [];
  for (const key of mirror.podsWithSourcedVolumes()) {
    const pod = mirror.get<Pod & KObject>("Pod", key);
    if (pod && podVisible(pod)) sourcedPods.push(pod);
  }
  for (const list of ghostsOn.values()) for (const pod of list) if (hasSourcedVolumes(pod) && podVisible(pod)) sourcedPods.push(pod);

  const { side, links } = sideAndLinks(mirror, { inNs, podVisible, holderOf, sourcedPods });

  return { lod, center: { w: gridW, h: centerH }, inner, side, links, visiblePods, pendingH, pendingNeeds: pend.h, ...(filterError ? { filterError } : {}) };
}
