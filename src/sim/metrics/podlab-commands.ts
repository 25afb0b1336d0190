/**
 * `podlab metrics-server enable|disable|status`: install or remove the metrics-server add-on, whose
 * Metrics API `kubectl top` and the HorizontalPodAutoscaler read.
 */
import type { PodlabCommand } from "../cluster";
import type { MetricsServer } from "./metrics-server";

export function metricsServerCommand(server: MetricsServer): PodlabCommand {
  return {
    name: "metrics-server",
    usage: "podlab metrics-server enable|disable|status",
    summary: "Install or remove metrics-server (the Metrics API behind kubectl top and the HPA)",
    run(args, _cluster, out) {
      const [action] = args;
      if (args.length !== 1 || !["enable", "disable", "status"].includes(action)) throw new Error(`usage: ${this.usage}`);
      if (action === "status") {
        out(`metrics-server: ${server.available ? "enabled" : "disabled"}\n`);
        return 0;
      }
      server.setEnabled(action === "enable");
      out(`metrics-server ${action}d\n`);
      return 0;
    },
  };
}
