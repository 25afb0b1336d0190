/**
 * Label selectors: the string form kubectl takes with `-l` ("app=nginx,tier!=db,env in (a,b),!x")
 * and the LabelSelector object manifests carry (matchLabels, matchExpressions).
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";

export type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!" };

/** A parsed selector: every requirement must hold. An empty selector matches everything. */
export interface Selector {
  requirements: Requirement[];
  /** A LabelSelector that is null/absent matches nothing, unlike an empty one. */
  matchesNothing?: boolean;
}

export class SelectorParseError extends Error {}

/** Parses kubectl's `-l` syntax. */
export function parseSelector(text: string): Selector {
  const requirements: Requirement[] = [];
  const s = text.trim();
  let i = 0;
  const skipWs = () => {
    while (i < s.length && s[i] === " ") i++;
  };
  const readKey = () => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    if (s[i] === "!") {
      i++;
      skipWs();
      const key = readKey();
      if (!key) throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ""}', expected: identifier`);
      requirements.push({ key, op: "!" });
    } else {
      const key = readKey();
      if (!key) throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ""}', expected: identifier`);
      skipWs();
      if (s.startsWith("!=", i)) {
        i += 2;
        requirements.push({ key, op: "!=", value: readValue() });
      } else if (s.startsWith("==", i)) {
        i += 2;
        requirements.push({ key, op: "=", value: readValue() });
      } else if (s[i] === "=") {
        i += 1;
        requirements.push({ key, op: "=", value: readValue() });
      } else if (/^in\s*\(/i.test(s.slice(i)) || /^notin\s*\(/i.test(s.slice(i))) {
        const op = s.slice(i, i + 5).toLowerCase() === "notin" ? "notin" : "in";
        i += op.length;
        skipWs();
        i++; // (
        const close = s.indexOf(")", i);
        if (close < 0) throw new SelectorParseError("unable to parse requirement: found '', expected: ')'");
        const values = s.slice(i, close).split(",").map((v) => v.trim()).filter((v) => v.length > 0);
        i = close + 1;
        requirements.push({ key, op, values });
      } else if (i >= s.length || s[i] === ",") {
        requirements.push({ key, op: "exists" });
      } else {
        throw new SelectorParseError(`unable to parse requirement: found '${s[i]}', expected: '=', '!=', '==', 'in', notin'`);
      }
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ",") throw new SelectorParseError(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return { requirements };

  function readValue(): string {
    skipWs();
    const start = i;
    while (i < s.length && s[i] !== "," && s[i] !== " ") i++;
    return s.slice(start, i);
  }
}

/** Converts a manifest's LabelSelector. `undefined` (no selector) matches nothing. */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Selector {
  if (!sel) return { requirements: [], matchesNothing: true };
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) requirements.push({ key, op: "=", value });
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case "In":
        requirements.push({ key: e.key, op: "in", values: e.values ?? [] });
        break;
      case "NotIn":
        requirements.push({ key: e.key, op: "notin", values: e.values ?? [] });
        break;
      case "Exists":
        requirements.push({ key: e.key, op: "exists" });
        break;
      case "DoesNotExist":
        requirements.push({ key: e.key, op: "!" });
        break;
    }
  }
  return { requirements };
}

/** A selector from a plain map (Service.spec.selector, nodeSelector): every pair must match. */
export function fromMap(map: Record<string, string> | undefined): Selector {
  return { requirements: Object.entries(map ?? {}).map(([key, value]) => ({ key, op: "=" as const, value })) };
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  if (selector.matchesNothing) return false;
  const l = labels ?? {};
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "=":
        if (!has || v !== r.value) return false;
        break;
      case "!=":
        if (has && v === r.value) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
    }
  }
  return true;
}

/** True when the selector selects everything (no requirements). */
export function isEverything(selector: Selector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

/** Formats a selector as kubectl prints it in describe ("app=nginx,tier in (a,b)"). */
export function formatSelector(selector: Selector): string {
  if (selector.matchesNothing) return "<none>";
  if (selector.requirements.length === 0) return "<none>";
  return selector.requirements
    .map((r) => {
      switch (r.op) {
        case "=":
          return `${r.key}=${r.value}`;
        case "!=":
          return `${r.key}!=${r.value}`;
        case "in":
          return `${r.key} in (${r.values.join(",")})`;
        case "notin":
          return `${r.key} notin (${r.values.join(",")})`;
        case "exists":
          return r.key;
        case "!":
          return `!${r.key}`;
      }
    })
    .join(",");
}
