/** Every kubectl verb the simulation supports, one file each. */
import type { Verb } from "../verb";
import { apiResources } from "./api-resources";
import { apiVersions } from "./api-versions";
import { clusterInfo } from "./cluster-info";
import { CONFIG_VERBS } from "./config";
import { describe } from "./describe";
import { events } from "./events";
import { exec } from "./exec";
import { get } from "./get";
import { logs } from "./logs";
import { version } from "./version";
import { top, topNode, topPod } from "./top";
import { autoscale } from "./autoscale";
import { annotate } from "./annotate";
import { apply } from "./apply";
import { cordon, uncordon } from "./cordon";
import { drain } from "./drain";
import { create, createSecret, createService } from "./create";
import { createConfigMap } from "./create/configmap";
import { createCronJob } from "./create/cronjob";
import { createDeployment } from "./create/deployment";
import { createJob } from "./create/job";
import { createNamespace } from "./create/namespace";
import { createSecretGeneric } from "./create/secret";
import { createServiceClusterIP, createServiceExternalName, createServiceLoadBalancer, createServiceNodePort } from "./create/service";
import { createServiceAccount } from "./create/serviceaccount";
import { deleteVerb } from "./delete";
import { expose } from "./expose";
import { label } from "./label";
import { patch } from "./patch";
import { replace } from "./replace";
import { run } from "./run";
import { taint } from "./taint";
import { waitVerb } from "./wait";
import { ROLLOUT_VERBS } from "./rollout";
import { scale } from "./scale";
import { set, setImage, setResources } from "./set";

/** The verbs that write: apply, create and its generators, run, replace, patch, delete, label, annotate, taint, cordon, wait. */
const WRITE_VERBS: Verb[] = [
  apply,
  create,
  createConfigMap,
  createCronJob,
  createDeployment,
  createJob,
  createNamespace,
  createSecret,
  createSecretGeneric,
  createService,
  createServiceClusterIP,
  createServiceExternalName,
  createServiceLoadBalancer,
  createServiceNodePort,
  createServiceAccount,
  run,
  replace,
  patch,
  deleteVerb,
  expose,
  label,
  annotate,
  taint,
  cordon,
  uncordon,
  drain,
  waitVerb,
  scale,
  autoscale,
  ...ROLLOUT_VERBS,
  set,
  setImage,
  setResources,
];

export const VERBS: Verb[] = [apiResources, get, describe, events, logs, exec, apiVersions, clusterInfo, ...CONFIG_VERBS, version, top, topPod, topNode, ...WRITE_VERBS];
