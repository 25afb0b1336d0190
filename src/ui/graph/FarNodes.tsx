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

/** A link that ends on a far node, as a path in flow coordinates. */
interface FarLink {
  path: Path2D;
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
    out.push({
      path: new Path2D(d),
      colour: kind === "endpoint" && !ready ? colours.notReady : colours[kind],
      width: kind === "endpoint" ? 2 : 1.5,
      dash: !ready ? [4, 4] : kind === "volume" ? [6, 4] : [],
    });
  }
  return out;
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

  // Paint now and whenever the view moves: in step with React Flow, which moves its boxes in the
  // same store update, so the canvas never lags the Services beside it.
  useEffect(() => {
    const el = canvas.current;
    // Desynchronized: a browser drawing without a GPU otherwise copies the whole canvas into each
    // frame it commits, 7 ms a frame at 1440×900 (a pan at 5,000 nodes ran at 48 fps instead of 60).
    const ctx = el?.getContext("2d", { desynchronized: true });
    if (!el || !ctx) return;
    const colours = palette();
    const paint = () => {
      const [x, y, zoom] = store.getState().transform;
      const scale = window.devicePixelRatio || 1;
      const width = el.clientWidth;
      const height = el.clientHeight;
      if (el.width !== Math.round(width * scale) || el.height !== Math.round(height * scale)) {
        el.width = Math.round(width * scale);
        el.height = Math.round(height * scale);
      }
      paintFarNodes(ctx, boxes, looks, { x, y, zoom }, { width, height, scale }, colours, selected);
      ctx.setTransform(scale * zoom, 0, 0, scale * zoom, scale * x, scale * y);
      for (const l of links) {
        ctx.strokeStyle = l.colour;
        ctx.lineWidth = Math.max(l.width, 1 / zoom);
        ctx.setLineDash(l.dash);
        ctx.stroke(l.path);
      }
      ctx.setLineDash([]);
    };
    paint();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) paint();
    });
    return unsubscribe;
  }, [store, boxes, looks, links, selected, theme]);

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
