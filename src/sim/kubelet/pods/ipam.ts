/**
 * Ipam: the host-local IPAM of a node's CNI plugin — pod IPs from the node's podCIDR
 * (10.244.N.0/24), handed out in order after the last one given (so a freed address is not reused
 * at once), never two pods the same address.
 */
export class Ipam {
  private inUse = new Set<number>();
  private last = 1;
  private base = 0;
  private size = 256;

  constructor(cidr: string) {
    this.setCIDR(cidr);
  }

  setCIDR(cidr: string): void {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!m) return;
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number);
    const bits = Number(m[5]);
    this.size = 2 ** (32 - bits);
    this.base = (((a << 24) >>> 0) + (b << 16) + (c << 8) + d) >>> 0;
  }

  /** The next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    // .0 is the network, .1 the gateway, the last the broadcast address.
    for (let i = 0; i < this.size - 3; i++) {
      let n = this.last + 1 + i;
      if (n > this.size - 2) n = ((n - 2) % (this.size - 3)) + 2;
      if (this.inUse.has(n)) continue;
      this.inUse.add(n);
      this.last = n;
      return this.format(this.base + n);
    }
    return undefined;
  }

  release(ip: string): void {
    const parts = ip.split(".").map(Number);
    if (parts.length !== 4) return;
    const n = ((((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3]) >>> 0) - this.base;
    this.inUse.delete(n);
  }

  get used(): number {
    return this.inUse.size;
  }

  private format(n: number): string {
    return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
  }
}
