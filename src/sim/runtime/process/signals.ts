/**
 * Linux signals as containers meet them: numbers, names, and what happens when a process has no
 * handler. PID 1 of a PID namespace is special: the kernel drops signals it has no handler for
 * (except SIGKILL), which is why a shell as PID 1 ignores SIGTERM and the kubelet's grace period runs
 * out.
 */

export const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  POLL: 29,
  PWR: 30,
  SYS: 31,
};

/** Signals whose default action is to ignore (or only stop/continue, which the sim does not model). */
const DEFAULT_IGNORED = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

/** The signal number for "TERM", "SIGTERM", "15"; undefined when unknown. */
export function signalNumber(name: string): number | undefined {
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n >= 0 && n <= 64 ? n : undefined;
  }
  const key = name.toUpperCase().replace(/^SIG/, "");
  return SIGNALS[key];
}

/** "TERM" for 15. */
export function signalName(n: number): string {
  for (const [k, v] of Object.entries(SIGNALS)) if (v === n) return k;
  return String(n);
}

/** True when an unhandled signal terminates a process (not PID 1). */
export function terminatesByDefault(sig: number): boolean {
  return sig !== 0 && !DEFAULT_IGNORED.has(sig);
}

/** The exit status a process killed by `sig` reports: 128 + signal number (137 for SIGKILL). */
export function killedStatus(sig: number): number {
  return 128 + sig;
}
