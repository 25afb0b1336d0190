/**
 * `kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: runs a command in a running
 * container through its node's runtime (the kubelet's exec stream), prints its output, and fails as
 * kubectl does — `command terminated with exit code N`, `unable to upgrade connection: container not
 * found ("x")` for a container that is not running, `cannot exec into a container in a completed pod`.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { runtimeFor } from "../../kubelet/server";
import { kubeletTiming } from "../../kubelet/timings";
import type { ExecHandle } from "../../runtime/cri";
import { KubectlError } from "../kubectl";
import type { Verb } from "../verb";
import { defaultContainer, findSpec, resolvePod } from "./logs";
import { advanceUntil } from "./wait";

export const exec: Verb = {
  name: "exec",
  summary: "Execute a command in a container",
  usage: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
  flags: [
    { name: "container", short: "c", type: "string", help: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen" },
    { name: "stdin", short: "i", type: "bool", help: "Pass stdin to the container" },
    { name: "tty", short: "t", type: "bool", help: "Stdin is a TTY" },
    { name: "quiet", short: "q", type: "bool", help: "Only print output from the remote session" },
    { name: "filename", short: "f", type: "stringArray", default: [], help: "to use to exec into the resource" },
    { name: "pod-running-timeout", type: "string", default: "1m0s", help: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
  ],
  async run(inv) {
    if (inv.args.length === 0) throw new KubectlError("pod, type/name or --filename must be specified", 1, "See 'kubectl exec -h' for help and examples");
    if (inv.afterDash === undefined && inv.args.length > 1) {
      throw new KubectlError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead", 1, "See 'kubectl exec -h' for help and examples");
    }
    const command = inv.afterDash ?? [];
    if (command.length === 0) throw new KubectlError("you must specify at least one command for the container", 1, "See 'kubectl exec -h' for help and examples");
    const pod: Pod = resolvePod(inv, inv.args[0]);
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const quiet = inv.flag<boolean>("quiet");
    const given = inv.flag<string | undefined>("container");
    const name = given ?? defaultContainer(inv, pod, quiet);
    if (!findSpec(pod, name)) throw new KubectlError(`container ${name} not found in pod ${pod.metadata?.name}`);
    if (inv.flag<boolean>("tty") && !inv.flag<boolean>("stdin") && !quiet) inv.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");

    const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === name);
    const rt = runtimeFor(inv.cluster, pod);
    const id = cs?.containerID?.replace(/^[a-z]+:\/\//, "");
    const info = id ? rt?.containerStatus(id) : undefined;
    if (!rt || !id || !cs?.state?.running || info?.state !== "running") throw new KubectlError(`unable to upgrade connection: container not found ("${name}")`);

    const clock = inv.cluster.clock;
    if (clock.isRunning) throw new KubectlError("exec cannot run while the clock is running");
    let handle: ExecHandle | undefined;
    const stdin = inv.flag<boolean>("stdin") ? inv.stdin : undefined;
    // The command's process runs only inside a clock callback (see runtime/cri.ts).
    clock.after(0, () => {
      handle = rt.exec(id, command, stdin !== undefined ? { stdin } : {});
      return handle.settled;
    }, `kubectl exec ${pod.metadata?.name}`);
    const bound = kubeletTiming(inv.cluster, "streamBound");
    await advanceUntil(inv, () => handle?.result !== undefined, bound);
    if (!handle) return 1;
    if (handle.result === undefined) {
      // Headless, a command that never ends is interrupted as Ctrl+C would.
      clock.after(0, () => handle!.kill(), "kubectl exec interrupted");
      await clock.advance(0);
    }
    const r = handle.result ?? { exitCode: 130, stdout: "", stderr: "", timedOut: true };
    if (r.startError) {
      const execId = inv.cluster.random.hex(64);
      throw new KubectlError(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": ${r.startError}`);
    }
    if (r.stdout) inv.out(r.stdout);
    if (r.stderr) inv.err(r.stderr);
    if (r.exitCode !== 0) {
      inv.err(`command terminated with exit code ${r.exitCode}\n`);
      return r.exitCode;
    }
    return 0;
  },
};
