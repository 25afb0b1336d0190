import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("configmap and secret strategies", () => {
  it("validates keys", () => {
    expect(statusError(() => testApi().create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "a b": "x" } }, { actor: "kubectl" })).message).toBe(
      "ConfigMap \"c\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  });

  it("defaults Opaque and folds stringData into base64 data", () => {
    const s = testApi().create({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "YQ==" }, stringData: { password: "pässword", a: "b" } }, { actor: "kubectl" });
    expect(s.type).toBe("Opaque");
    expect(s.data).toEqual({ a: "Yg==", password: "cMOkc3N3b3Jk" });
    expect(s.stringData).toBeUndefined();
  });

  it("requires the keys of typed secrets and keeps immutable data fixed", () => {
    expect(statusError(() => testApi().create({ apiVersion: "v1", kind: "Secret", metadata: { name: "t" }, type: "kubernetes.io/tls", data: {} }, { actor: "kubectl" })).message).toBe(
      'Secret "t" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    const api = testApi();
    const cm = api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, immutable: true, data: { a: "1" } }, { actor: "kubectl" });
    expect(statusError(() => api.update({ ...cm, data: { a: "2" } }, { actor: "kubectl" })).message).toBe('ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });
});
