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
import { NodeLifecycleController } from "./controllers/node-lifecycle";
import { Faults } from "./faults/faults";
import { PodGCController } from "./controllers/pod-gc";
import { DisruptionController } from "./controllers/pdb";
import { Addons } from "./addons/addons";
import { DeploymentController } from "./controllers/deployment";
import { GarbageCollector } from "./controllers/garbage-collector";
import { ReplicaSetController } from "./controllers/replicaset";
import { ReplicationManager } from "./controllers/replication-controller";
import { StatefulSetController } from "./controllers/statefulset";
import { DaemonSetController } from "./controllers/daemonset";
import { JobController } from "./controllers/job";
import { TTLAfterFinishedController } from "./controllers/job/ttl-after-finished";
import { CronJobController } from "./controllers/cronjob";
import { KubeletComponent } from "./kubelet/component";
import { PodNetwork } from "./network/fabric";
import { serviceNetworkingComponents } from "./network/service-networking";
import { defaultRuntimeFactory } from "./kubelet/runtime-factory";
import { Scheduler } from "./scheduler/scheduler";
import { StorageComponent } from "./storage/storage";
import { MetricsServer } from "./metrics/metrics-server";
import { HorizontalPodAutoscalerController } from "./controllers/hpa";
import { LoadGenerators } from "./metrics/load-generator";

/** Builds a fresh instance of every default component. */
export function defaultComponents(): Component[] {
  return [new ApiSetup(), new ServiceAccountController(), new RootCACertPublisher(), new NamespaceController(), new ResourceQuotaController(), new Bootstrap(), new Scheduler(), new PodNetwork(), ...serviceNetworkingComponents(), new KubeletComponent({ runtimeFactory: defaultRuntimeFactory }), new TaintEvictionController(), new NodeLifecycleController(), new PodGCController(), new DisruptionController(), new Faults(), new ReplicaSetController(), new ReplicationManager(), new DeploymentController(), new GarbageCollector(), new StatefulSetController(), new DaemonSetController(), new JobController(), new TTLAfterFinishedController(), new CronJobController(), new StorageComponent(), new MetricsServer(), new HorizontalPodAutoscalerController(), new LoadGenerators(), new Addons()];
}
