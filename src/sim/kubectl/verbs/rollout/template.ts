/**
 * printTemplate of kubectl's polymorphic helpers: a pod template described with describe's prefix
 * writer but no tabwriter — `rollout history --revision=N` and `rollout undo --dry-run` print the
 * tabs as they are.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { describePodTemplate } from "../../describe/pod-template";
import { PrefixWriter } from "../../describe/prefix-writer";
import { escapeTerminal } from "../../printers/table-printer";

/** describe.NewPrefixWriter(buf): indentation, no column layout. */
class RawPrefixWriter extends PrefixWriter {
  private raw = "";

  override write(level: number, text: string): void {
    this.raw += escapeTerminal("  ".repeat(level) + text);
  }

  override writeLine(...values: string[]): void {
    this.raw += escapeTerminal(values.join(" ") + "\n");
  }

  override flush(): void {}

  override toString(): string {
    return this.raw;
  }
}

/** The pod template as `kubectl rollout history --revision` prints it. */
export function printTemplate(template: PodTemplateSpec | undefined): string {
  const w = new RawPrefixWriter();
  describePodTemplate(template, w);
  return w.toString();
}
