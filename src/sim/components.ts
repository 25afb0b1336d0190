/**
 * The default set of components a cluster runs, in start order. Each part of the control plane and
 * each node agent adds itself here.
 */
import { ApiSetup } from "./api/setup";
import { Bootstrap } from "./bootstrap";
import { NamespaceController } from "./controllers/namespace";
import { ResourceQuotaController } from "./controllers/resourcequota";
import { RootCACertPublisher } from "./controllers/root-ca-publisher";
import { ServiceAccountController } from "./controllers/serviceaccount";
import type { Component } from "./cluster";
import { TaintEvictionController } from "./controllers/taint-eviction";
import { KubeletComponent } from "./kubelet/component";
import { PodNetwork } from "./network/fabric";
import { defaultRuntimeFactory } from "./kubelet/runtime-factory";
import { Scheduler } from "./scheduler/scheduler";

/** Builds a fresh instance of every default component. */
export function defaultComponents(): Component[] {
  return [new ApiSetup(), new ServiceAccountController(), new RootCACertPublisher(), new NamespaceController(), new ResourceQuotaController(), new Bootstrap(), new Scheduler(), new PodNetwork(), new KubeletComponent({ runtimeFactory: defaultRuntimeFactory }), new TaintEvictionController()];
}
