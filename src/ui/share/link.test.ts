import { describe, expect, it } from "vitest";
import { decodeLink, encodeLink, fromBase64Url, linkData, LinkTooBigError, MAX_LINK_JSON_BYTES, toBase64Url } from "./link";
import { makeWorkspace, type Workspace } from "./workspace";

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n";

function workspace(over: Partial<Workspace> = {}): Workspace {
  return makeWorkspace({
    seed: 7,
    speed: 5,
    files: [{ name: "pod.yaml", text: POD }],
    active: "pod.yaml",
    inputs: [
      { at: 0, text: "kubectl apply -f -", stdin: POD, source: "apply" },
      { at: 12_000, text: "podlab node stop node-1", source: "console" },
    ],
    time: 60_500,
    console: [{ id: 1, source: "apply", text: "kubectl apply -f -", status: "done", outcome: { exitCode: 0, stdout: "pod/web created\n", stderr: "", time: "0s" } }],
    ...over,
  });
}

/** Deflates raw bytes as a link would, for links made by hand. */
async function pack(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

describe("share links", () => {
  it("round-trips a workspace without its console", async () => {
    const ws = workspace();
    const fragment = await encodeLink(ws);
    expect(fragment).toMatch(/^w=[A-Za-z0-9_-]+$/);
    const back = await decodeLink(linkData(`#${fragment}`)!);
    const { console: _dropped, ...rest } = ws;
    expect(back).toEqual(rest);
  });

  it("keeps non-ASCII text intact", async () => {
    const ws = workspace({ files: [{ name: "pod.yaml", text: `${POD}# 深入理解Pod — Под\n` }], active: undefined });
    const back = await decodeLink(linkData(await encodeLink(ws))!);
    expect(back.files[0].text).toContain("深入理解Pod — Под");
  });

  it("refuses to make a link past the limit, saying how big the workspace is", async () => {
    const big = workspace({ files: [{ name: "big.yaml", text: "x".repeat(MAX_LINK_JSON_BYTES) }] });
    await expect(encodeLink(big)).rejects.toThrow(/too big for a link: 64\.\d KiB, and a link holds at most 64\.0 KiB/);
  });

  it("stops unpacking a link that inflates past the limit", async () => {
    const bomb = await pack(JSON.stringify({ format: "podlab-workspace", pad: " ".repeat(10 * MAX_LINK_JSON_BYTES) }));
    expect(bomb.length).toBeLessThan(2000);
    await expect(decodeLink(bomb)).rejects.toBeInstanceOf(LinkTooBigError);
  });

  it("explains a cut-off or altered link", async () => {
    const data = linkData(await encodeLink(workspace()))!;
    await expect(decodeLink(data.slice(0, data.length / 2))).rejects.toThrow(/damaged/);
    await expect(decodeLink("not*base64")).rejects.toThrow(/not valid base64url/);
    await expect(decodeLink(await pack("{nope"))).rejects.toThrow(/not a workspace/);
    await expect(decodeLink(await pack(JSON.stringify({ hello: 1 })))).rejects.toThrow(/not a Podlab workspace/);
  });

  it("validates what it unpacks against the workspace schema", async () => {
    const evil = { ...workspace(), inputs: [{ at: -5, text: "kubectl get pods", source: "console" }] };
    await expect(decodeLink(await pack(JSON.stringify(evil)))).rejects.toThrow(/inputs\.0\.at/);
    const script = { ...workspace(), files: [{ name: "../../etc/x<script>", text: "" }] };
    await expect(decodeLink(await pack(JSON.stringify(script)))).rejects.toThrow(/files\.0\.name/);
  });

  it("finds the data in a fragment and nowhere else", () => {
    expect(linkData("#w=abc")).toBe("abc");
    expect(linkData("w=abc&x=1")).toBe("abc");
    expect(linkData("#other=1")).toBeUndefined();
    expect(linkData("")).toBeUndefined();
  });

  it("writes base64url without padding", () => {
    const bytes = new Uint8Array([251, 255, 191, 0, 1]);
    const text = toBase64Url(bytes);
    expect(text).toBe("-_-_AAE");
    expect([...fromBase64Url(text)]).toEqual([...bytes]);
  });
});
