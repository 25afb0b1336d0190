/**
 * Node cards seen from too far away to read (zoom band 2), when they show chips or counts: what
 * each one looks like and says, drawn on one canvas instead of as thousands of boxes. With 5,000
 * nodes, the boxes alone made the browser repaint and re-layer the whole graph on every frame of a
 * pan, even with nothing inside them.
 *
 * A far node is a box whose border says Ready, NotReady or not schedulable and whose body is a bar
 * of its pods by state, left to right: Running, finished, waiting, terminating, failing.
 */
import type { Node as FlowNode } from "@xyflow/react";
import type { Node } from "kubernetes-types/core/v1";
import type { KObject } from "../../sim/api/types";
import type { StatusCounts } from "../store/mirror";
import { nodeLabel, nodeStatus } from "./labels";
import { toneOf, type Tone } from "./nodes/status";
import type { NodeBoxData } from "./scene";

/** A node card's box in flow coordinates. */
export interface FarBox {
  id: string;
  name: string;
  podCount: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** True for a flow node that is drawn from afar: a node card showing chips or counts (pod cards sit on their node's card). */
export function drawnFromAfar(n: FlowNode): boolean {
  return n.type === "k8sNode" && (n.data as NodeBoxData).mode !== "cards";
}

export function farBox(n: FlowNode): FarBox {
  const d = n.data as NodeBoxData;
  return { id: n.id, name: d.name, podCount: d.podCount, x: n.position.x, y: n.position.y, w: n.width ?? 0, h: n.height ?? 0 };
}

/** Colours of the bar's states, in the order the bar draws them. */
const TONES: [Tone, string][] = [
  ["ok", "rgb(16 185 129 / 0.75)"],
  ["done", "rgb(56 189 248 / 0.6)"],
  ["wait", "rgb(251 191 36 / 0.7)"],
  ["gone", "rgb(167 139 250 / 0.7)"],
  ["bad", "rgb(244 63 94 / 0.85)"],
  ["idle", "rgb(100 116 139 / 0.6)"],
];

/** One stretch of the bar: a colour from `from` to `to`, as fractions of its width. */
export interface Segment {
  colour: string;
  from: number;
  to: number;
}

/** Each state's share of the pods, in TONES order; empty without pods. */
export function podStateSegments(counts: StatusCounts): Segment[] {
  const byTone = new Map<Tone, number>();
  let total = 0;
  for (const [word, n] of Object.entries(counts)) {
    const tone = toneOf(word);
    byTone.set(tone, (byTone.get(tone) ?? 0) + n);
    total += n;
  }
  const out: Segment[] = [];
  if (total === 0) return out;
  let at = 0;
  for (const [tone, colour] of TONES) {
    const n = byTone.get(tone) ?? 0;
    if (n === 0) continue;
    out.push({ colour, from: at / total, to: (at + n) / total });
    at += n;
  }
  return out;
}

/** The pods by status in words, the most common first: "Running 28, ContainerCreating 2". */
export function statusWords(counts: StatusCounts): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([word, n]) => `${word} ${n}`)
    .join(", ");
}

export type Border = "ready" | "cordoned" | "notReady";

/** What one far node shows and says. */
export interface FarLook {
  label: string;
  description: string;
  /** The tooltip: the label and the pods by status. */
  title: string;
  border: Border;
  segments: Segment[];
}

/**
 * A far node's look and words. The bar and the words count every pod on the node, as the card's
 * counts do; `podCount` is those that pass the filters, as the card's label says.
 */
export function farLook(node: Node & KObject, podCount: number, counts: StatusCounts): FarLook {
  const status = nodeStatus(node);
  const words = statusWords(counts);
  const label = nodeLabel(node, podCount);
  let total = 0;
  for (const n of Object.values(counts)) total += n;
  const hidden = total > podCount ? ` (${total - podCount} hidden by the filters)` : "";
  return {
    label,
    description: words ? `Pods by status: ${words}${hidden}` : "No pods",
    title: words ? `${label}${hidden}: ${words}` : label,
    border: status === "Ready" ? "ready" : status.startsWith("Ready") ? "cordoned" : "notReady",
    segments: podStateSegments(counts),
  };
}

/** The topmost far box under a point in flow coordinates (the last drawn wins, as on screen). */
export function farBoxAt(boxes: readonly FarBox[], x: number, y: number): FarBox | undefined {
  for (let i = boxes.length - 1; i >= 0; i--) {
    const b = boxes[i];
    if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b;
  }
  return undefined;
}

/** The colours a far node is painted in, read from the page's theme. */
export interface Palette {
  body: string;
  border: Record<Border, string>;
  selected: string;
}

/** The view: flow coordinates times `zoom`, plus (x, y), give CSS pixels. */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** The border's width in flow units, as the cards draw it. */
const BORDER = 6;
/** The corner radius in flow units. */
const RADIUS = 12;

/**
 * Paints the far boxes that are in view onto a 2D context whose pixels are CSS pixels times
 * `scale`, `width` × `height` CSS pixels in all. Returns how many boxes were painted.
 *
 * Shapes of one colour are filled together, one layer after the other (borders, bodies, the bars'
 * segments): boxes do not overlap, so the picture is the same as painting box after box, and 5,000
 * boxes are a dozen fills instead of 25,000.
 */
export function paintFarNodes(
  ctx: CanvasRenderingContext2D,
  boxes: readonly FarBox[],
  looks: ReadonlyMap<string, FarLook>,
  view: View,
  size: { width: number; height: number; scale: number },
  palette: Palette,
  selected: string | undefined,
): number {
  const { zoom } = view;
  const border = Math.max(1, BORDER * zoom);
  const radius = RADIUS * zoom;
  const layers = [new Map<string, number[]>(), new Map<string, number[]>(), new Map<string, number[]>()];
  const add = (layer: number, colour: string, x: number, y: number, w: number, h: number) => {
    const rects = layers[layer].get(colour);
    if (rects) rects.push(x, y, w, h);
    else layers[layer].set(colour, [x, y, w, h]);
  };
  let painted = 0;
  let outline: [number, number, number, number] | undefined;
  for (const b of boxes) {
    const x = b.x * zoom + view.x;
    const y = b.y * zoom + view.y;
    const w = b.w * zoom;
    const h = b.h * zoom;
    if (x > size.width || y > size.height || x + w < 0 || y + h < 0) continue;
    const look = looks.get(b.id);
    if (!look) continue;
    painted++;
    add(0, palette.border[look.border], x, y, w, h);
    const ix = x + border;
    const iy = y + border;
    const iw = Math.max(0, w - 2 * border);
    const ih = Math.max(0, h - 2 * border);
    add(1, palette.body, ix, iy, iw, ih);
    for (const s of look.segments) add(2, s.colour, ix + s.from * iw, iy, (s.to - s.from) * iw, ih);
    if (b.name === selected) outline = [x - 2, y - 2, w + 4, h + 4];
  }
  ctx.setTransform(size.scale, 0, 0, size.scale, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  layers.forEach((layer, i) => {
    // Only the borders are the boxes' outlines: rounded when big enough for the corners to show.
    const round = i === 0 && radius >= 1.5;
    for (const [colour, r] of layer) {
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (let k = 0; k < r.length; k += 4) {
        if (round) ctx.roundRect(r[k], r[k + 1], r[k + 2], r[k + 3], radius);
        else ctx.rect(r[k], r[k + 1], r[k + 2], r[k + 3]);
      }
      ctx.fill();
    }
  });
  if (outline) {
    ctx.strokeStyle = palette.selected;
    ctx.lineWidth = 2;
    ctx.strokeRect(...outline);
  }
  return painted;
}
