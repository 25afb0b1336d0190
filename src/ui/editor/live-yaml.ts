/**
 * Live objects as YAML, read from the simulation without leaving a trace: `kubectl get -o yaml` for
 * the read-only viewer, and the two sides `kubectl diff` compares — the live object and the object
 * a server-side dry run of the document would store — without status and managedFields.
 */
import { parseDocument } from "yaml";
import { kindInfo } from "../../sim/api/kinds";
import { bridge } from "../bridge";
import type { PreviewRun } from "../../worker/preview";
import type { ManifestDocument } from "./documents";
import type { ObjectRef } from "./editor-state";

/** The resource argument kubectl takes for a kind: "pods", "deployments.apps". */
export function resourceArg(kind: string): string {
  const info = kindInfo(kind);
  if (!info) return kind.toLowerCase();
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

function namespaceArgs(kind: string, namespace: string | undefined): string[] {
  const info = kindInfo(kind);
  return info && !info.namespaced ? [] : ["-n", namespace || "default"];
}

/** `kubectl get KIND NAME -o yaml` of an object: its YAML, or kubectl's error. */
export async function fetchLiveYaml(ref: ObjectRef): Promise<{ yaml?: string; error?: string }> {
  const [r] = (await bridge.preview([{ argv: ["get", resourceArg(ref.kind), ref.name, ...namespaceArgs(ref.kind, ref.namespace), "-o", "yaml"] }])) ?? [];
  if (!r) return { error: "The simulation restarted before it answered." };
  return r.exitCode === 0 ? { yaml: r.stdout } : { error: r.stderr.trim() };
}

/** An object's YAML without what `kubectl diff` leaves out of the comparison: status and managedFields. */
export function withoutStatus(yaml: string): string {
  const doc = parseDocument(yaml);
  doc.delete("status");
  doc.deleteIn(["metadata", "managedFields"]);
  return doc.toString({ lineWidth: 0 });
}

/** The two sides of the diff view, one YAML document per manifest document. */
export interface DiffSides {
  live: string;
  merged: string;
}

/**
 * What `kubectl diff -f FILE` compares, for every document of a file: the live object (empty when
 * there is none) against the object a server-side dry run of the apply would store.
 */
export async function diffSides(docs: ManifestDocument[]): Promise<DiffSides | undefined> {
  const real = docs.filter((d) => !d.empty);
  const runs: PreviewRun[] = [];
  const slots = real.map((d) => {
    const get = d.kind && d.name ? runs.push({ argv: ["get", resourceArg(d.kind), d.name, ...namespaceArgs(d.kind, d.namespace), "-o", "yaml"] }) - 1 : -1;
    const apply = runs.push({ argv: ["apply", "--dry-run=server", "-o", "yaml", "-f", "-"], stdin: d.text }) - 1;
    return { get, apply };
  });
  const outcomes = await bridge.preview(runs);
  if (!outcomes) return undefined;
  const live: string[] = [];
  const merged: string[] = [];
  for (const { get, apply } of slots) {
    const got = get >= 0 ? outcomes[get] : undefined;
    const applied = outcomes[apply];
    live.push(got && got.exitCode === 0 ? withoutStatus(got.stdout) : "");
    merged.push(applied.exitCode === 0 ? withoutStatus(applied.stdout) : `${applied.stderr.trim().split("\n").map((l) => `# ${l}`).join("\n")}\n`);
  }
  return { live: live.join("---\n"), merged: merged.join("---\n") };
}
