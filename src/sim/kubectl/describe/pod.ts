/**
 * `kubectl describe pod` (describePod): identity, node and start time, labels and annotations, status
 * ("Terminating (lasts 5s)"), IPs, controller, init and app containers, readiness gates, conditions,
 * volumes, QoS class, node selectors, tolerations, topology spread constraints and events.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { rfc1123z, since } from "../printers/duration";
import { formatLabelSelector } from "../printers/selectors";
import { describeContainers, envResolver } from "./containers";
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from "./prefix-writer";
import { podQOS } from "./resources";
import { describeVolumes } from "./volumes";

const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

export function describePod(obj: KObject, ctx: DescribeContext): string {
  const pod = obj as Pod;
  const spec = pod.spec ?? ({ containers: [] } as NonNullable<Pod["spec"]>);
  const status = pod.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pod.metadata?.name ?? ""}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata?.namespace ?? ""}\n`);
    // The Priority and ServiceAccount admission plugins always set these on a real cluster.
    w.write(LEVEL_0, `Priority:\t${spec.priority ?? 0}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName || "default"}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, "Node:\t<none>\n");
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, "Labels", pod.metadata?.labels);
    printAnnotationsMultiline(w, "Annotations", pod.metadata?.annotations);
    if (pod.metadata?.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(ctx.clock, pod.metadata.deletionTimestamp)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ""}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === "Localhost") w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ""}\n`);
    describePodIPs(pod, w, "");
    const owner = controlledBy(obj);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    const resolver = envResolver(pod);
    if ((spec.initContainers ?? []).length > 0) describeContainers("Init Containers", spec.initContainers!, status.initContainerStatuses, resolver, w, "");
    describeContainers("Containers", spec.containers ?? [], status.containerStatuses, resolver, w, "");
    if ((spec.ephemeralContainers ?? []).length > 0) {
      describeContainers("Ephemeral Containers", spec.ephemeralContainers! as unknown as NonNullable<Pod["spec"]>["containers"], status.ephemeralContainerStatuses, resolver, w, "");
    }
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
      for (const g of spec.readinessGates!) {
        const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : "<none>"} \n`);
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
      for (const c of status.conditions!) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, "");
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
    printTolerationsMultiline(w, "Tolerations", spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "");
    if (ctx.settings.showEvents) {
      const mirrorUID = pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION];
      describeEvents(searchEvents(ctx.cluster, obj, { ignoreKind: true, uid: mirrorUID }), w, ctx.clock);
    }
  });
}

/** describePodIPs. */
export function describePodIPs(pod: Pod, w: PrefixWriter, space: string): void {
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, `${space}IPs:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

/** describeTopologySpreadConstraints: sorted by topology key. */
export function describeTopologySpreadConstraints(tscs: any[] | undefined, w: PrefixWriter, space: string): void {
  const list = [...(tscs ?? [])];
  if (list.length === 0) return;
  list.sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}
