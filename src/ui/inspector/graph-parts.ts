/**
 * Which part of a pod card a click landed on. The graph selects whole boxes; to open a container or
 * a volume in the inspector, a capturing click listener reads the part from the accessible label of
 * the element clicked (the graph labels every part: "Container web, Running, ready, 0 restarts",
 * "Init container install, Terminated: Completed", "Volume html, emptyDir").
 */
import { inspector, type PodPart } from "./inspector-store";

const CONTAINER_LABEL = /^(?:Init container|Sidecar container|Ephemeral container|Container) ([^,\s]+)(?:,|$)/;
const VOLUME_LABEL = /^Volume ([^,\s]+)(?:,|$)/;
const PROBE_LABEL = /^(?:Startup|Liveness|Readiness) probe of container ([^,\s]+),/;
const MOUNT_LABEL = /^Mount of volume ([^\s]+) in container ([^\s]+) at /;

/** The part a label names, if it names one. */
export function partFromLabel(label: string): PodPart | undefined {
  let m = CONTAINER_LABEL.exec(label) ?? PROBE_LABEL.exec(label);
  if (m) return { container: m[1] };
  m = VOLUME_LABEL.exec(label);
  if (m) return { volume: m[1] };
  m = MOUNT_LABEL.exec(label);
  if (m) return { container: m[2], volume: m[1] };
  return undefined;
}

/** Walks up from the clicked element to the pod card, returning the first part named on the way. */
export function partAt(target: Element | null): PodPart | undefined {
  for (let el = target; el && !el.classList.contains("pod-card"); el = el.parentElement) {
    const label = el.getAttribute("aria-label");
    if (label) {
      const part = partFromLabel(label);
      if (part) return part;
    }
  }
  return undefined;
}

/** Listens for clicks on the graph's boxes; returns the function that stops listening. */
export function listenForParts(root: Document = document): () => void {
  const onClick = (e: Event) => {
    const target = e.target as Element | null;
    if (!target?.closest?.(".react-flow__node")) return;
    inspector.setPart(partAt(target));
  };
  root.addEventListener("click", onClick, true);
  return () => root.removeEventListener("click", onClick, true);
}
