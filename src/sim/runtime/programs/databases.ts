/**
 * postgres and mysql: their entrypoints refuse to initialise without a password (exit 1 with the
 * real error text), otherwise initialise the data directory (kept across restarts when it is a
 * volume), listen, and shut down on their stop signals.
 */
import type { Program, ProgramContext } from "./program";

const p2 = (n: number) => String(n).padStart(2, "0");
const stamp = (d: Date) => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;

/** Postgres initialisation and start-up pace (virtual ms). */
const PG = { initdbMs: 1800, tempServerMs: 600, startMs: 250 };
/** MySQL's first start initialises for a while before it listens. */
const MYSQL = { initMs: 14_000, startMs: 2_500 };

function pglog(ctx: ProgramContext, pid: number, msg: string): void {
  const d = ctx.date();
  ctx.err(`${stamp(d)}.${String(d.getUTCMilliseconds()).padStart(3, "0")} UTC [${pid}] LOG:  ${msg}\n`);
}

export const postgresEntrypoint: Program = {
  name: "postgres-entrypoint",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0]?.startsWith("-")) args.unshift("postgres");
    if (args[0] !== "postgres") return ctx.container.launcher.execIn(ctx, args);
    const fs = ctx.container.fs;
    const pgdata = ctx.env.PGDATA || "/var/lib/postgresql/data";
    const version = ctx.container.image.version;
    if (ctx.process.uid === 0) {
      // gosu postgres: the server runs as the postgres user.
      ctx.process.uid = 999;
      ctx.process.gid = 999;
      ctx.process.groups = [999];
    }
    if (fs.lookup(`${pgdata}/PG_VERSION`)) {
      ctx.out("\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n");
      return ctx.container.launcher.execIn(ctx, ["/usr/lib/postgresql/17/bin/postgres", ...args.slice(1)]);
    }
    if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== "trust") {
      ctx.err(
        'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n',
      );
      return 1;
    }
    ctx.out(
      'The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\nThe database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\nThe default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n' +
        `fixing permissions on existing directory ${pgdata} ... ok\ncreating subdirectories ... ok\nselecting dynamic shared memory implementation ... posix\nselecting default "max_connections" ... 100\nselecting default "shared_buffers" ... 128MB\nselecting default time zone ... Etc/UTC\ncreating configuration files ... ok\n`,
    );
    ctx.setResources(38_000_000, 600);
    await ctx.sleep(PG.initdbMs);
    ctx.out(`running bootstrap script ... ok\nperforming post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${pgdata} -l logfile start\n\n`);
    ctx.err('initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
    try {
      fs.writeText(`${pgdata}/PG_VERSION`, `${version.split(".")[0]}\n`);
    } catch {
      // A read-only data directory: initdb would have failed; keep going for the lesson's sake.
    }
    await ctx.sleep(PG.tempServerMs);
    ctx.out("waiting for server to start.... done\nserver started\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\nwaiting for server to shut down.... done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n");
    return ctx.container.launcher.execIn(ctx, ["/usr/lib/postgresql/17/bin/postgres", ...args.slice(1)]);
  },
};

export const postgres: Program = {
  name: "postgres",
  async run(ctx) {
    const version = ctx.container.image.version;
    if (ctx.argv.includes("--version") || ctx.argv.includes("-V")) {
      ctx.out(`postgres (PostgreSQL) ${version} (Debian ${version}-1.pgdg120+1)\n`);
      return 0;
    }
    if (ctx.process.uid === 0) {
      ctx.err('"root" execution of the PostgreSQL server is not permitted.\nThe server must be started under an unprivileged user ID to prevent\npossible system security compromise.  See the documentation for\nmore information on how to properly start the server.\n');
      return 1;
    }
    const pid = ctx.process.pid;
    ctx.process.argv = ["postgres"];
    await ctx.sleep(PG.startMs);
    pglog(ctx, pid, `starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`);
    pglog(ctx, pid, 'listening on IPv4 address "0.0.0.0", port 5432');
    pglog(ctx, pid, 'listening on IPv6 address "::", port 5432');
    pglog(ctx, pid, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
    pglog(ctx, pid + 26, `database system was shut down at ${stamp(ctx.date())} UTC`);
    ctx.listen(5432, { raw: () => ({ reply: "", close: false, hang: true }) });
    pglog(ctx, pid, "database system is ready to accept connections");
    ctx.setResources(24_000_000, 2);
    return ctx.untilSignal({ INT: 0, TERM: 0, QUIT: 2 }, (sig) => {
      pglog(ctx, pid, sig === 2 ? "received fast shutdown request" : sig === 15 ? "received smart shutdown request" : "received immediate shutdown request");
      pglog(ctx, pid, "aborting any active transactions");
      pglog(ctx, pid, `background worker "logical replication launcher" (PID ${pid + 29}) exited with exit code 1`);
      pglog(ctx, pid + 24, "shutting down");
      pglog(ctx, pid, "database system is shut down");
    });
  },
};

function mynote(ctx: ProgramContext, level: "Note" | "ERROR" | "Warn", msg: string): void {
  const line = `${stamp(ctx.date())}+00:00 [${level}] [Entrypoint]: ${msg}\n`;
  if (level === "ERROR") ctx.err(line);
  else ctx.out(line);
}

export const mysqlEntrypoint: Program = {
  name: "mysql-entrypoint",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0]?.startsWith("-")) args.unshift("mysqld");
    if (args[0] !== "mysqld") return ctx.container.launcher.execIn(ctx, args);
    const fs = ctx.container.fs;
    const full = `${ctx.container.image.version}-1.el9`;
    mynote(ctx, "Note", `Entrypoint script for MySQL Server ${full} started.`);
    if (ctx.process.uid === 0) {
      mynote(ctx, "Note", "Switching to dedicated user 'mysql'");
      ctx.process.uid = 999;
      ctx.process.gid = 999;
      ctx.process.groups = [999];
      mynote(ctx, "Note", `Entrypoint script for MySQL Server ${full} started.`);
    }
    const initialised = !!fs.lookup("/var/lib/mysql/mysql");
    if (!initialised) {
      if (!ctx.env.MYSQL_ROOT_PASSWORD && !ctx.env.MYSQL_ALLOW_EMPTY_PASSWORD && !ctx.env.MYSQL_RANDOM_ROOT_PASSWORD) {
        mynote(ctx, "ERROR", "Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD");
        return 1;
      }
      mynote(ctx, "Note", "Initializing database files");
      ctx.setResources(180_000_000, 900);
      await ctx.sleep(MYSQL.initMs);
      try {
        fs.mkdirp("/var/lib/mysql/mysql", true);
      } catch {
        // read-only data directory
      }
      mynote(ctx, "Note", "Database files initialized");
      mynote(ctx, "Note", "Starting temporary server");
      mynote(ctx, "Note", "Temporary server started.");
      mynote(ctx, "Note", "Stopping temporary server");
      mynote(ctx, "Note", "Temporary server stopped");
      ctx.out("\n");
      mynote(ctx, "Note", "MySQL init process done. Ready for start up.");
      ctx.out("\n");
    }
    return ctx.container.launcher.execIn(ctx, args);
  },
};

export const mysqld: Program = {
  name: "mysqld",
  async run(ctx) {
    const version = ctx.container.image.version;
    const sys = (code: string, msg: string) => {
      const d = ctx.date();
      ctx.err(`${d.toISOString().replace("Z", "000Z")} 0 [System] [${code}] [Server] ${msg}\n`);
    };
    ctx.process.argv = ["mysqld"];
    sys("MY-015015", "MySQL Server - start.");
    sys("MY-010116", `/usr/sbin/mysqld (mysqld ${version}) starting as process ${ctx.process.pid}`);
    ctx.setResources(380_000_000, 400);
    await ctx.sleep(MYSQL.startMs);
    ctx.listen(3306, { raw: () => ({ reply: `J\u0000\u0000\u0000\n${version}\u0000`, close: false }) });
    ctx.listen(33060, { raw: () => ({ reply: "", close: false, hang: true }) });
    sys("MY-010931", `/usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
    ctx.setResources(420_000_000, 5);
    return ctx.untilSignal({ TERM: 0, INT: 0 }, () => {
      sys("MY-013172", `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${version}).`);
      sys("MY-010910", `/usr/sbin/mysqld: Shutdown complete (mysqld ${version})  MySQL Community Server - GPL.`);
      sys("MY-015016", "MySQL Server - end.");
    });
  },
};
