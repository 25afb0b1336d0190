/**
 * Trace is the simulation's activity bus: what each component did and when, beyond what the API
 * objects record — a probe tick, a packet sent, the scheduler filtering, the kubelet creating the
 * sandbox. The UI lights up components and pulses probes from it; tests read it to follow a flow.
 * Nothing in the simulation depends on who listens.
 */
import type { ObjectRef } from "./api/types";

export interface TraceEvent {
  /** Virtual milliseconds. */
  time: number;
  /** "kube-apiserver", "etcd", "kube-scheduler", "kubelet", "kube-proxy", "replicaset-controller", "containerd", "cni", ... */
  component: string;
  /** The node the component runs on, for node-local components. */
  node?: string;
  /** A short verb phrase: "create", "bind", "probe", "pull", "start", "route", ... */
  action: string;
  object?: ObjectRef;
  /** Free detail for the UI: probe result, packet source and destination, container name, ... */
  detail?: Record<string, unknown>;
}

export type TraceListener = (event: TraceEvent) => void;

export class Trace {
  private listeners = new Set<TraceListener>();

  /** True when anyone listens; emitters skip building events otherwise. */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: TraceEvent): void {
    for (const l of this.listeners) l(event);
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
