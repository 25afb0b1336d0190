/**
 * The node cards seen from afar (see far-nodes.ts), drawn on one canvas under the graph's boxes,
 * with the links that end on them, and said in words for assistive technology in a list beside
 * it. The canvas follows the view as it moves, frame by frame, and the cluster's changes at most
 * every REFRESH_MS. React Flow keeps these nodes hidden; pointing at and clicking them is done by
 * the graph, from the same boxes (farBoxAt).
 */
import { getBezierPath, Position, useStoreApi, type Edge } from "@xyflow/react";
import type { Node } from "kubernetes-types/core/v1";
import { memo, useEffect, useMemo, useRef } from "react";
import type { KObject } from "../../sim/api/types";
import { useThrottledVersion } from "../inspector/use-throttled-version";
import { useAppStore } from "../store/store";
import { useTheme, type Theme } from "../theme/theme";
import { farLook, paintFarNodes, type FarBox, type FarLook, type Palette } from "./far-nodes";
import type { LinkData, Rect } from "./flow";

/** The cluster's changes reach the far nodes at most this often. */
const REFRESH_MS = 250;
/** A picture of the far nodes bigger than this many device pixels is not made (16 MB). */
const PICTURE_MAX_PIXELS = 4_000_000;
/** Room around the far nodes and links in their picture, in flow units: a curve may bulge past its ends. */
const EXTENT_MARGIN = 100;

/** A link that ends on a far node, as a path in flow coordinates. */
interface FarLink {
  path: Path2D;
  /** What the link's curve covers, in flow coordinates (its ends' boxes). */
  bounds: { x: number; y: number; w: number; h: number };
  colour: string;
  width: number;
  dash: number[];
}

const LINK_COLOURS: Record<Theme, Record<LinkData["kind"] | "notReady", string>> = {
  dark: { endpoint: "#34d399", volume: "#a5b4fc", binding: "#818cf8", notReady: "#94a3b8" },
  light: { endpoint: "#059669", volume: "#4f46e5", binding: "#4f46e5", notReady: "#64748b" },
};

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    body: v("--color-slate-800"),
    border: { ready: v("--color-slate-500"), cordoned: v("--color-amber-300"), notReady: v("--color-rose-400") },
    selected: v("--color-sky-400"),
  };
}

/** The links with an end on a far node, drawn as LinkEdge draws them (out on the right, in on the left). */
function farLinks(edges: readonly Edge<LinkData>[], far: ReadonlySet<string>, rects: ReadonlyMap<string, Rect>, theme: Theme): FarLink[] {
  const out: FarLink[] = [];
  for (const e of edges) {
    if (!far.has(e.source) && !far.has(e.target)) continue;
    const s = rects.get(e.source);
    const t = rects.get(e.target);
    if (!s || !t) continue;
    const [d] = getBezierPath({ sourceX: s.x + s.w, sourceY: s.y + s.h / 2, sourcePosition: Position.Right, targetX: t.x, targetY: t.y + t.h / 2, targetPosition: Position.Left });
    const kind = e.data?.kind ?? "endpoint";
    const ready = e.data?.ready ?? true;
    const colours = LINK_COLOURS[theme];
    const bx = Math.min(s.x, t.x);
    const by = Math.min(s.y, t.y);
    out.push({
      path: new Path2D(d),
      bounds: { x: bx, y: by, w: Math.max(s.x + s.w, t.x + t.w) - bx, h: Math.max(s.y + s.h, t.y + t.h) - by },
      colour: kind === "endpoint" && !ready ? colours.notReady : colours[kind],
      width: kind === "endpoint" ? 2 : 1.5,
      dash: !ready ? [4, 4] : kind === "volume" ? [6, 4] : [],
    });
  }
  return out;
}

/** Strokes the links onto a context whose view is at `view` (flow to CSS pixels), at `scale` device pixels per CSS pixel. */
function paintLinks(ctx: CanvasRenderingContext2D, links: readonly FarLink[], view: { x: number; y: number; zoom: number }, scale: number): void {
  ctx.setTransform(scale * view.zoom, 0, 0, scale * view.zoom, scale * view.x, scale * view.y);
  for (const l of links) {
    ctx.strokeStyle = l.colour;
    ctx.lineWidth = Math.max(l.width, 1 / view.zoom);
    ctx.setLineDash(l.dash);
    ctx.stroke(l.path);
  }
  ctx.setLineDash([]);
}

export function FarNodes({ boxes, edges, rects, selected }: { boxes: readonly FarBox[]; edges: readonly Edge<LinkData>[]; rects: ReadonlyMap<string, Rect>; selected: string | undefined }) {
  const store = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useTheme((s) => s.theme);
  const version = useThrottledVersion(REFRESH_MS);

  // What each box shows, rebuilt for a box only when its Node or its pods' counts changed.
  const cache = useRef(new Map<string, { node: unknown; counts: unknown; podCount: number; look: FarLook }>());
  const looks = useMemo(() => {
    void version;
    const mirror = useAppStore.getState().mirror;
    const next = new Map<string, FarLook>();
    const kept = new Map<string, { node: unknown; counts: unknown; podCount: number; look: FarLook }>();
    for (const b of boxes) {
      const node = mirror.get<Node & KObject>("Node", b.name);
      if (!node) continue;
      const counts = mirror.statusCounts(b.name);
      let entry = cache.current.get(b.id);
      if (!entry || entry.node !== node || entry.counts !== counts || entry.podCount !== b.podCount) entry = { node, counts, podCount: b.podCount, look: farLook(node, b.podCount, counts) };
      kept.set(b.id, entry);
      next.set(b.id, entry.look);
    }
    cache.current = kept;
    return next;
  }, [boxes, version]);

  const groups = useMemo(() => {
    const out: FarBox[][] = [];
    for (let i = 0; i < boxes.length; i += WORDS_PER_GROUP) out.push(boxes.slice(i, i + WORDS_PER_GROUP));
    return out;
  }, [boxes]);

  const links = useMemo(() => farLinks(edges, new Set(boxes.map((b) => b.id)), rects, theme), [edges, boxes, rects, theme]);

  // The area the far nodes and their links cover, in flow coordinates.
  const extent = useMemo(() => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    const cover = (x: number, y: number, w: number, h: number) => {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + w);
      y1 = Math.max(y1, y + h);
    };
    for (const b of boxes) cover(b.x, b.y, b.w, b.h);
    for (const l of links) cover(l.bounds.x, l.bounds.y, l.bounds.w, l.bounds.h);
    return { x: x0 - EXTENT_MARGIN, y: y0 - EXTENT_MARGIN, w: x1 - x0 + 2 * EXTENT_MARGIN, h: y1 - y0 + 2 * EXTENT_MARGIN };
  }, [boxes, links]);

  // Paint now and whenever the view moves: in step with React Flow, which moves its boxes in the
  // same store update, so the canvas never lags the Services beside it. While only the view's
  // position changes (a pan), the far nodes are not painted again: a picture of them, painted at
  // this zoom, is copied to its new place (5,000 nodes painted anew took 8 ms a frame). When the
  // cluster changes, they are painted straight onto the canvas, and the picture is painted again
  // at the next pan: a playing cluster changes every refresh, and a new picture of everything each
  // time (16 MB to clear, paint and copy) cost a frame four times a second.
  const picture = useRef<{ canvas: HTMLCanvasElement; zoom: number; scale: number; stale: boolean } | undefined>(undefined);
  useEffect(() => {
    const el = canvas.current;
    // Desynchronized: a browser drawing without a GPU otherwise copies the whole canvas into each
    // frame it commits, 7 ms a frame at 1440×900 (a pan at 5,000 nodes ran at 48 fps instead of 60).
    const ctx = el?.getContext("2d", { desynchronized: true });
    if (!el || !ctx) return;
    const colours = palette();
    if (picture.current) picture.current.stale = true;
    const paint = (moving: boolean) => {
      const [x, y, zoom] = store.getState().transform;
      const scale = window.devicePixelRatio || 1;
      const width = el.clientWidth;
      const height = el.clientHeight;
      if (el.width !== Math.round(width * scale) || el.height !== Math.round(height * scale)) {
        el.width = Math.round(width * scale);
        el.height = Math.round(height * scale);
      }
      const pw = Math.ceil(extent.w * zoom * scale);
      const ph = Math.ceil(extent.h * zoom * scale);
      // Zoomed in far enough that a picture of everything would be huge, or not moving: paint what is in view.
      if (!moving || pw <= 0 || ph <= 0 || pw * ph > PICTURE_MAX_PIXELS) {
        paintFarNodes(ctx, boxes, looks, { x, y, zoom }, { width, height, scale }, colours, selected);
        paintLinks(ctx, links, { x, y, zoom }, scale);
        return;
      }
      let p = picture.current;
      if (!p || p.stale || p.zoom !== zoom || p.scale !== scale) {
        const c = p?.canvas ?? document.createElement("canvas");
        if (c.width !== pw || c.height !== ph) {
          c.width = pw;
          c.height = ph;
        }
        const pctx = c.getContext("2d");
        if (!pctx) return;
        const origin = { x: -extent.x * zoom, y: -extent.y * zoom, zoom };
        paintFarNodes(pctx, boxes, looks, origin, { width: pw / scale, height: ph / scale, scale }, colours, selected);
        paintLinks(pctx, links, origin, scale);
        p = picture.current = { canvas: c, zoom, scale, stale: false };
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, el.width, el.height);
      ctx.drawImage(p.canvas, Math.round((x + extent.x * zoom) * scale), Math.round((y + extent.y * zoom) * scale));
    };
    paint(false);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) paint(s.transform !== prev.transform);
    });
    return unsubscribe;
  }, [store, boxes, looks, links, extent, selected, theme]);

  return (
    <>
      <canvas ref={canvas} aria-hidden="true" className="pointer-events-none absolute inset-0 z-0 h-full w-full" />
      <div role="group" aria-label="Nodes, seen from afar" className="sr-only">
        {groups.map((g, i) => (
          <FarWords key={i} boxes={g} looks={looks} />
        ))}
      </div>
    </>
  );
}

/** Far nodes said in words, in groups of this many: a group is drawn again only when one of its nodes changed. */
const WORDS_PER_GROUP = 100;

/**
 * A group of far nodes in words: each node's label, as on its card, and its pods by status. (One
 * list of 5,000 nodes, compared node by node at every refresh, took a tenth of the page's time
 * while a big cluster played.)
 */
const FarWords = memo(
  function FarWords({ boxes, looks }: { boxes: readonly FarBox[]; looks: ReadonlyMap<string, FarLook> }) {
    return boxes.map((b) => {
      const look = looks.get(b.id);
      return look ? <div key={b.id} role="group" aria-label={look.label} aria-description={look.description} /> : null;
    });
  },
  (a, b) => a.boxes === b.boxes && a.boxes.every((x) => a.looks.get(x.id) === b.looks.get(x.id)),
);
