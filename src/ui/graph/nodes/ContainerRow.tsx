/**
 * One container inside a pod card: its role (init with its place in the order, sidecar, app), its
 * state in kubectl describe's words, restart count and back-off timer, probe indicators that pulse
 * on every probe, and one line per mount where the link to the volume starts.
 */
import { memo } from "react";
import type { ContainerView, ProbeView } from "../../../worker/protocol";
import { probeId, useFlash } from "../flash";
import type { RowBox } from "../geometry";
import { containerLabel, containerStateText, probeLabel } from "../labels";
import { Countdown, TONE_CLASS, TONE_GLYPH, type Tone } from "./status";

function containerTone(c: ContainerView): Tone {
  if (c.state === "running") return c.ready || c.role === "init" ? "ok" : "wait";
  if (c.state === "terminated") return c.exitCode === 0 ? "done" : "bad";
  if (c.state === "waiting") return c.reason && /Err|BackOff|Invalid|Error/.test(c.reason) ? "bad" : "wait";
  return "idle";
}

const ROLE_TAG: Record<ContainerView["role"], string> = { init: "init", sidecar: "sidecar", app: "app", ephemeral: "debug" };

interface Props {
  podKey: string;
  container: ContainerView;
  row: RowBox;
  x: number;
  width: number;
  /** "1/2" for init containers. */
  progress?: string;
}

export const ContainerRow = memo(function ContainerRow({ podKey, container: c, row, x, width, progress }: Props) {
  const tone = containerTone(c);
  return (
    <div
      role="group"
      aria-label={containerLabel(c)}
      className={`absolute overflow-hidden rounded border px-1.5 py-1 text-[11px] transition-colors duration-300 ${c.state === "none" ? "border-slate-600/60 bg-slate-800/40" : "border-slate-500/70 bg-slate-800/90"}`}
      style={{ top: row.y, left: x, width, height: row.h }}
    >
      <div className="flex items-center gap-1.5 leading-4" title={c.image}>
        <span aria-hidden="true" className={`inline-flex h-3.5 w-3.5 shrink-0 items-center justify-center rounded-full text-[9px] ring-1 ${TONE_CLASS[tone]}`}>
          {TONE_GLYPH[tone]}
        </span>
        <span className="min-w-0 flex-1 truncate font-medium">{c.name}</span>
        <span className="shrink-0 rounded bg-slate-700/80 px-1 text-[9.5px] text-slate-300">
          {ROLE_TAG[c.role]}
          {progress ? ` ${progress}` : ""}
        </span>
        <span className="flex shrink-0 gap-0.5">
          {c.probes.map((p) => (
            <ProbeDot key={p.type} podKey={podKey} container={c.name} probe={p} />
          ))}
        </span>
      </div>
      <div className="flex items-center gap-1.5 text-[10.5px] leading-4 text-slate-300">
        <span key={containerStateText(c)} className="status-change min-w-0 truncate">
          {containerStateText(c)}
        </span>
        {c.backOffUntil !== undefined && c.state === "waiting" && <Countdown until={c.backOffUntil} prefix="· retry in" className="shrink-0 text-rose-300" />}
        <span className="ml-auto shrink-0 text-slate-400" title="restarts">
          ↻ {c.restartCount}
        </span>
      </div>
      {(row.mounts ?? []).map((m) => (
        <div
          key={`${m.volume}${m.mountPath}`}
          aria-hidden="true"
          // Right to left, so a long path loses its beginning, not its end; the marks keep the slashes in order.
          className={`truncate text-right font-mono text-[9.5px] leading-[14px] [direction:rtl] ${m.volume.startsWith("kube-api-access-") ? "text-slate-500" : "text-indigo-300"}`}
          title={`${m.mountPath} → ${m.volume}`}
        >
          {`\u200e${m.mountPath} →\u200e`}
        </div>
      ))}
    </div>
  );
});

const PROBE_LETTER = { startup: "S", liveness: "L", readiness: "R" } as const;

/** A probe indicator: its letter and last result as a glyph; it pulses green or red on each probe. */
function ProbeDot({ podKey, container, probe }: { podKey: string; container: string; probe: ProbeView }) {
  const ref = useFlash(probeId(podKey, container, probe.type));
  const tone = probe.last === "success" ? "ok" : probe.last === "failure" ? "bad" : "idle";
  return (
    <span ref={ref} role="img" aria-label={probeLabel(container, probe)} title={probeLabel(container, probe)} className={`probe-dot inline-flex h-3.5 items-center rounded px-1 text-[9px] font-semibold ring-1 ${TONE_CLASS[tone]}`}>
      {PROBE_LETTER[probe.type]}
      <span aria-hidden="true">{probe.last === "success" ? "✓" : probe.last === "failure" ? "✕" : "·"}</span>
    </span>
  );
}
