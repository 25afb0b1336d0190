/**
 * redis: the entrypoint (drops to the redis user), redis-server's start-up banner, a tiny in-memory
 * store speaking RESP on 6379 (PING, ECHO, SET, GET, DEL, INCR, KEYS, DBSIZE), redis-cli, and the
 * SIGTERM shutdown that saves an RDB file and says goodbye.
 */
import type { Program, ProgramContext } from "./program";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function rlog(ctx: ProgramContext, role: "C" | "M", mark: "*" | "#", msg: string): void {
  const d = ctx.date();
  ctx.out(`${ctx.process.pid}:${role} ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, "0")} ${mark} ${msg}\n`);
}

/** Per-pod stores, so redis-cli in the same pod sees the server's keys. */
const stores = new WeakMap<object, Map<string, string>>();

function respond(store: Map<string, string>, cmd: string[]): string {
  const [name = "", ...args] = cmd;
  switch (name.toUpperCase()) {
    case "PING":
      return args[0] ? `$${args[0].length}\r\n${args[0]}\r\n` : "+PONG\r\n";
    case "ECHO":
      return `$${(args[0] ?? "").length}\r\n${args[0] ?? ""}\r\n`;
    case "SET":
      store.set(args[0], args[1] ?? "");
      return "+OK\r\n";
    case "GET": {
      const v = store.get(args[0]);
      return v === undefined ? "$-1\r\n" : `$${v.length}\r\n${v}\r\n`;
    }
    case "DEL": {
      let n = 0;
      for (const k of args) if (store.delete(k)) n++;
      return `:${n}\r\n`;
    }
    case "INCR": {
      const v = Number(store.get(args[0]) ?? "0") + 1;
      store.set(args[0], String(v));
      return `:${v}\r\n`;
    }
    case "DBSIZE":
      return `:${store.size}\r\n`;
    case "KEYS":
      return `*${store.size}\r\n${[...store.keys()].map((k) => `$${k.length}\r\n${k}\r\n`).join("")}`;
    default:
      return `-ERR unknown command '${name}', with args beginning with: ${args.map((a) => `'${a}' `).join("")}\r\n`;
  }
}

function parseCommand(data: string): string[] {
  if (data.startsWith("*")) return data.split("\r\n").filter((_l, i) => i > 0 && i % 2 === 0);
  return data.trim().split(/\s+/);
}

export const redisServer: Program = {
  name: "redis-server",
  async run(ctx) {
    const version = ctx.container.image.version;
    if (ctx.argv.includes("--version") || ctx.argv.includes("-v")) {
      ctx.out(`Redis server v=${version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=1234567890abcdef\n`);
      return 0;
    }
    const portIdx = ctx.argv.indexOf("--port");
    const port = portIdx > 0 ? Number(ctx.argv[portIdx + 1]) : 6379;
    const store = new Map<string, string>();
    stores.set(ctx.container.netns, store);
    rlog(ctx, "C", "#", "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.");
    rlog(ctx, "C", "*", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
    rlog(ctx, "C", "*", `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=${ctx.process.pid}, just started`);
    rlog(ctx, "C", "#", "Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf");
    rlog(ctx, "M", "*", "monotonic clock: POSIX clock_gettime");
    rlog(ctx, "M", "*", `Running mode=standalone, port=${port}.`);
    rlog(ctx, "M", "*", "Server initialized");
    ctx.listen(port, { raw: (data) => ({ reply: respond(store, parseCommand(data)), close: false }) });
    rlog(ctx, "M", "*", "Ready to accept connections tcp");
    ctx.setResources(3_600_000, 2);
    return ctx.untilSignal({ TERM: 0, INT: 0 }, (sig) => {
      ctx.out(`${ctx.process.pid}:signal-handler (${Math.floor(ctx.date().getTime() / 1000)}) Received SIG${sig === 15 ? "TERM" : "INT"} scheduling shutdown...\n`);
      rlog(ctx, "M", "*", "User requested shutdown...");
      rlog(ctx, "M", "*", "Saving the final RDB snapshot before exiting.");
      try {
        ctx.container.fs.writeText(`${ctx.cwd}/dump.rdb`, "REDIS0011");
      } catch {
        // not writable
      }
      rlog(ctx, "M", "*", "DB saved on disk");
      rlog(ctx, "M", "#", "Redis is now ready to exit, bye bye...");
    });
  },
};

export const redisCli: Program = {
  name: "redis-cli",
  async run(ctx) {
    const args = [...ctx.argv.slice(1)];
    let host = "127.0.0.1";
    let port = 6379;
    for (let i = 0; i < args.length; ) {
      if (args[i] === "-h") [host] = args.splice(i, 2).slice(1);
      else if (args[i] === "-p") port = Number(args.splice(i, 2)[1]);
      else i++;
    }
    const dial = ctx.container.net.dial(ctx.container.netns, host, port, { timeoutMs: 5000 });
    if (!dial.ok) {
      ctx.err(`Could not connect to Redis at ${host}:${port}: ${dial.error === "refused" ? "Connection refused" : "Connection timed out"}\n`);
      return 1;
    }
    if (args.length === 0) return 0;
    const reply = dial.listener.raw?.(args.join(" ") + "\r\n", dial.source).reply ?? "";
    const out = reply.startsWith("+") ? reply.slice(1).trim() : reply.startsWith(":") ? `(integer) ${reply.slice(1).trim()}` : reply.startsWith("$-1") ? "(nil)" : reply.startsWith("$") ? `"${reply.split("\r\n")[1]}"` : reply.startsWith("-") ? `(error) ${reply.slice(1).trim()}` : reply;
    ctx.out(`${out.replace(/^"(PONG)"$/, "$1")}\n`);
    return 0;
  },
};

export const redisEntrypoint: Program = {
  name: "redis-entrypoint",
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0]?.startsWith("-") || args[0]?.endsWith(".conf")) args.unshift("redis-server");
    if (args.length === 0) return Promise.resolve(0);
    if (args[0] === "redis-server" && ctx.process.uid === 0) {
      // gosu redis: the server runs as the redis user.
      ctx.process.uid = 999;
      ctx.process.gid = 999;
      ctx.process.groups = [999];
    }
    return ctx.container.launcher.execIn(ctx, args);
  },
};
