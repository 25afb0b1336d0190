/**
 * The outer arrangement of the scene, by ELK's layered algorithm (elkjs, in its own worker):
 * Services in the first layer, the cluster block (Pending area and node grid) in the second,
 * ConfigMaps, Secrets and claims in the third, PersistentVolumes in the fourth. The cluster block
 * is one box whose ports sit exactly where its pods and nodes are, so ELK orders and places the
 * side objects next to what they link to, keeping crossings few.
 */
import ELK, { type ElkExtendedEdge, type ElkNode, type ElkPort } from "elkjs/lib/elk-api";
import elkWorkerUrl from "elkjs/lib/elk-worker.min.js?url";
import { SERVICE_W } from "./geometry";
import type { Scene } from "./scene";

/** Where the outer arrangement put each box: the cluster block's origin and every side box. */
export interface Arrangement {
  center: { x: number; y: number };
  side: Map<string, { x: number; y: number }>;
  /** Stacked in columns, not arranged by ELK. */
  stacked?: boolean;
}

/** Beyond this many side boxes, the layered layout costs more than it helps: stack them. */
const ELK_LIMIT = 400;
const COLUMN_GAP = 90;
const STACK_GAP = 16;

let elk: InstanceType<typeof ELK> | undefined;
function elkInstance(): InstanceType<typeof ELK> {
  elk ??= new ELK({ workerFactory: () => new Worker(elkWorkerUrl) });
  return elk;
}

/** Stacks side boxes in columns left and right of the cluster block (no ELK). */
export function stackArrangement(scene: Scene): Arrangement {
  const side = new Map<string, { x: number; y: number }>();
  const cols: Record<number, number> = { 0: 0, 2: 0, 3: 0 };
  const x: Record<number, number> = { 0: -(SERVICE_W + COLUMN_GAP), 2: scene.center.w + COLUMN_GAP, 3: scene.center.w + 2 * COLUMN_GAP + SERVICE_W };
  for (const b of scene.side) {
    side.set(b.id, { x: x[b.partition], y: cols[b.partition] });
    cols[b.partition] += b.h + STACK_GAP;
  }
  return { center: { x: 0, y: 0 }, side, stacked: true };
}

/**
 * The previous arrangement for a scene with the same side boxes, whose cluster block changed size:
 * the boxes right of the block move with its right edge. Stacked columns are simply stacked again.
 */
export function keepArrangement(previous: Arrangement, before: Scene, scene: Scene): Arrangement {
  if (previous.stacked) return stackArrangement(scene);
  const dw = scene.center.w - before.center.w;
  if (dw === 0) return previous;
  const side = new Map<string, { x: number; y: number }>();
  for (const b of scene.side) {
    const p = previous.side.get(b.id) ?? { x: 0, y: 0 };
    side.set(b.id, b.partition >= 2 ? { x: p.x + dw, y: p.y } : p);
  }
  return { center: previous.center, side };
}

/** The ELK graph for a scene. Exported for tests. */
export function elkGraph(scene: Scene): ElkNode {
  const innerById = new Map(scene.inner.map((b) => [b.id, b]));
  const ports = new Map<string, ElkPort>();
  const portFor = (innerId: string, side: "WEST" | "EAST"): string => {
    const id = `${innerId}@${side}`;
    if (!ports.has(id)) {
      const b = innerById.get(innerId)!;
      ports.set(id, {
        id,
        x: side === "WEST" ? b.x - 1 : b.x + b.w,
        y: b.y + Math.min(b.h / 2, 60),
        width: 1,
        height: 1,
        layoutOptions: { "elk.port.side": side },
      });
    }
    return id;
  };
  const edges: ElkExtendedEdge[] = [];
  for (const l of scene.links) {
    const src = innerById.has(l.source) ? portFor(l.source, "EAST") : l.source;
    const dst = innerById.has(l.target) ? portFor(l.target, "WEST") : l.target;
    edges.push({ id: l.id, sources: [src], targets: [dst] });
  }
  const center: ElkNode = {
    id: "center",
    width: scene.center.w,
    height: scene.center.h,
    ports: [...ports.values()],
    layoutOptions: { "elk.portConstraints": "FIXED_POS", "elk.partitioning.partition": "1" },
  };
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      "elk.spacing.nodeNode": String(STACK_GAP),
      "elk.layered.spacing.nodeNodeBetweenLayers": String(COLUMN_GAP),
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    },
    children: [center, ...scene.side.map((b) => ({ id: b.id, width: b.w, height: b.h, layoutOptions: { "elk.partitioning.partition": String(b.partition) } }))],
    edges,
  };
}

/** Arranges the scene; falls back to stacking when there is nothing to arrange, too much, or ELK fails. */
export async function arrange(scene: Scene): Promise<Arrangement> {
  if (scene.side.length === 0 || scene.side.length > ELK_LIMIT) return stackArrangement(scene);
  try {
    const out = await elkInstance().layout(elkGraph(scene));
    const side = new Map<string, { x: number; y: number }>();
    let center = { x: 0, y: 0 };
    for (const c of out.children ?? []) {
      if (c.id === "center") center = { x: c.x ?? 0, y: c.y ?? 0 };
      else side.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
    }
    // Keep the cluster block where it was: only the side boxes move.
    for (const p of side.values()) {
      p.x -= center.x;
      p.y -= center.y;
    }
    return { center: { x: 0, y: 0 }, side };
  } catch (e) {
    console.warn("ELK layout failed; stacking the side objects instead", e);
    return stackArrangement(scene);
  }
}
