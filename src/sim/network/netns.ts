/**
 * NetNamespace is one network namespace: a pod's (held by its Infra container, shared by all its
 * containers, so they reach each other on localhost) or a node's host namespace (hostNetwork pods,
 * the kubelet's probes). It owns the listening sockets.
 */
import type { Listener } from "./types";

export class AddressInUseError extends Error {
  constructor(readonly port: number) {
    super(`listen tcp :${port}: bind: address already in use`);
    this.name = "AddressInUseError";
  }
}

export class NetNamespace {
  /** Made with the first socket: a pod of pause containers never opens one. */
  private listeners: Map<string, Listener> | undefined;
  /** Ephemeral source ports, as the kernel hands them out. */
  private nextEphemeral: number;

  constructor(
    /** The namespace's address (the pod IP, or the node's InternalIP for a host namespace). */
    readonly ip: string,
    readonly nodeName: string,
    readonly kind: "pod" | "host",
    /** The pod's identity for policies and logs (undefined for a host namespace). */
    readonly pod?: { uid: string; name: string; namespace: string },
    firstEphemeralPort = 40_000,
  ) {
    this.nextEphemeral = firstEphemeralPort;
  }

  /** Opens a listening socket; throws AddressInUseError when the port is taken. */
  listen(listener: Listener): () => void {
    const key = `${listener.protocol}/${listener.port}`;
    const listeners = (this.listeners ??= new Map());
    if (listeners.has(key)) throw new AddressInUseError(listener.port);
    listeners.set(key, listener);
    return () => {
      if (listeners.get(key) === listener) listeners.delete(key);
    };
  }

  /** The listener for a port, if one is bound and reachable from `fromInside` or outside. */
  listener(port: number, protocol: string, fromInside: boolean): Listener | undefined {
    const l = this.listeners?.get(`${protocol}/${port}`);
    if (!l) return undefined;
    if (!fromInside && l.address.startsWith("127.")) return undefined;
    return l;
  }

  /** Every open socket, for `netstat`. */
  list(): Listener[] {
    return [...(this.listeners?.values() ?? [])].sort((a, b) => a.port - b.port);
  }

  /** Closes every socket a container owns (its processes died). */
  closeOwnedBy(containerId: string): void {
    const listeners = this.listeners;
    if (listeners) for (const [k, l] of listeners) if (l.owner.containerId === containerId) listeners.delete(k);
  }

  ephemeralPort(): number {
    const p = this.nextEphemeral;
    this.nextEphemeral = this.nextEphemeral >= 60_999 ? 32_768 : this.nextEphemeral + 1;
    return p;
  }
}
