/**
 * The control-plane strip: you (kubectl), the API server, etcd, the scheduler and the controller
 * manager with each controller that has acted so far. Each lights up when it acts and shows what it
 * did last, in words, so a learner can follow a pod's creation and deletion from one to the next.
 * The node agents (kubelet, kube-proxy, containerd) light up on their node cards.
 */
import { memo } from "react";
import { useShallow } from "zustand/shallow";
import { useFlash, useLastActions } from "./flash";

const COMPONENTS: { id: string; name: string; role: string }[] = [
  { id: "kubectl", name: "kubectl", role: "you: every command goes to the API server" },
  { id: "kube-apiserver", name: "API server", role: "kube-apiserver: validates and stores every write" },
  { id: "etcd", name: "etcd", role: "the store behind the API server" },
  { id: "kube-scheduler", name: "Scheduler", role: "kube-scheduler: binds pods to nodes" },
  { id: "kube-controller-manager", name: "Controller manager", role: "kube-controller-manager: runs the controllers" },
];

const Component = memo(function Component({ id, name, role }: { id: string; name: string; role: string }) {
  const ref = useFlash(id);
  const last = useLastActions((s) => s.last[id]?.action);
  return (
    <li ref={ref} aria-label={`${name}, ${last ? `last: ${last}` : "idle"}`} title={role} className="cp-component flex min-w-0 flex-1 flex-col rounded-md border border-slate-600 bg-slate-800/90 px-2 py-1">
      <span className="truncate text-[12px] font-semibold text-slate-100">{name}</span>
      <span className="truncate text-[10.5px] text-slate-300" title={last}>
        {last ?? "idle"}
      </span>
    </li>
  );
});

const Controller = memo(function Controller({ id }: { id: string }) {
  const ref = useFlash(id);
  const last = useLastActions((s) => s.last[id]?.action);
  const name = id.slice("controller/".length).replace(/-controller$/, "");
  return (
    <li ref={ref} aria-label={`Controller ${name}, last: ${last ?? "idle"}`} title={last} className="cp-component rounded border border-slate-600 bg-slate-800 px-1.5 text-[10.5px] text-slate-300">
      {name}
    </li>
  );
});

export function ControlPlaneStrip() {
  const controllers = useLastActions(useShallow((s) => Object.keys(s.last).filter((k) => k.startsWith("controller/")).sort()));
  return (
    <section aria-label="Control plane" className="contain-strict flex h-14 shrink-0 items-stretch gap-2 border-b border-slate-800 bg-slate-900/80 px-3 py-1.5">
      <ol className="flex min-w-0 flex-[3] gap-2">
        {COMPONENTS.map((c) => (
          <Component key={c.id} {...c} />
        ))}
      </ol>
      <ul aria-label="Controllers" className="flex min-w-0 flex-[2] flex-wrap content-center items-center gap-1">
        {controllers.length === 0 ? <li className="text-[10.5px] text-slate-500">controllers appear here when they act</li> : controllers.map((id) => <Controller key={id} id={id} />)}
      </ul>
    </section>
  );
}
