/**
 * One container of the selected pod, as `kubectl describe pod` lays it out and more: its role and
 * image, its state with reason, message and times, its last state, readiness and restarts (with the
 * back-off countdown), its probes with their latest result, its mounts, and its hooks — each state
 * explained. Buttons open its logs, current or previous.
 */
import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import type { ReactNode } from "react";
import type { ContainerView } from "../../worker/protocol";
import { Countdown } from "../graph/nodes/status";
import { explain } from "../explain/explain";
import { Explained } from "../explain/Explain";
import { inspector } from "./inspector-store";
import { Badge, Fields, SmallButton, When, type Tone } from "./parts";

const ROLE_WORD: Record<ContainerView["role"], string> = { init: "init container", sidecar: "sidecar container", app: "container", ephemeral: "ephemeral container" };

function stateTone(c: ContainerView): Tone {
  if (c.state === "running") return c.ready || c.role === "init" ? "ok" : "wait";
  if (c.state === "terminated") return c.exitCode === 0 ? "done" : "bad";
  if (c.state === "waiting") return c.reason && /Err|BackOff|Invalid|Error/.test(c.reason) ? "bad" : "wait";
  return "idle";
}

function stateWord(c: ContainerView): string {
  if (c.state === "none") return "Not created";
  const s = c.state[0].toUpperCase() + c.state.slice(1);
  return c.reason ? `${s}: ${c.reason}` : s;
}

export function ContainerSection({ pod, c, spec, status, focused, index }: { pod: Pod; c: ContainerView; spec: Container | undefined; status: ContainerStatus | undefined; focused: boolean; index?: string }) {
  const running = status?.state?.running;
  const terminated = status?.state?.terminated;
  const waiting = status?.state?.waiting;
  const last = status?.lastState?.terminated;
  const hasPrevious = !!last?.containerID || c.restartCount > 0;
  return (
    <section
      aria-label={`${ROLE_WORD[c.role]} ${c.name}`}
      data-focused={focused || undefined}
      className={`rounded border px-2 py-1.5 ${focused ? "border-sky-400/70 bg-sky-400/5" : "border-slate-800 bg-slate-900/60"}`}
    >
      <div className="mb-1 flex flex-wrap items-center gap-1.5">
        <span className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">
          {ROLE_WORD[c.role]}
          {index ? ` ${index}` : ""}
        </span>
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold text-slate-100">{c.name}</span>
        <Badge text={stateWord(c)} tone={stateTone(c)} />
      </div>
      <Fields
        rows={[
          ["Image", <span className="font-mono text-[11.5px] break-all">{spec?.image ?? c.image}</span>],
          [
            "State",
            <div>
              <Explained kind="containerState" term={c.state === "none" ? undefined : c.state[0].toUpperCase() + c.state.slice(1)}>
                <span>{c.state === "none" ? "not created yet" : c.state[0].toUpperCase() + c.state.slice(1)}</span>
              </Explained>
              {(waiting?.reason || terminated?.reason || c.reason) && (
                <Explained kind="status" term={waiting?.reason ?? terminated?.reason ?? c.reason}>
                  <span className="text-slate-400">Reason</span>
                  <span>{waiting?.reason ?? terminated?.reason ?? c.reason}</span>
                </Explained>
              )}
              {(waiting?.message || terminated?.message) && <div className="break-words text-slate-300">{waiting?.message ?? terminated?.message}</div>}
              {terminated && <div>Exit code {terminated.exitCode}{terminated.signal ? `, signal ${terminated.signal}` : ""}</div>}
              {(running?.startedAt || terminated?.startedAt) && (
                <div className="text-[11px] text-slate-400">
                  started <When ts={running?.startedAt ?? terminated?.startedAt} />
                </div>
              )}
              {terminated?.finishedAt && (
                <div className="text-[11px] text-slate-400">
                  finished <When ts={terminated.finishedAt} />
                </div>
              )}
              {c.backOffUntil !== undefined && c.state === "waiting" && <Countdown until={c.backOffUntil} prefix="back-off: next start in" className="text-[11px] text-rose-200" />}
            </div>,
          ],
          ...(last
            ? ([
                [
                  "Last State",
                  <div>
                    <Explained kind="containerState" term="Last State">
                      <span>Terminated</span>
                    </Explained>
                    {last.reason && (
                      <Explained kind="status" term={last.reason}>
                        <span className="text-slate-400">Reason</span>
                        <span>{last.reason}</span>
                      </Explained>
                    )}
                    <div>Exit code {last.exitCode}</div>
                    <div className="text-[11px] text-slate-400">
                      finished <When ts={last.finishedAt} />
                    </div>
                  </div>,
                ],
              ] as [string, ReactNode][])
            : []),
          ["Ready", c.role === "init" ? "—" : c.ready ? "True" : "False"],
          ["Restart Count", String(c.restartCount)],
          ...(c.probes.length > 0 ? ([["Probes", <Probes c={c} spec={spec} />]] as [string, ReactNode][]) : []),
          ...(spec?.lifecycle?.postStart || spec?.lifecycle?.preStop ? ([["Hooks", <Hooks spec={spec} />]] as [string, ReactNode][]) : []),
          ...(c.mounts.length > 0
            ? ([
                [
                  "Mounts",
                  <ul className="space-y-0.5">
                    {c.mounts.map((m) => (
                      <li key={`${m.volume}-${m.mountPath}`} className="font-mono text-[11px] break-all">
                        {m.mountPath} <span className="text-slate-400">from</span> {m.volume}
                        {m.subPath ? ` (path "${m.subPath}")` : ""} {m.readOnly ? "(ro)" : "(rw)"}
                      </li>
                    ))}
                  </ul>,
                ],
              ] as [string, ReactNode][])
            : []),
        ]}
      />
      {c.role !== "ephemeral" && (
        <div className="mt-1.5 flex gap-1.5">
          <SmallButton label={`Logs of ${c.name}`} onClick={() => inspector.showLogs(c.name)}>
            Logs
          </SmallButton>
          {hasPrevious && (
            <SmallButton label={`Previous logs of ${c.name}`} onClick={() => inspector.showLogs(c.name, true)}>
              Previous logs
            </SmallButton>
          )}
        </div>
      )}
      {pod.spec?.restartPolicy && c.role === "app" && c.restartCount > 0 && (
        <div className="mt-1 text-[11px] text-slate-400">
          <Explained kind="container" term={pod.spec.restartPolicy}>
            <span>restartPolicy {pod.spec.restartPolicy}</span>
          </Explained>
        </div>
      )}
    </section>
  );
}

function Probes({ c, spec }: { c: ContainerView; spec: Container | undefined }) {
  return (
    <ul className="space-y-0.5">
      {c.probes.map((p) => {
        const probe = p.type === "liveness" ? spec?.livenessProbe : p.type === "readiness" ? spec?.readinessProbe : spec?.startupProbe;
        const timing = probe ? `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}` : `period=${p.periodSeconds}s`;
        return (
          <li key={p.type}>
            <Explained kind="container" term={p.type}>
              <span className="capitalize">{p.type}</span>
              <span className={p.last === "failure" ? "text-rose-200" : p.last === "success" ? "text-emerald-200" : "text-slate-400"}>
                {p.last === "failure" ? "✕ last failed" : p.last === "success" ? "✓ last succeeded" : "○ not run yet"}
              </span>
            </Explained>
            <div className="font-mono text-[11px] break-all text-slate-300">
              {p.handler} {timing}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Hooks({ spec }: { spec: Container }) {
  const hooks = [
    ["postStart", spec.lifecycle?.postStart],
    ["preStop", spec.lifecycle?.preStop],
  ] as const;
  return (
    <ul className="space-y-0.5">
      {hooks.map(([name, h]) =>
        h ? (
          <li key={name}>
            <Explained kind="container" term={name} explanation={explain("container", name)}>
              <span>{name}</span>
              <span className="font-mono text-[11px] break-all text-slate-300">
                {h.exec ? `exec [${(h.exec.command ?? []).join(" ")}]` : h.httpGet ? `http-get :${h.httpGet.port}${h.httpGet.path ?? "/"}` : h.sleep ? `sleep ${h.sleep.seconds}s` : "tcp"}
              </span>
            </Explained>
          </li>
        ) : null,
      )}
    </ul>
  );
}
