/**
 * A pod as a card: kubectl's STATUS, IP, restarts, readiness, QoS and owner in the header; inside,
 * the Infra (pause) container holding the network namespace and pod IP, then init containers in
 * order, sidecars and app containers with their state, restarts, back-off and probes; the volumes
 * in a column on the right, linked to every container that mounts them with the mount path on the
 * link. The card selects only its own pod and runtime view.
 */
import { Handle, Position, type NodeProps, type Node as FlowNode } from "@xyflow/react";
import type { Pod } from "kubernetes-types/core/v1";
import { memo, useMemo, type CSSProperties } from "react";
import type { KObject } from "../../../sim/api/types";
import type { ContainerView, PodRuntimeView, VolumeView } from "../../../worker/protocol";
import { useAppStore } from "../../store/store";
import { usePod, usePodView } from "../../store/use-pod";
import { leavingPods } from "../ghosts";
import { containerOrder, podCardGeometry, type PodCardGeometry } from "../geometry";
import { containerLabel, infraLabel, mountLabel, podLabel, podStatusText, volumeLabel } from "../labels";
import type { PodBoxData } from "../scene";
import { ContainerRow } from "./ContainerRow";
import { Countdown, StatusBadge, toneOf, virtualMs, type Tone } from "./status";
import { sameBox } from "./same-box";
import { useZoomBand } from "../zoom-band";

/** "Deployment web → ReplicaSet web-7d9f5" from the pod's controller and its owner. */
function useOwnerChain(pod: Pod | undefined): string | undefined {
  const ref = pod?.metadata?.ownerReferences?.find((o) => o.controller) ?? pod?.metadata?.ownerReferences?.[0];
  const ns = pod?.metadata?.namespace ?? "";
  return useAppStore((s) => {
    if (!ref) return undefined;
    const owner = s.mirror.get(ref.kind, `${ns}/${ref.name}`) as KObject | undefined;
    const up = owner?.metadata.ownerReferences?.find((o) => o.controller) ?? owner?.metadata.ownerReferences?.[0];
    return up ? `${up.kind} ${up.name} → ${ref.kind} ${ref.name}` : `${ref.kind} ${ref.name}`;
  });
}

/** The scheduler's reason a pod waits: its PodScheduled condition, else its last FailedScheduling event. */
export function pendingReason(pod: Pod): string | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === "PodScheduled" && x.status === "False");
  if (c?.message) return c.message;
  if (c?.reason) return c.reason;
  return undefined;
}

function PodCardImpl({ data, width, height }: NodeProps<FlowNode<PodBoxData>>) {
  // Zoomed out past reading: the rows draw as plain blocks.
  const far = useZoomBand() >= 1;
  const live = usePod(data.key);
  const liveView = usePodView(data.key);
  const ghost = live ? undefined : leavingPods().get(data.key);
  const pod = live ?? ghost?.pod;
  const view = live ? liveView : ghost?.view;
  const owner = useOwnerChain(pod);
  const geometry = useMemo(() => (pod ? podCardGeometry(pod) : undefined), [pod]);
  if (!pod || !geometry) return <div style={{ width, height }} />;
  const name = pod.metadata?.name ?? "";
  const status = podStatusText(pod, view);
  const deletionAt = virtualMs(pod.metadata?.deletionTimestamp ?? undefined);
  const leaving = data.leaving || !live;
  const ip = view?.sandbox.podIP ?? pod.status?.podIP;
  const blocks = far ? farBlocks(pod, view, geometry) : undefined;
  const failed = geometry.messageY !== undefined ? `FailedScheduling: ${pendingReason(pod) ?? ""}` : undefined;
  return (
    <div
      role="group"
      aria-label={podLabel(pod, view)}
      aria-description={blocks ? [failed, blocks.description].filter(Boolean).join("; ") : failed}
      className={`pod-card relative h-full w-full rounded-lg border bg-slate-900 text-slate-100 ${leaving ? "pod-leaving border-slate-600" : pod.metadata?.deletionTimestamp ? "border-violet-400/60" : "border-slate-600/80"}`}
      style={{ width, height, ...blocks?.style }}
    >
      <Handle type="target" position={Position.Left} id="in" className="invisible-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out" className="invisible-handle" isConnectable={false} />
      {far ? (
        // Plain text, cut to fit by length: a clipped, flexed header per card cost as much as the rest of it.
        <div aria-hidden="true" className="px-2 pt-2 text-[13px] font-semibold whitespace-nowrap">
          {clip(name, 30)} <span className={FAR_TONE[toneOf(status)]}>{clip(status, 18)}</span>
        </div>
      ) : (
        <div className="flex items-center gap-2 px-2 pt-2">
          <span aria-hidden="true" className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Pod</span>
          <span className="min-w-0 flex-1 truncate text-[13px] font-semibold" title={`${pod.metadata?.namespace}/${name}`}>
            {name}
          </span>
          <StatusBadge text={status} />
        </div>
      )}
      {!far && (
        <>
      <div className="flex gap-2 px-2 text-[11px] text-slate-400" style={{ height: 16 }}>
            <span>IP {ip ?? "—"}</span>
            <span>ready {view?.ready ?? "0/" + (pod.spec?.containers?.length ?? 0)}</span>
            <span>↻ {view?.restarts ?? 0}</span>
            <span className="truncate">{view?.qosClass ?? pod.status?.qosClass ?? ""}</span>
          </div>
          {owner && <div className="truncate px-2 text-[10.5px] text-slate-400">{owner}</div>}
          {pod.metadata?.deletionTimestamp && deletionAt !== undefined && !leaving && (
            <Countdown until={deletionAt} prefix="grace period, killed in" className="absolute top-1 right-24 rounded bg-violet-500/20 px-1 text-[10px] text-violet-200" />
          )}
          {geometry.messageY !== undefined && (
            <div className="absolute right-2 left-2 overflow-hidden rounded bg-amber-400/10 px-1.5 py-1 text-[10.5px] leading-[13px] text-amber-100 ring-1 ring-amber-300/30" style={{ top: geometry.messageY, height: 48 }}>
              <span className="font-semibold">FailedScheduling: </span>
              {pendingReason(pod)}
            </div>
          )}
        </>
      )}
      {!far && <PodBody pod={pod} view={view} geometry={geometry} podKey={data.key} />}
    </div>
  );
}

function PodBody({ pod, view, geometry, podKey }: { pod: Pod; view: PodRuntimeView | undefined; geometry: PodCardGeometry; podKey: string }) {
  const name = pod.metadata?.name ?? "";
  const order = containerOrder(pod);
  const byName = new Map(view?.containers.map((c) => [c.name, c]));
  const initTotal = order.filter((c) => c.role === "init").length;
  let initIndex = 0;
  const infra = geometry.rows[0];
  const sb = view?.sandbox;
  const ip = sb?.podIP;
  const volumes = new Map<string, VolumeView>((view?.volumes ?? []).map((v) => [v.name, v]));
  return (
    <>
      <div
        role="img"
        aria-label={infraLabel(name, view)}
        className={`absolute flex items-center gap-1.5 rounded border border-dashed px-1.5 text-[11px] ${sb?.state === "ready" ? "border-teal-400/60 bg-teal-500/10" : "border-slate-500/60 bg-slate-800/60"}`}
        style={{ top: infra.y, left: geometry.rowsX, width: geometry.rowsW, height: infra.h }}
      >
        <span aria-hidden="true" className="text-teal-300">⬡</span>
        <span className="font-medium">pause</span>
        <span className="truncate text-slate-400">{sb?.hostNetwork ? "host network" : "net ns"}</span>
        <span className="ml-auto truncate font-mono text-[10.5px] text-teal-200">{sb?.state === "creating" ? "creating…" : (ip ?? (sb?.state === "none" || !sb ? "no sandbox" : "—"))}</span>
      </div>
      {order.map((c, i) => {
        const row = geometry.rows[i + 1];
        const cv: ContainerView = byName.get(c.name) ?? { name: c.name, role: c.role, image: "", state: "none", restartCount: 0, ready: false, started: false, probes: [], mounts: [] };
        const progress = c.role === "init" ? `${++initIndex}/${initTotal}` : undefined;
        return <ContainerRow key={c.name} podKey={podKey} container={cv} row={row} x={geometry.rowsX} width={geometry.rowsW} progress={progress} />;
      })}
      {geometry.volumes.map((v) => {
        const vv = volumes.get(v.id) ?? { name: v.id, type: Object.keys(pod.spec?.volumes?.find((x) => x.name === v.id) ?? {}).find((k) => k !== "name") ?? "volume" };
        return (
          <div
            key={v.id}
            role="img"
            aria-label={volumeLabel(vv)}
            title={volumeLabel(vv)}
            className={`absolute flex flex-col justify-center overflow-hidden rounded-md border px-1.5 leading-none ${isServiceAccountToken(v.id) ? "border-slate-500/50 bg-slate-700/30 opacity-70" : "border-indigo-300/50 bg-indigo-500/15"}`}
            style={{ top: v.y, left: geometry.volumesX, width: 84, height: v.h }}
          >
            <span className="truncate text-[11px] font-medium text-indigo-100">{v.id}</span>
            <span className="truncate text-[9.5px] text-indigo-300">{vv.type}</span>
          </div>
        );
      })}
      {geometry.volumes.length > 0 && <MountLinks geometry={geometry} />}
    </>
  );
}

/**
 * The card's rows as plain blocks, for a view zoomed too far out to read them: same places, drawn
 * as background layers of the card itself (one element instead of one per row: with hundreds of
 * cards on screen, every element with a box of its own is one more piece the browser sorts into
 * compositor layers on each frame that changes the graph). The rows' words go to the card's
 * description.
 */
function farBlocks(pod: Pod, view: PodRuntimeView | undefined, geometry: PodCardGeometry): { style: CSSProperties; description: string } {
  const byName = new Map(view?.containers.map((c) => [c.name, c]));
  const order = containerOrder(pod);
  const layers: string[] = [];
  const positions: string[] = [];
  const sizes: string[] = [];
  const words: string[] = [];
  const add = (colour: string, x: number, y: number, w: number, h: number) => {
    layers.push(`linear-gradient(${colour}, ${colour})`);
    positions.push(`${x}px ${y}px`);
    sizes.push(`${w}px ${h}px`);
  };
  geometry.rows.forEach((r, i) => {
    const c = i === 0 ? undefined : byName.get(order[i - 1].name);
    words.push(i === 0 ? infraLabel(pod.metadata?.name ?? "", view) : c ? containerLabel(c) : `Container ${r.id}, Not created`);
    const state = i === 0 ? (view?.sandbox.state === "ready" ? "running" : "none") : (c?.state ?? "none");
    add(BLOCK[state], geometry.rowsX, r.y, geometry.rowsW, r.h);
  });
  for (const v of geometry.volumes) {
    words.push(`Volume ${v.id}`);
    add(VOLUME_BLOCK, geometry.volumesX, v.y, 84, v.h);
  }
  return {
    style: { backgroundImage: layers.join(", "), backgroundPosition: positions.join(", "), backgroundSize: sizes.join(", "), backgroundRepeat: "no-repeat" },
    description: words.join("; "),
  };
}

const BLOCK: Record<ContainerView["state"], string> = {
  none: "rgb(51 65 85 / 0.6)",
  waiting: "rgb(251 191 36 / 0.5)",
  running: "rgb(16 185 129 / 0.5)",
  terminated: "rgb(56 189 248 / 0.4)",
};
const VOLUME_BLOCK = "rgb(99 102 241 / 0.4)";

/** Status colours of a far card's header, with the glyph-free word: the label carries the state too. */
const FAR_TONE: Record<Tone, string> = {
  ok: "text-emerald-300",
  wait: "text-amber-200",
  done: "text-sky-200",
  bad: "text-rose-300",
  gone: "text-violet-200",
  idle: "text-slate-300",
};

/** `text` cut to `n` characters with an ellipsis. */
function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** The service account token volume every pod gets (kube-api-access-xxxxx): drawn, but quietly. */
function isServiceAccountToken(volume: string): boolean {
  return volume.startsWith("kube-api-access-");
}

/** The links from each mount line to its volume, drawn under the rows. */
function MountLinks({ geometry }: { geometry: PodCardGeometry }) {
  const vols = new Map(geometry.volumes.map((v) => [v.id, v]));
  const x0 = geometry.rowsX + geometry.rowsW;
  const x1 = geometry.volumesX;
  return (
    <svg className="pointer-events-none absolute inset-0 overflow-visible" width="100%" height="100%">
      {geometry.rows.flatMap((r) =>
        (r.mounts ?? []).map((m) => {
          const v = vols.get(m.volume);
          if (!v) return null;
          const y1 = v.y + v.h / 2;
          const mid = (x0 + x1) / 2;
          return (
            <path
              key={`${r.id}-${m.volume}-${m.mountPath}`}
              role="img"
              aria-label={mountLabel(m.volume, r.id, m.mountPath, m.readOnly)}
              d={`M ${x0 - 2} ${m.y} C ${mid} ${m.y}, ${mid} ${y1}, ${x1} ${y1}`}
              className={`fill-none ${isServiceAccountToken(m.volume) ? "stroke-slate-500/60" : "stroke-indigo-300/80"}`}
              strokeWidth={isServiceAccountToken(m.volume) ? 1 : 1.5}
              strokeDasharray={m.readOnly ? "3 2" : undefined}
            />
          );
        }),
      )}
    </svg>
  );
}

export const PodCard = memo(PodCardImpl, sameBox);
