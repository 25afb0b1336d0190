/**
 * The runtime's numbers as data: how long containerd takes for each step, image pull bandwidth,
 * resource baselines, and the bound that stops a shell loop that never sleeps.
 */

export const RUNTIME_DATA = {
  /** Registry bandwidth for image pulls (bytes per virtual second), and the extra time to resolve and unpack. */
  pullBytesPerSecond: 25_000_000,
  pullResolveMs: 350,
  unpackBytesPerSecond: 120_000_000,
  pullJitter: 0.2,
  /** How long a pull of a missing image takes to fail (the registry answers quickly). */
  pullNotFoundMs: 600,
  /** A registry nobody answers: the pull fails after the dial timeout. */
  pullUnreachableMs: 30_000,
  /**
   * A shell that runs this many commands without ever blocking (sleep, read, a network wait) is
   * stopped: a real one would spin at 100% CPU forever, which a simulation cannot afford.
   */
  maxCommandsWithoutBlocking: 100_000,
  /** Exit status and log line for such a process. */
  runawayExitCode: 137,
  runawayMessage:
    "podlab: stopped this process: it ran 100000 shell statements without sleeping or waiting once. A real container would spin at 100% CPU forever; add a sleep to the loop.",
  /** Memory a process uses before it allocates anything (bytes), by kind. */
  baseMemory: { shell: 400_000, tool: 250_000, native: 2_000_000 } as Record<string, number>,
  /** CPU a busy-but-idle server shows (millicores). */
  idleCpuMilli: 1,
  /** Bytes of log kept per container instance before the oldest lines are dropped (the kubelet rotates at 10Mi). */
  maxLogBytes: 10 * 1024 * 1024,
};
