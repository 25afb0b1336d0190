/** IPv4 helpers: parsing, CIDR membership. */

/** The address as a 32-bit unsigned number, or undefined when it is not dotted-quad IPv4. */
export function ipv4ToNumber(ip: string): number | undefined {
  // Four groups of one to three digits, each at most 255, read without a regular expression: every
  // packet the fabric routes goes through here.
  let n = 0;
  let i = 0;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (ip.charCodeAt(i) !== 46) return undefined;
      i++;
    }
    let value = 0;
    let digits = 0;
    for (; digits < 3 && i < ip.length; digits++, i++) {
      const c = ip.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      value = value * 10 + c;
    }
    if (digits === 0 || value > 255) return undefined;
    n = n * 256 + value;
  }
  return i === ip.length ? n : undefined;
}

/** The dotted-quad form of a 32-bit unsigned number. */
export function numberToIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
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
  let gateway = gateways.get(cidr);
  if (gateway === undefined) {
    const [base] = cidr.split("/");
    const n = ipv4ToNumber(base);
    gateway = n === undefined ? base : numberToIpv4(n + 1);
    gateways.set(cidr, gateway);
  }
  return gateway;
}

/** Gateways by CIDR: a node's is asked for on every host-to-pod connection (each HTTP probe). */
const gateways = new Map<string, string>();

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.") || host === "ip6-localhost" || host === "ip6-loopback";
}
