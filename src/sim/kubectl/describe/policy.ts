/**
 * describe for PodDisruptionBudget, HorizontalPodAutoscaler (autoscaling/v2), NetworkPolicy and
 * IngressClass.
 */
import type { KObject } from "../../api/types";
import { rfc1123z } from "../printers/duration";
import { formatLabelSelector } from "../printers/selectors";
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString, type PrefixWriter } from "./prefix-writer";

function events(obj: KObject, ctx: DescribeContext, w: PrefixWriter): void {
  if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, obj), w, ctx.clock);
}

export function describePodDisruptionBudget(pdb: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const spec = pdb.spec ?? {};
    const s = pdb.status ?? {};
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace}\n`);
    if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
    else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
    w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : "<unset>"}\n`);
    w.write(LEVEL_0, "Status:\n");
    w.write(LEVEL_2, `Allowed disruptions:\t${s.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${s.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${s.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${s.expectedPods ?? 0}\n`);
    events(pdb, ctx, w);
  });
}

export function describeHorizontalPodAutoscaler(hpa: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const spec = hpa.spec ?? {};
    const s = hpa.status ?? {};
    const ref = spec.scaleTargetRef ?? {};
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", hpa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${ref.kind}/${ref.name}\n`);
    w.write(LEVEL_0, "Metrics:\t( current / target )\n");
    (spec.metrics ?? []).forEach((m: any, i: number) => {
      const cur = (s.currentMetrics ?? [])[i];
      if (m.type === "Resource" && m.resource) {
        w.write(LEVEL_1, `resource ${m.resource.name} on pods`);
        if (m.resource.target?.averageValue !== undefined) {
          w.write(LEVEL_0, `:\t${cur?.resource?.current?.averageValue ?? "<unknown>"} / ${m.resource.target.averageValue}\n`);
        } else {
          const current = cur?.resource?.current?.averageUtilization !== undefined ? `${cur.resource.current.averageUtilization}% (${cur.resource.current.averageValue ?? "0"})` : "<unknown>";
          const target = m.resource.target?.averageUtilization !== undefined ? `${m.resource.target.averageUtilization}%` : "<auto>";
          w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${target}\n`);
        }
      } else if (m.type === "Pods" && m.pods) {
        w.write(LEVEL_1, `"${m.pods.metric?.name}" on pods:\t${cur?.pods?.current?.averageValue ?? "<unknown>"} / ${m.pods.target?.averageValue ?? ""}\n`);
      } else {
        w.write(LEVEL_1, `<unknown metric type "${m.type}">\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas ?? "<unset>"}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    w.write(LEVEL_0, `${ref.kind} pods:\t`);
    w.write(LEVEL_0, `${s.currentReplicas ?? 0} current / ${s.desiredReplicas ?? 0} desired\n`);
    const conditions = s.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
    }
    events(hpa, ctx, w);
  });
}

function peers(list: any[] | undefined, label: "From" | "To", indent: string, w: PrefixWriter): void {
  if (!list || list.length === 0) {
    w.write(LEVEL_0, `${indent}${label}: <any> (traffic not restricted by ${label === "From" ? "source" : "destination"})\n`);
    return;
  }
  for (const p of list) {
    w.write(LEVEL_0, `${indent}${label}:\n`);
    if (p.podSelector && p.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(p.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(p.podSelector)}\n`);
    } else if (p.podSelector) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(p.podSelector)}\n`);
    } else if (p.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(p.namespaceSelector)}\n`);
    } else if (p.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${p.ipBlock.cidr}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(p.ipBlock.except ?? []).join(", ")}\n`);
    }
  }
}

function rules(list: any[] | undefined, direction: "ingress" | "egress", w: PrefixWriter): void {
  const indent = "    ";
  if (!list || list.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  list.forEach((rule, i) => {
    if (!rule.ports || rule.ports.length === 0) {
      w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    } else {
      for (const port of rule.ports) {
        const proto = port.protocol ?? "TCP";
        if (port.endPort === undefined) w.write(LEVEL_0, `${indent}To Port: ${port.port ?? ""}/${proto}\n`);
        else w.write(LEVEL_0, `${indent}To Port Range: ${port.port}-${port.endPort}/${proto}\n`);
      }
    }
    peers(direction === "ingress" ? rule.from : rule.to, direction === "ingress" ? "From" : "To", indent, w);
    if (i !== list.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KObject): string {
  return tabbedString((w) => {
    const spec = np.spec ?? {};
    w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace}\n`);
    w.write(LEVEL_0, `Created on:\t${goTime(np.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", np.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", np.metadata.annotations);
    w.write(LEVEL_0, "Spec:\n");
    w.write(LEVEL_1, "PodSelector: ");
    const sel = spec.podSelector ?? {};
    if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) w.write(LEVEL_2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
    else w.write(LEVEL_2, `${formatLabelSelector(sel)}\n`);
    const types: string[] = spec.policyTypes ?? (spec.egress ? ["Ingress", "Egress"] : ["Ingress"]);
    if (types.includes("Ingress")) {
      w.write(LEVEL_1, "Allowing ingress traffic:\n");
      rules(spec.ingress, "ingress", w);
    } else {
      w.write(LEVEL_1, "Not affecting ingress traffic\n");
    }
    if (types.includes("Egress")) {
      w.write(LEVEL_1, "Allowing egress traffic:\n");
      rules(spec.egress, "egress", w);
    } else {
      w.write(LEVEL_1, "Not affecting egress traffic\n");
    }
    w.write(LEVEL_1, `Policy Types: ${types.length > 0 ? types.join(", ") : "<none>"}\n`);
  });
}

/** metav1.Time printed with %s: Go's time.Time.String() ("2025-01-01 00:00:00 +0000 UTC"). */
function goTime(ts: string | undefined): string {
  if (!ts) return "0001-01-01 00:00:00 +0000 UTC";
  return ts.replace("T", " ").replace("Z", " +0000 UTC");
}

export function describeIngressClass(ic: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ic.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ""}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, "Parameters:\n");
      if (p.apiGroup) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind}\n`);
      w.write(LEVEL_1, `Name:\t${p.name}\n`);
    }
    events(ic, ctx, w);
  });
}
