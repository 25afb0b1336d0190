/**
 * Geometry of the boxes the graph draws: pod cards (with their container rows and volume column),
 * pod chips, node cards at each level of detail, the Pending area, services and other objects.
 * The layout and the components both read these numbers, so a link drawn inside a pod card lands
 * exactly on the row it belongs to.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Detail } from "../store/ui-slice";

export const POD_W = 340;
const PAD = 8;
const NAME_H = 20;
const META_H = 16;
const OWNER_H = 15;
const HEADER_GAP = 6;
/** The scheduler's explanation in a pending pod card. */
export const PENDING_MSG_H = 48;
export const INFRA_H = 30;
export const CONTAINER_H = 42;
export const ROW_GAP = 4;
/** One mount line under a container row: the mount path, where the link to the volume starts. */
export const MOUNT_H = 14;
export const VOLUME_H = 28;
export const VOLUME_W = 84;
/** Horizontal room for the mount links between the container column and the volume column. */
export const LINK_GAP = 36;

/** A row inside a pod card, in card coordinates. */
export interface RowBox {
  /** "infra" or the container's name (or the volume's name in the volume column). */
  id: string;
  y: number;
  h: number;
  /** The row's mount lines: which volume, at which y the link starts. */
  mounts?: { volume: string; mountPath: string; readOnly: boolean; y: number }[];
}

export interface PodCardGeometry {
  w: number;
  h: number;
  /** Where the Pending explanation goes (pending pods only). */
  messageY?: number;
  rowsX: number;
  rowsW: number;
  rows: RowBox[];
  volumesX: number;
  volumes: RowBox[];
}

/** Container names in drawing order: init containers, sidecars, app containers, ephemeral ones. */
export function containerOrder(pod: Pod): { name: string; role: "init" | "sidecar" | "app" | "ephemeral" }[] {
  const s = pod.spec;
  const inits = s?.initContainers ?? [];
  return [
    ...inits.filter((c) => c.restartPolicy !== "Always").map((c) => ({ name: c.name, role: "init" as const })),
    ...inits.filter((c) => c.restartPolicy === "Always").map((c) => ({ name: c.name, role: "sidecar" as const })),
    ...(s?.containers ?? []).map((c) => ({ name: c.name, role: "app" as const })),
    ...(s?.ephemeralContainers ?? []).map((c) => ({ name: c.name, role: "ephemeral" as const })),
  ];
}

/** True when the scheduler has said why the pod cannot be placed. */
export function isUnschedulable(pod: Pod): boolean {
  return !pod.spec?.nodeName && (pod.status?.conditions ?? []).some((c) => c.type === "PodScheduled" && c.status === "False");
}

export function headerHeight(pod: Pod): number {
  return PAD + NAME_H + META_H + (pod.metadata?.ownerReferences?.length ? OWNER_H : 0) + HEADER_GAP;
}

export function podCardGeometry(pod: Pod): PodCardGeometry {
  let y = headerHeight(pod);
  let messageY: number | undefined;
  if (isUnschedulable(pod)) {
    messageY = y;
    y += PENDING_MSG_H + ROW_GAP;
  }
  const volumes = pod.spec?.volumes ?? [];
  const rowsX = PAD;
  const rowsW = POD_W - 2 * PAD - (volumes.length > 0 ? VOLUME_W + LINK_GAP : 0);
  const rows: RowBox[] = [{ id: "infra", y, h: INFRA_H }];
  y += INFRA_H + ROW_GAP;
  const specs = new Map([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => [c.name, c]));
  const mountRows = new Map<string, number[]>();
  for (const c of containerOrder(pod)) {
    const mounts = (specs.get(c.name)?.volumeMounts ?? []).map((m, i) => ({ volume: m.name, mountPath: m.mountPath, readOnly: !!m.readOnly, y: y + CONTAINER_H + i * MOUNT_H + MOUNT_H / 2 - 2 }));
    const h = CONTAINER_H + mounts.length * MOUNT_H;
    rows.push({ id: c.name, y, h, mounts });
    for (const m of mounts) {
      const list = mountRows.get(m.volume) ?? [];
      list.push(m.y);
      mountRows.set(m.volume, list);
    }
    y += h + ROW_GAP;
  }
  const top = rows[0].y;
  const rowsBottom = y - ROW_GAP;

  // Each volume sits level with the mount lines that link to it, in spec order, without overlapping.
  const vols: RowBox[] = [];
  let next = top;
  for (const v of volumes) {
    const ys = mountRows.get(v.name);
    const want = ys && ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length - VOLUME_H / 2 : next;
    const vy = Math.max(next, want);
    vols.push({ id: v.name, y: vy, h: VOLUME_H });
    next = vy + VOLUME_H + ROW_GAP;
  }
  const bottom = Math.max(rowsBottom, next - ROW_GAP);
  return { w: POD_W, h: bottom + PAD, ...(messageY !== undefined ? { messageY } : {}), rowsX, rowsW, rows, volumesX: POD_W - PAD - VOLUME_W, volumes: vols };
}

// ---- chips ----------------------------------------------------------------------------------

export const CHIP = 16;
export const CHIP_GAP = 3;

// ---- node cards -----------------------------------------------------------------------------

export const NODE_PAD = 12;
export const NODE_HEADER_H = 150;
export const NODE_MIN_W = 364;
export const NODE_COUNTS_W = 260;
export const NODE_COUNTS_H = 190;
export const NODE_CHIPS_W = 364;
export const NODE_EMPTY_H = 44;
export const POD_GAP = 12;

/** How many pod columns a node card uses for `n` pod cards. */
export function podColumns(n: number): number {
  if (n <= 2) return 1;
  if (n <= 8) return 2;
  return Math.min(6, Math.ceil(Math.sqrt(n / 1.5)));
}

/** Chips per row inside a box of inner width `w`. */
export function chipsPerRow(w: number): number {
  return Math.max(1, Math.floor((w + CHIP_GAP) / (CHIP + CHIP_GAP)));
}

export function chipsHeight(n: number, innerW: number): number {
  if (n === 0) return NODE_EMPTY_H;
  return Math.ceil(n / chipsPerRow(innerW)) * (CHIP + CHIP_GAP) - CHIP_GAP;
}

// ---- the Pending area -----------------------------------------------------------------------

export const PENDING_HEADER_H = 40;

// ---- services and other objects -------------------------------------------------------------

export const SERVICE_W = 230;
export const SERVICE_H = 96;
export const OBJECT_W = 230;
export const OBJECT_H = 70;

/** The level of detail the automatic setting picks for `pods` visible pods. */
export function autoDetail(pods: number): Detail {
  if (pods <= 200) return "cards";
  if (pods <= 10_000) return "chips";
  return "counts";
}
