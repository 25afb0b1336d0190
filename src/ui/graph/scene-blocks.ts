/**
 * The scene's blocks: each node card with its pods packed inside (in card coordinates), and the
 * Pending area's pods. A block is kept in a SceneCache and built again only when its node's pods
 * changed place or shape (the mirror's layout revision), its fading pods changed, or the filters
 * or the level of detail did — so a batch that touches one node repacks one node, not the cluster.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../sim/api/types";
import {
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
import { keyOf, podBoxId } from "./ids";
import type { InnerBox, NodeBoxMode } from "./scene";

/** A pod card inside a block, in the block's coordinates. */
export type PodCardBox = Extract<InnerBox, { type: "pod" }>;

/** The pods one node (or the Pending area) draws, as of one layout revision. */
export interface Members {
  /** What they were gathered from: the node's layout revision and its fading pods. */
  signature: string;
  /** The pods that pass the filters, fading ones included; sorted by age once drawn one by one. */
  pods: Pod[];
  sorted: boolean;
  block?: Block;
}

/** A node card's size and content at one level of detail. */
export interface Block {
  mode: NodeBoxMode;
  /** The Pending area's inner width it was packed for (0 for node cards). */
  width: number;
  w: number;
  h: number;
  /** Pods drawn as chips ("namespace/name"), in order; the same array while they stay the same. */
  chips: string[];
  /** Pod cards, in the block's coordinates. */
  cards: PodCardBox[];
}

/** What the scene keeps between builds. Opaque to everyone but the scene. */
export interface SceneCache {
  /** The pod filters the members were gathered with. */
  filters?: string;
  /**
   * The node names in drawing order, as of a boxes revision; `listed` is what they were sorted
   * from (the mirror's order, control-plane nodes marked), so a Node that only changed shape does
   * not sort them again.
   */
  nodes?: { revision: number; listed: string; names: string[] };
  members: Map<string, Members>;
}

export function createSceneCache(): SceneCache {
  return { members: new Map() };
}

const NO_CHIPS: string[] = [];

/** Orders pods as they are drawn: by age, then namespace and name, so each keeps its place. */
export function comparePods(a: Pod, b: Pod): number {
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
export function packCards(pods: Pod[], cols: number, x0: number, y0: number, leaving: (key: string) => boolean): { boxes: PodCardBox[]; h: number } {
  const heights = new Array<number>(cols).fill(0);
  const boxes: PodCardBox[] = [];
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

function sortedPods(m: Members): Pod[] {
  if (!m.sorted) {
    m.pods.sort(comparePods);
    m.sorted = true;
  }
  return m.pods;
}

/** A node card's block: counts, chips or pod cards under the header. */
export function nodeBlock(m: Members, mode: NodeBoxMode, leaving: (key: string) => boolean): Block {
  if (m.block && m.block.mode === mode) return m.block;
  let block: Block;
  if (mode === "counts") {
    block = { mode, width: 0, w: NODE_COUNTS_W, h: NODE_COUNTS_H, chips: NO_CHIPS, cards: [] };
  } else if (mode === "chips") {
    const pods = sortedPods(m);
    block = { mode, width: 0, w: NODE_CHIPS_W, h: NODE_HEADER_H + chipsHeight(pods.length, NODE_CHIPS_W - 2 * NODE_PAD) + NODE_PAD, chips: pods.map((p) => keyOf(p as KObject)), cards: [] };
  } else {
    const pods = sortedPods(m);
    const cols = podColumns(pods.length);
    const packed = packCards(pods, cols, NODE_PAD, NODE_HEADER_H, leaving);
    block = { mode, width: 0, w: Math.max(NODE_MIN_W, cols * POD_W + (cols - 1) * POD_GAP + 2 * NODE_PAD), h: NODE_HEADER_H + (pods.length > 0 ? packed.h : NODE_EMPTY_H) + NODE_PAD, chips: NO_CHIPS, cards: packed.boxes };
  }
  m.block = block;
  return block;
}

/** The Pending area's block for a grid `gridW` wide: its height and the pods drawn in it. */
export function pendingBlock(m: Members, mode: NodeBoxMode, gridW: number, leaving: (key: string) => boolean): Block {
  if (m.block && m.block.mode === mode && m.block.width === gridW) return m.block;
  const innerW = gridW - 2 * NODE_PAD;
  let block: Block;
  if (mode === "cards" && m.pods.length > 0) {
    const cols = Math.max(1, Math.floor((innerW + POD_GAP) / (POD_W + POD_GAP)));
    const packed = packCards(sortedPods(m), cols, NODE_PAD, PENDING_HEADER_H, leaving);
    block = { mode, width: gridW, w: gridW, h: PENDING_HEADER_H + packed.h + NODE_PAD, chips: NO_CHIPS, cards: packed.boxes };
  } else if (mode === "chips" && m.pods.length > 0) {
    const pods = sortedPods(m);
    block = { mode, width: gridW, w: gridW, h: PENDING_HEADER_H + chipsHeight(pods.length, innerW) + NODE_PAD, chips: pods.map((p) => keyOf(p as KObject)), cards: [] };
  } else {
    block = { mode, width: gridW, w: gridW, h: PENDING_HEADER_H + 24, chips: NO_CHIPS, cards: [] };
  }
  m.block = block;
  return block;
}
