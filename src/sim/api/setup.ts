/**
 * ApiSetup installs the API server's per-kind behaviour into a cluster: every kind's strategy
 * (decoding, defaults, validation, initial status), the admission chain, and graceful pod deletion.
 * It starts first, so that everything written afterwards — bootstrap namespaces and nodes included —
 * goes through them.
 */
import type { Cluster, Component } from "../cluster";
import { ADMISSION_PLUGINS } from "./admission";
import { STRATEGIES } from "./strategies";
import { podGracefulDeletion } from "./strategies/pod";

export class ApiSetup implements Component {
  readonly name = "api-setup";

  start(cluster: Cluster): void {
    for (const [kind, strategy] of Object.entries(STRATEGIES)) cluster.api.registerStrategy(kind, strategy);
    for (const plugin of ADMISSION_PLUGINS) cluster.api.registerAdmission(plugin);
    cluster.api.registerGracefulDeletion("Pod", podGracefulDeletion);
  }
}
