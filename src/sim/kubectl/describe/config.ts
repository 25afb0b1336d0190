/**
 * describe for the configuration and namespace-level kinds: ConfigMap (Data / BinaryData), Secret
 * (sizes, never values), Namespace (with its quotas and limit ranges), ServiceAccount, LimitRange,
 * ResourceQuota and PriorityClass.
 */
import { base64DecodedLength } from "../../util/base64";
import { canonicalQuantity } from "../../api/quantity";
import type { KObject } from "../../api/types";
import { rfc1123z } from "../printers/duration";
import { formatLabels } from "../printers/selectors";
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from "./prefix-writer";


function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function describeConfigMap(cm: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", cm.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
    w.write(LEVEL_0, "\nData\n====\n");
    const data: Record<string, string> = cm.data ?? {};
    for (const k of Object.keys(data).sort()) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k]}\n`);
      w.write(LEVEL_0, "\n");
    }
    w.write(LEVEL_0, "\nBinaryData\n====\n");
    const binary: Record<string, string> = cm.binaryData ?? {};
    for (const k of Object.keys(binary).sort()) w.write(LEVEL_0, `${k}: ${base64DecodedLength(binary[k])} bytes\n`);
    w.write(LEVEL_0, "\n");
    if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, cm), w, ctx.clock);
  });
}

export function describeSecret(secret: KObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", secret.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", secret.metadata.annotations);
    const type = secret.type ?? "Opaque";
    w.write(LEVEL_0, `\nType:\t${type}\n`);
    w.write(LEVEL_0, "\nData\n====\n");
    const sizes = new Map<string, number>();
    for (const [k, v] of Object.entries((secret.data ?? {}) as Record<string, string>)) sizes.set(k, base64DecodedLength(v));
    for (const [k, v] of Object.entries((secret.stringData ?? {}) as Record<string, string>)) sizes.set(k, utf8Length(v));
    for (const k of [...sizes.keys()].sort()) {
      if (k === "token" && type === "kubernetes.io/service-account-token") w.write(LEVEL_0, `${k}:\t${decodeAscii(secret.data?.[k] ?? "")}\n`);
      else w.write(LEVEL_0, `${k}:\t${sizes.get(k)} bytes\n`);
    }
  });
}

function decodeAscii(b64: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const c of b64.replace(/=+$/, "")) {
    const i = alphabet.indexOf(c);
    if (i < 0) continue;
    buffer = (buffer << 6) | i;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

export function describeNamespace(ns: KObject, ctx: DescribeContext): string {
  const quotas = ctx.cluster.store.list("ResourceQuota", ns.metadata.name).sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  const limitRanges = ctx.cluster.store.list("LimitRange", ns.metadata.name);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ns.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? (ns.metadata.deletionTimestamp ? "Terminating" : "Active")}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
    }
    w.write(LEVEL_0, "\n");
    if (quotas.length === 0) {
      w.write(LEVEL_0, "No resource quota.\n");
    } else {
      w.write(LEVEL_0, "Resource Quotas\n");
      for (const q of quotas) {
        w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
        quotaScopes(q, w, LEVEL_1, "* ");
        w.write(LEVEL_1, "Resource\tUsed\tHard\n");
        w.write(LEVEL_1, "--------\t---\t---\n");
        const hard: Record<string, string> = q.status?.hard ?? {};
        for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${quantity(q.status?.used?.[r] ?? "0")}\t${quantity(hard[r])}\n`);
      }
    }
    w.write(LEVEL_0, "\n");
    if (limitRanges.length === 0) {
      w.write(LEVEL_0, "No LimitRange resource.\n");
    } else {
      w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
      w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
      for (const lr of limitRanges) limitRangeRows(lr, " ", w);
    }
  });
}

function quantity(q: unknown): string {
  return canonicalQuantity(q) ?? String(q);
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort: "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort: "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

function quotaScopes(q: KObject, w: PrefixWriter, level: number, bullet: string): void {
  const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length === 0) return;
  w.write(level, `Scopes:\t${scopes.join(", ")}\n`);
  for (const s of scopes) if (SCOPE_HELP[s]) w.write(level, `${bullet}${SCOPE_HELP[s]}\n`);
}

function limitRangeRows(lr: KObject, prefix: string, w: PrefixWriter): void {
  for (const item of lr.spec?.limits ?? []) {
    const sets: Record<string, Record<string, string>> = { max: item.max ?? {}, min: item.min ?? {}, def: item.default ?? {}, req: item.defaultRequest ?? {}, ratio: item.maxLimitRequestRatio ?? {} };
    const names = new Set(Object.values(sets).flatMap((s) => Object.keys(s)));
    for (const k of [...names].sort()) {
      const v = (s: Record<string, string>) => (s[k] !== undefined ? quantity(s[k]) : "-");
      w.write(LEVEL_0, `${prefix}${item.type}\t${k}\t${v(sets.min)}\t${v(sets.max)}\t${v(sets.req)}\t${v(sets.def)}\t${v(sets.ratio)}\n`);
    }
  }
}

export function describeLimitRange(lr: KObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace}\n`);
    w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    limitRangeRows(lr, "", w);
  });
}

export function describeResourceQuota(q: KObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace}\n`);
    quotaScopes(q, w, LEVEL_0, " * ");
    w.write(LEVEL_0, "Resource\tUsed\tHard\n");
    w.write(LEVEL_0, "--------\t----\t----\n");
    const hard: Record<string, string> = q.status?.hard ?? {};
    for (const r of Object.keys(hard).sort()) w.write(LEVEL_0, `${r}\t${quantity(q.status?.used?.[r] ?? "0")}\t${quantity(hard[r])}\n`);
  });
}

export function describeServiceAccount(sa: KObject, ctx: DescribeContext): string {
  const secrets = ctx.cluster.store.list("Secret", sa.metadata.namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter(
    (s) => s.type === "kubernetes.io/service-account-token" && s.metadata.annotations?.["kubernetes.io/service-account.name"] === sa.metadata.name && s.metadata.annotations?.["kubernetes.io/service-account.uid"] === sa.metadata.uid,
  );
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", sa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sa.metadata.annotations);
    const groups: [string, string[]][] = [
      ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((s: { name: string }) => s.name)],
      ["Mountable secrets: ", (sa.secrets ?? []).map((s: { name: string }) => s.name)],
      ["Tokens:            ", tokens.map((s) => s.metadata.name ?? "")],
    ];
    for (const [header, names] of groups) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${existing.has(n) ? "" : " (not found)"}\n`);
        prefix = "                   ";
      }
    }
    if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, sa), w, ctx.clock);
  });
}

export function describePriorityClass(pc: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? "PreemptLowerPriority"}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ""}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, pc), w, ctx.clock);
  });
}
