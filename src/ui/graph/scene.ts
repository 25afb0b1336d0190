/**
 * The scene: what the graph shows and where, before the outer arrangement — node cards in a grid
 * with their pods packed inside, the Pending area above them, Services on one side, ConfigMaps,
 * Secrets, claims and volumes on the other, and the links between them. Pure: built from the
 * mirror and the UI's filters; the outer arrangement (ELK) and React Flow come after.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import { matches, parseSelector, type Selector } from "../../sim/api/labels";
import type { KObject } from "../../sim/api/types";
import type { PodRuntimeView } from "../../worker/protocol";
import type { ClusterMirror } from "../store/mirror";
import type { Detail, DetailSetting } from "../store/ui-slice";
import { keyOf, nodeBoxId, PENDING_ID, podBoxId } from "./ids";
import { sideAndLinks } from "./scene-links";

export { keyOf, nodeBoxId, objectBoxId, PENDING_ID, podBoxId, serviceBoxId } from "./ids";
import {
  autoDetail,
  chipsHeight,
  NODE_CHIPS_W,
  NODE_COUNTS_H,
  NODE_COUNTS_W,
  NODE_EMPTY_H,
  NODE_HEADER_H,
  NODE_MIN_W,
  NODE_PAD,
  PENDING_HEADER_H,
  POD_GAP,
  POD_W,
  podCardGeometry,
  podColumns,
} from "./geometry";

export interface SceneFilters {
  namespace: string;
  labelFilter: string;
  detail: DetailSetting;
  collapsed: ReadonlySet<string>;
  /** Lay the nodes out for a wide screen (presenter mode): a few nodes side by side, not in a square. */
  wide?: boolean;
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
}

const GRID_GAP = 24;



/** Orders nodes as a learner expects: the control plane first, then by name with numbers in order. */
function compareNodes(a: Node, b: Node): number {
  const cp = (n: Node) => (n.metadata?.labels?.["node-role.kubernetes.io/control-plane"] !== undefined ? 0 : 1);
  return cp(a) - cp(b) || (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "", undefined, { numeric: true });
}

function comparePods(a: Pod, b: Pod): number {
  const ta = a.metadata?.creationTimestamp ?? "";
  const tb = b.metadata?.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata?.namespace ?? "";
  const nb = b.metadata?.namespace ?? "";
  if (na !== nb) return na < nb ? -1 : 1;
  const pa = a.metadata?.name ?? "";
  const pb = b.metadata?.name ?? "";
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** Packs pod cards into `cols` columns, each pod into the shortest column. */
function packCards(pods: Pod[], cols: number, x0: number, y0: number, leaving: (key: string) => boolean): { boxes: InnerBox[]; h: number } {
  const heights = new Array<number>(cols).fill(0);
  const boxes: InnerBox[] = [];
  for (const pod of pods) {
    const g = podCardGeometry(pod);
    let col = 0;
    for (let i = 1; i < cols; i++) if (heights[i] < heights[col]) col = i;
    const key = keyOf(pod as KObject);
    boxes.push({ id: podBoxId(key), type: "pod", x: x0 + col * (POD_W + POD_GAP), y: y0 + heights[col], w: g.w, h: g.h, data: { key, leaving: leaving(key) } });
    heights[col] += g.h + POD_GAP;
  }
  return { boxes, h: Math.max(0, Math.max(...heights) - POD_GAP) };
}

export function buildScene(mirror: ClusterMirror, filters: SceneFilters, ghosts: ReadonlyMap<string, GhostPod>): Scene {
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

  // Pods by node, ghosts included where the mirror no longer has them.
  const nodes = [...mirror.list<Node & KObject>("Node")].sort(compareNodes);
  const nodeNames = new Set(nodes.map((n) => n.metadata.name!));
  const byNode = new Map<string, Pod[]>();
  let visiblePods = 0;
  const addPod = (pod: Pod) => {
    if (!podVisible(pod)) return;
    visiblePods++;
    const node = pod.spec?.nodeName && nodeNames.has(pod.spec.nodeName) ? pod.spec.nodeName : "";
    const list = byNode.get(node);
    if (list) list.push(pod);
    else byNode.set(node, [pod]);
  };
  for (const pod of mirror.list<Pod & KObject>("Pod")) addPod(pod);
  for (const [key, g] of ghosts) if (!mirror.get("Pod", key)) addPod(g.pod);
  const leaving = (key: string) => ghosts.size > 0 && ghosts.has(key) && !mirror.get("Pod", key);

  const lod: Detail = filters.detail === "auto" ? autoDetail(visiblePods) : filters.detail;
  // Pods keep their place by age: sorted only where they are drawn one by one.
  for (const [node, list] of byNode) if (lod !== "counts" && !filters.collapsed.has(node)) list.sort(comparePods);
  const inner: InnerBox[] = [];

  // Node cards, each sized by its content, laid out in a grid.
  type Sized = { node: Node; mode: NodeBoxMode; w: number; h: number; pods: Pod[] };
  const sized: Sized[] = nodes.map((node) => {
    const name = node.metadata!.name!;
    const pods = byNode.get(name) ?? [];
    const collapsed = filters.collapsed.has(name);
    const mode: NodeBoxMode = collapsed || lod === "counts" ? "counts" : lod;
    if (mode === "counts") return { node, mode, w: NODE_COUNTS_W, h: NODE_COUNTS_H, pods };
    if (mode === "chips") return { node, mode, w: NODE_CHIPS_W, h: NODE_HEADER_H + chipsHeight(pods.length, NODE_CHIPS_W - 2 * NODE_PAD) + NODE_PAD, pods };
    const cols = podColumns(pods.length);
    const w = Math.max(NODE_MIN_W, cols * POD_W + (cols - 1) * POD_GAP + 2 * NODE_PAD);
    const packed = packCards(pods, cols, 0, 0, leaving);
    return { node, mode, w, h: NODE_HEADER_H + (pods.length > 0 ? packed.h : NODE_EMPTY_H) + NODE_PAD, pods };
  });
  const gridCols = nodes.length <= 1 ? 1 : filters.wide && nodes.length <= 5 ? nodes.length : nodes.length <= 4 ? 2 : Math.ceil(Math.sqrt(nodes.length * (filters.wide ? 2.5 : 1.2)));
  const colW = Math.max(0, ...sized.map((s) => s.w));
  const rowH: number[] = [];
  sized.forEach((s, i) => {
    const r = Math.floor(i / gridCols);
    rowH[r] = Math.max(rowH[r] ?? 0, s.h);
  });
  const gridW = nodes.length === 0 ? NODE_MIN_W : Math.min(nodes.length, gridCols) * (colW + GRID_GAP) - GRID_GAP;

  // The Pending area spans the grid's width above it.
  const pending = byNode.get("") ?? [];
  const pendingMode: NodeBoxMode = lod;
  let pendingH: number;
  const pendingInnerW = gridW - 2 * NODE_PAD;
  if (pendingMode === "cards" && pending.length > 0) {
    const cols = Math.max(1, Math.floor((pendingInnerW + POD_GAP) / (POD_W + POD_GAP)));
    const packed = packCards(pending, cols, NODE_PAD, PENDING_HEADER_H, leaving);
    inner.push(...packed.boxes);
    pendingH = PENDING_HEADER_H + packed.h + NODE_PAD;
  } else if (pendingMode === "chips" && pending.length > 0) {
    pendingH = PENDING_HEADER_H + chipsHeight(pending.length, pendingInnerW) + NODE_PAD;
  } else {
    pendingH = PENDING_HEADER_H + 24;
  }
  inner.push({
    id: PENDING_ID,
    type: "pending",
    x: 0,
    y: 0,
    w: gridW,
    h: pendingH,
    data: { mode: pendingMode, chips: pendingMode === "chips" ? pending.map((p) => keyOf(p as KObject)) : [], podCount: pending.length },
  });

  const gridY = pendingH + GRID_GAP;
  let y = gridY;
  sized.forEach((s, i) => {
    const r = Math.floor(i / gridCols);
    const c = i % gridCols;
    if (c === 0 && r > 0) y += rowH[r - 1] + GRID_GAP;
    const x = c * (colW + GRID_GAP);
    const name = s.node.metadata!.name!;
    inner.push({
      id: nodeBoxId(name),
      type: "k8sNode",
      x,
      y,
      w: s.w,
      h: s.h,
      data: { name, mode: s.mode, collapsed: filters.collapsed.has(name), chips: s.mode === "chips" ? s.pods.map((p) => keyOf(p as KObject)) : [], podCount: s.pods.length },
    });
    if (s.mode === "cards") {
      const cols = podColumns(s.pods.length);
      inner.push(...packCards(s.pods, cols, x + NODE_PAD, y + NODE_HEADER_H, leaving).boxes);
    }
  });
  const centerH = nodes.length === 0 ? gridY : y + rowH[rowH.length - 1] ;

  // Where a link to a pod lands: its card, or the box that holds its chip or count.
  const podBoxes = new Set(inner.filter((b) => b.type === "pod").map((b) => b.id));
  const holderOf = (pod: Pod): string | undefined => {
    const key = keyOf(pod as KObject);
    if (podBoxes.has(podBoxId(key))) return podBoxId(key);
    if (!podVisible(pod)) return undefined;
    const node = pod.spec?.nodeName;
    return node && nodeNames.has(node) ? nodeBoxId(node) : PENDING_ID;
  };

  const { side, links } = sideAndLinks(mirror, { inNs, podVisible, holderOf, pods: byNode });

  return { lod, center: { w: gridW, h: centerH }, inner, side, links, visiblePods, ...(filterError ? { filterError } : {}) };
}
