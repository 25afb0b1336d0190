/**
 * OutsideClient stands for the user's machine beside the cluster: it registers `podlab curl`, the
 * way to reach NodePorts, LoadBalancer addresses, hostPorts and Ingresses from outside.
 */
import type { Cluster, Component } from "../../cluster";
import { curlCommand } from "./podlab-curl";

export class OutsideClient implements Component {
  readonly name = "outside-client";

  start(cluster: Cluster): void {
    cluster.registerPodlabCommand(curlCommand);
  }
}
