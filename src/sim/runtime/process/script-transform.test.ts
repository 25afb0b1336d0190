import { parse, serialize } from "just-bash";
import { describe, expect, it } from "vitest";
import { ScriptTransform } from "./script-transform";

function transform(script: string, opts: ConstructorParameters<typeof ScriptTransform>[0] = { stream: true }): string {
  return serialize(new ScriptTransform(opts).transform({ ast: parse(script), metadata: {} }).ast);
}

describe("ScriptTransform", () => {
  it("routes each output-producing command to the process streams, leaving substitutions, piped stdout and function bodies alone", () => {
    expect(transform("echo a | grep a; x=$(date); f() { echo in; }; f")).toBe(
      "echo a 2>> /proc/self/fd/2 | grep a >> /proc/self/fd/1 2>> /proc/self/fd/2\nx=$(date)\nf() { echo in; }\nf >> /proc/self/fd/1 2>> /proc/self/fd/2",
    );
  });

  it("keeps the user's redirections after its own, and leaves compound commands that redirect themselves", () => {
    expect(transform("echo hi > /tmp/f 2>&1")).toBe("echo hi >> /proc/self/fd/1 2>> /proc/self/fd/2 > /tmp/f 2>& 1");
    expect(transform("while true; do echo tick; sleep 1; done > /tmp/log")).toBe("while true; do\necho tick 2>> /proc/self/fd/2\nsleep 1 2>> /proc/self/fd/2\ndone > /tmp/log");
    expect(transform("while true; do echo tick; sleep 1; done")).toBe("while true; do\necho tick >> /proc/self/fd/1 2>> /proc/self/fd/2\nsleep 1 >> /proc/self/fd/1 2>> /proc/self/fd/2\ndone");
  });

  it("turns `exec cmd`, a lone -c command, `&` and $RANDOM into the runtime's forms", () => {
    expect(transform("exec nginx -g 'daemon off;'", {})).toBe("{ __podlab_exec --replace nginx -g 'daemon off;'\nexit $?; }");
    expect(transform("nginx -g 'daemon off;'", { execLoneCommand: true })).toBe("{ __podlab_exec --replace nginx -g 'daemon off;'\nexit $?; }");
    expect(transform("echo hi", { execLoneCommand: true })).toBe("echo hi");
    expect(transform("sleep 10 &", {})).toBe("__podlab_exec --background 'sleep 10'");
    expect(transform("echo $RANDOM", {})).toBe("echo $(__podlab_exec --random)");
    expect(transform("trap 'echo bye' TERM; wait", {})).toBe("__podlab_exec --builtin trap 'echo bye' TERM\n__podlab_exec --builtin wait");
  });

  it("passes positional parameters and shell options", () => {
    expect(transform("echo $1", { positional: ["a b"], options: ["e"] })).toBe("set -e\nset -- 'a b'\necho $1");
  });
});

describe("redirections of exec'd commands", () => {
  it("keeps a lone command's redirection and `exec CMD > file` writes the file, not the log", async () => {
    const { replayText } = await import("../../../../scenarios/helpers");
    const r = await replayText(
      [
        "kubectl run b --image=busybox --restart=Never --command -- sh -c 'date > /tmp/x; sleep 600'",
        "kubectl run c --image=busybox --restart=Never --command -- sh -c 'exec date > /tmp/y; echo never'",
        "sleep 5s",
        "kubectl logs b",
        "kubectl exec b -- cat /tmp/x",
        "kubectl logs c",
      ].join("\n"),
      {},
      { addons: false },
    );
    expect(r.find("kubectl logs b").stdout).toBe("");
    expect(r.find("cat /tmp/x").stdout).toMatch(/^Wed Jan {2}1 00:00:0\d UTC 2025\n$/);
    expect(r.find("kubectl logs c").stdout).toBe("");
  });
});
