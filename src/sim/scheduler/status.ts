/**
 * Status is a plugin's verdict, as the scheduling framework's `framework.Status`: a code, the
 * reasons (each counted separately in the FailedScheduling message), and the plugin that gave it.
 * Success is `null` on the hot path, so passing a node allocates nothing.
 */

/** The framework's status codes (pkg/scheduler/framework/interface.go). */
export type Code = "Success" | "Error" | "Unschedulable" | "UnschedulableAndUnresolvable" | "Wait" | "Skip" | "Pending";

/** A plugin verdict (framework.Status). */
export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    public plugin = "",
  ) {}

  /** The reasons joined as Kubernetes' Status.Message() joins them. */
  get message(): string {
    return this.reasons.join(", ");
  }

  /** Unschedulable or UnschedulableAndUnresolvable: the pod does not fit, as opposed to an error. */
  get rejected(): boolean {
    return this.code === "Unschedulable" || this.code === "UnschedulableAndUnresolvable";
  }

  withPlugin(plugin: string): this {
    this.plugin = plugin;
    return this;
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status("Unschedulable", reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status("UnschedulableAndUnresolvable", reasons);
  }

  static error(message: string): Status {
    return new Status("Error", [message]);
  }
}

/** The shared Skip verdict a PreFilter or PreScore returns when it has nothing to do for a pod. */
export const SKIP = new Status("Skip");

/** True for a successful status (null or code Success). */
export function isSuccess(s: Status | null | undefined): boolean {
  return !s || s.code === "Success";
}
