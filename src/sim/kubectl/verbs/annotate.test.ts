import { describe, expect, it } from "vitest";
import { kubectlKit } from "./testkit";

describe("kubectl annotate", () => {
  it("annotates, refuses to overwrite, overwrites and removes", async () => {
    const k = kubectlKit();
    await k.run("create cm c");
    expect(await k.run("annotate cm c owner=alice note='hello world'")).toEqual({ exitCode: 0, stdout: "configmap/c annotated\n", stderr: "" });
    expect((await k.run("annotate cm c owner=bob note=x")).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world); 'owner' already has a value (alice)\n",
    );
    expect((await k.run("annotate cm c owner=bob --overwrite")).stdout).toBe("configmap/c annotated\n");
    expect((await k.run("annotate cm c note-")).stdout).toBe("configmap/c annotated\n");
    expect(k.cluster.api.get("ConfigMap", "default", "c").metadata.annotations).toEqual({ owner: "bob" });
    expect((await k.run("annotate cm c --list")).stdout).toBe("owner=bob\n");
  });

  it("rejects malformed pairs", async () => {
    const k = kubectlKit();
    await k.run("create cm c");
    expect((await k.run("annotate cm c a=1 a-")).stderr).toBe("error: can not both modify and remove the following annotation(s) in the same command: a\n");
    expect((await k.run("annotate cm c")).stderr).toBe("error: at least one annotation update is required\n");
    expect((await k.run("annotate cm c =x")).stderr).toBe("error: at least one annotation update is required\n");
  });
});
