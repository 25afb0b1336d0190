/** IPv4 helpers: parsing, CIDR membership. */

/** The address as a 32-bit unsigned number, or undefined when it is not dotted-quad IPv4. */
export function ipv4ToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function isIPv4(s: string): boolean {
  return ipv4ToNumber(s) !== undefined;
}

/** True when `ip` is inside `cidr` ("10.244.0.0/16"). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const a = ipv4ToNumber(ip);
  const b = ipv4ToNumber(base);
  const bits = Number(bitsText);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

/** The first host address of a CIDR (the bridge gateway of a node's pod CIDR: 10.244.1.1). */
export function gatewayOf(cidr: string): string {
  const [base] = cidr.split("/");
  const n = ipv4ToNumber(base);
  if (n === undefined) return base;
  const g = n + 1;
  return [g >>> 24, (g >>> 16) & 255, (g >>> 8) & 255, g & 255].join(".");
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host) || host === "ip6-localhost" || host === "ip6-loopback";
}
