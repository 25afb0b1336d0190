/**
 * Turns an arranged scene into React Flow's nodes and edges. Node objects that did not change are
 * reused from the previous frame, so React Flow and the memoised node components skip them; a box
 * that only moved keeps its data object, so its component is not drawn again either.
 */
import type { Edge, Node as FlowNode } from "@xyflow/react";
import type { Arrangement } from "./arrange";
import type { LinkKind, Scene } from "./scene";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LinkData extends Record<string, unknown> {
  kind: LinkKind;
  ready: boolean;
  label?: string;
}

export interface Flow {
  nodes: FlowNode[];
  edges: Edge<LinkData>[];
  /** Absolute rectangles of every box, for the overlay (request dots) and fitting the view. */
  rects: Map<string, Rect>;
}

const Z = { k8sNode: 0, pending: 0, service: 1, object: 1, pod: 3 } as const;

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const va = a[k];
    const vb = b[k];
    if (va === vb) continue;
    if (Array.isArray(va) && Array.isArray(vb) && va.length === vb.length && va.every((x, i) => x === vb[i])) continue;
    return false;
  }
  return true;
}

export function toFlow(scene: Scene, arrangement: Arrangement, previous?: Flow): Flow {
  const prevNodes = new Map(previous?.nodes.map((n) => [n.id, n]));
  const prevEdges = new Map(previous?.edges.map((e) => [e.id, e]));
  const rects = new Map<string, Rect>();
  const nodes: FlowNode[] = [];
  const push = (id: string, type: keyof typeof Z, x: number, y: number, w: number, h: number, data: Record<string, unknown>) => {
    rects.set(id, { x, y, w, h });
    const old = prevNodes.get(id);
    // Unchanged data keeps its object even when the box moves, so the memoised component skips it.
    const same = old !== undefined && old.type === type && (old.data === data || shallowEqual(old.data, data));
    if (same && old.position.x === x && old.position.y === y && old.width === w && old.height === h) {
      nodes.push(old);
      return;
    }
    nodes.push({ id, type, position: { x, y }, width: w, height: h, data: same ? old.data : data, zIndex: Z[type], draggable: false, connectable: false, deletable: false });
  };
  const { x: cx, y: cy } = arrangement.center;
  for (const b of scene.inner) push(b.id, b.type, cx + b.x, cy + b.y, b.w, b.h, b.data);
  for (const b of scene.side) {
    const p = arrangement.side.get(b.id) ?? { x: 0, y: 0 };
    push(b.id, b.type, p.x, p.y, b.w, b.h, b.data);
  }
  const edges: Edge<LinkData>[] = [];
  for (const l of scene.links) {
    const data: LinkData = { kind: l.kind, ready: l.ready, ...(l.label ? { label: l.label } : {}) };
    const old = prevEdges.get(l.id);
    if (old && old.source === l.source && old.target === l.target && old.ariaLabel === l.ariaLabel && old.data && shallowEqual(old.data, data)) {
      edges.push(old);
      continue;
    }
    edges.push({ id: l.id, source: l.source, target: l.target, sourceHandle: "out", targetHandle: "in", type: "link", data, ariaLabel: l.ariaLabel, zIndex: 2, selectable: false, focusable: false });
  }
  return { nodes, edges, rects };
}
