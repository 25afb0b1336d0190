/**
 * client-go's JSONPath evaluator on JSON data: findResults walks the parsed template (ranges included)
 * and execute prints the results as kubectl does — values of one expression separated by spaces,
 * maps and lists as compact JSON, scalars as Go's fmt prints them, JSON null as "null".
 *
 * Map keys are visited in sorted order where Go visits them in map order (wildcards, `..`), which is
 * one of the orders a real kubectl may print.
 */
import { utf8Encode } from "../../util/base64";
import { goFloat, goNumber, goV } from "../printers/gofmt";
import { marshalJSON, printJSON } from "../printers/json";
import { compare, ComparisonError, GoByte, GoFloat, GoInt } from "./compare";
import { parseJSONPath, type ListNode, type Node } from "./parser";

/** An evaluation error, with client-go's message. */
export class JSONPathExecError extends Error {}

export interface JSONPathOptions {
  /** A missing key gives no result instead of the error "<key> is not found". */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: print every result set as one indented JSON array. */
  outputJSON?: boolean;
}

/** A parsed template, ready to run on data. */
export class JSONPath {
  private readonly root: ListNode;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  /** Throws JSONPathParseError for bad syntax. */
  constructor(
    template: string,
    private readonly options: JSONPathOptions = {},
  ) {
    this.root = parseJSONPath(template);
  }

  /** Every result set, one per top-level expression or text (ranges expand to one per iteration). */
  findResults(data: unknown): unknown[][] {
    this.beginRange = this.inRange = this.endRange = 0;
    this.lastEndNode = -1;
    return this.find(data, 0);
  }

  /** Runs the template and returns what kubectl prints. */
  execute(data: unknown): string {
    let out = "";
    for (const results of this.findResults(data)) out += this.printResults(results);
    return out;
  }

  private find(data: unknown, start: number): unknown[][] {
    const nodes = this.root.nodes;
    const cur = [data];
    const full: unknown[][] = [];
    for (let i = start; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const v of results) full.push(...this.find(v, i + 1));
        } else {
          // The nodes inside an empty range still run, so the position reaches the matching end.
          this.find(null, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private printResults(results: unknown[]): string {
    if (this.options.outputJSON) return printJSON(results.map(plain));
    let out = "";
    results.forEach((r, i) => {
      out += isComposite(r) ? marshalJSON(r) : text(r);
      if (i !== results.length - 1) out += " ";
    });
    return out;
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case "list":
        return this.evalList(input, node);
      case "text":
        return [node.text];
      case "field":
        return this.evalField(input, node.value);
      case "array":
        return this.evalArray(input, node.params);
      case "filter":
        return this.evalFilter(input, node);
      case "int":
        return input.map(() => new GoInt(node.value));
      case "float":
        return input.map(() => new GoFloat(node.value));
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return input.flatMap((v) => children(v));
      case "recursive":
        return this.evalRecursive(input);
      case "union":
        return node.nodes.flatMap((l) => this.evalList(input, l));
      case "identifier":
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], node: ListNode): unknown[] {
    let cur = input;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === "range") {
      this.beginRange++;
      return input;
    }
    if (name === "end") {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JSONPathExecError("not in range, nothing to end");
    }
    throw new JSONPathExecError(`unrecognized identifier ${name}`);
  }

  private evalField(input: unknown[], key: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined) results.push(v[key]);
    }
    if (results.length === 0 && !this.options.allowMissingKeys) throw new JSONPathExecError(`${key} is not found`);
    return results;
  }

  private evalArray(input: unknown[], params: readonly { value: number; known: boolean; derived: boolean }[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new JSONPathExecError(`${goTypeName(value)} is not array or slice`);
      const len = value.length;
      const p = params.map((x) => ({ ...x }));
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value === p[0].value) return result;
      if (p[0].value >= len || p[0].value < 0) throw new JSONPathExecError(`array index out of bounds: index ${p[0].value}, length ${len}`);
      if (p[1].value > len || p[1].value < 0) throw new JSONPathExecError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
      if (p[0].value > p[1].value) throw new JSONPathExecError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JSONPathExecError("step must be > 0");
        step = p[2].value;
      }
      const slice = value.slice(p[0].value, p[1].value);
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Extract<Node, { type: "filter" }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JSONPathExecError(`${goV(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        const temp = [item];
        let lefts: unknown[] = [];
        let leftErr: unknown;
        try {
          lefts = this.evalList(temp, node.left);
        } catch (e) {
          leftErr = e;
        }
        if (node.operator === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (leftErr) throw leftErr;
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JSONPathExecError("can only compare one element at a time");
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JSONPathExecError("can only compare one element at a time");
        let pass: boolean;
        try {
          pass = compare(node.operator, lefts[0], rights[0]);
        } catch (e) {
          if (e instanceof ComparisonError) throw new JSONPathExecError(e.message);
          throw e;
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof GoFloat) && !(v instanceof GoInt) && !(v instanceof GoByte);
}

function isComposite(v: unknown): boolean {
  return Array.isArray(v) || isMap(v);
}

/** The elements of a map (sorted keys), a list, or a string's bytes, as wildcards and `..` see them. */
function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => v[k]);
  if (typeof v === "string") return [...utf8Encode(v)].map((b) => new GoByte(b));
  return [];
}

/** fmt.Fprint of a scalar result. */
function text(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof GoFloat) return goFloat(v.value);
  if (v instanceof GoInt || v instanceof GoByte) return String(v.value);
  if (typeof v === "number") return goNumber(v);
  return String(v);
}

/** Literal wrappers back to plain JSON values (for JSON output). */
function plain(v: unknown): unknown {
  if (v instanceof GoFloat || v instanceof GoInt || v instanceof GoByte) return v.value;
  return v;
}

/** The Go type of a JSON value as unstructured content holds it. */
export function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (v instanceof GoFloat) return "float64";
  if (v instanceof GoInt) return "int";
  if (v instanceof GoByte) return "uint8";
  if (isMap(v)) return "map[string]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return "interface {}";
}
