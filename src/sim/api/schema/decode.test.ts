import { describe, expect, it } from "vitest";
import { decodeObject, invalidBase64At } from "./decode";
import { kindType } from "./known-fields";

const pod = kindType("v1", "Pod")!;
const decode = (obj: Record<string, unknown>) => decodeObject(obj, pod);

describe("decodeObject", () => {
  it("collects unknown fields in document order with strict-decoding paths and drops them", () => {
    const obj = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", labelz: {} }, spec: { containers: [{ name: "c", imagee: "x", image: "nginx" }], foo: 1 } };
    expect(decode(obj).unknownFields).toEqual(["metadata.labelz", "spec.containers[0].imagee", "spec.foo"]);
    expect(obj.spec).toEqual({ containers: [{ name: "c", image: "nginx" }] });
  });

  it("reports the first wrong type as encoding/json does", () => {
    expect(decode({ spec: { containers: "x" } }).error).toBe("json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container");
    expect(decode({ metadata: { labels: { app: 1 } } }).error).toBe("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
    expect(decode({ spec: { containers: [{ name: "c", ports: [{ containerPort: "80" }] }] } }).error).toBe(
      "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
    );
    expect(decode({ spec: { containers: [{ name: "c", ports: [{ containerPort: 1.5 }] }] } }).error).toBe(
      "json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
    );
    expect(decode({ spec: { restartPolicy: 3 } }).error).toBe("json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy");
    expect(decode({ spec: "x" }).error).toBe("json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec");
    expect(decode({ spec: { containers: [{ livenessProbe: { httpGet: { port: true } } }] } }).error).toBe("json: cannot unmarshal bool into Go value of type int32");
  });

  it("canonicalizes quantities, rounding resource lists to milli precision", () => {
    const obj = { spec: { containers: [{ name: "c", resources: { limits: { cpu: 0.5, memory: "129e6" }, requests: { cpu: "0.0001" } } }] } };
    expect(decode(obj).error).toBeUndefined();
    expect(obj.spec.containers[0].resources).toEqual({ limits: { cpu: "500m", memory: "129e6" }, requests: { cpu: "1m" } });
    expect(decode({ spec: { containers: [{ resources: { limits: { memory: "1Gb" } } }] } }).error).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it("drops nulls and checks base64 of Secret data", () => {
    const obj = { metadata: { name: "p", annotations: null }, spec: { nodeName: null } };
    decode(obj);
    expect(obj).toEqual({ metadata: { name: "p" }, spec: {} });
    // Fields after a dropped one keep their order (the struct is rebuilt, not pruned in place).
    const ordered = { spec: { restartPolicy: "Never", nodeName: null, dnsPolicy: "Default", bogus: 1, schedulerName: "s" } };
    decode(ordered);
    expect(Object.keys(ordered.spec)).toEqual(["restartPolicy", "dnsPolicy", "schedulerName"]);
    const secret = kindType("v1", "Secret")!;
    expect(decodeObject({ data: { a: "aGVsbG8=" } }, secret).error).toBeUndefined();
    expect(decodeObject({ data: { a: "hello!" } }, secret).error).toBe("illegal base64 data at input byte 5");
    expect(invalidBase64At("abc")).toBe(0);
    expect(invalidBase64At("YQ==")).toBeUndefined();
  });
});
