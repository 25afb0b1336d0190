/**
 * Virtual time as the time controls print it: hours, minutes, seconds and tenths since the cluster
 * started ("00:01:30.2"), and days when a lesson runs that long ("3d 04:00:00.0").
 */
export function formatClock(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 100));
  const tenths = t % 10;
  const s = Math.floor(t / 10);
  const days = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${pad(h)}:${pad(m)}:${pad(sec)}.${tenths}`;
  return days > 0 ? `${days}d ${hms}` : hms;
}

/** A countdown in whole seconds, as the kubelet's messages write durations ("12s", "1m5s"). */
export function formatSeconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
