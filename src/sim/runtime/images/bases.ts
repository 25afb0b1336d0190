/**
 * The base root filesystems images build on: busybox, Alpine (busybox userland, musl), Debian
 * (GNU userland, dash as /bin/sh, bash), and scratch/distroless images without a shell.
 */
import type { BaseDef, FileSpec } from "./types";

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Tools both userlands ship (implemented by just-bash or the runtime's own commands). */
const COMMON_TOOLS = [
  "awk", "base64", "basename", "cat", "chmod", "chown", "cp", "cut", "date", "df", "diff", "dirname", "du", "echo",
  "env", "expr", "false", "find", "grep", "egrep", "fgrep", "gunzip", "gzip", "head", "hostname", "id", "kill",
  "ln", "ls", "md5sum", "mkdir", "mktemp", "mv", "nproc", "od", "printenv", "printf", "pwd", "readlink", "rm", "rmdir", "sed",
  "seq", "sha1sum", "sha256sum", "sleep", "sort", "stat", "tac", "tail", "tar", "tee", "timeout", "touch", "tr", "true",
  "uname", "uniq", "wc", "which", "whoami", "xargs", "yes", "zcat", "nl", "paste", "tr", "rev", "fold", "split", "comm", "test", "[",
];

/** busybox applets on top of the common tools. */
const BUSYBOX_APPLETS = [...COMMON_TOOLS, "sh", "ash", "busybox", "free", "ifconfig", "ip", "killall", "mount", "nc", "netstat", "nslookup", "pidof", "ping", "ps", "top", "uptime", "watch", "wget", "less", "more", "vi", "su", "getent", "usleep"];

const BUSYBOX_PASSWD =
  "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n";
const BUSYBOX_GROUP =
  "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nwheel:x:10:root\nmail:x:12:\nwww-data:x:33:\nusers:x:100:\nnogroup:x:65534:\n";

const ALPINE_PASSWD =
  "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\noperator:x:11:0:operator:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n";
const ALPINE_GROUP =
  "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nmail:x:12:mail\nnews:x:13:news\nusers:x:100:\nnogroup:x:65533:\nnobody:x:65534:\n";

const DEBIAN_PASSWD =
  "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
const DEBIAN_GROUP =
  "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nwww-data:x:33:\nbackup:x:34:\nstaff:x:50:\nusers:x:100:\nnogroup:x:65534:\n";

const DIRS = (...paths: string[]): Record<string, FileSpec> => Object.fromEntries(paths.map((p) => [p, { dir: true as const }]));

export const BASES: Record<string, BaseDef> = {
  busybox: {
    name: "busybox",
    userland: "busybox",
    sh: "ash",
    env: { PATH },
    toolDir: "/bin",
    tools: BUSYBOX_APPLETS,
    files: {
      ...DIRS("/bin", "/dev", "/etc", "/home", "/lib", "/root", "/usr", "/usr/sbin", "/usr/bin", "/var", "/var/spool", "/var/www"),
      "/tmp": { dir: true, mode: 0o1777 },
      "/root": { dir: true, mode: 0o700 },
      "/etc/passwd": BUSYBOX_PASSWD,
      "/etc/group": BUSYBOX_GROUP,
      "/etc/shadow": { content: "root:*::0:::::\n", mode: 0o600 },
      "/etc/localtime": "UTC0\n",
      "/etc/network/if-up.d/.keep": "",
    },
  },
  alpine: {
    name: "alpine",
    userland: "busybox",
    sh: "ash",
    env: { PATH },
    toolDir: "/bin",
    tools: [...BUSYBOX_APPLETS, "apk"],
    files: {
      ...DIRS("/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/run", "/sbin", "/srv", "/sys", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/sbin", "/usr/share", "/var", "/var/cache", "/var/log", "/etc/apk"),
      "/tmp": { dir: true, mode: 0o1777 },
      "/root": { dir: true, mode: 0o700 },
      "/etc/passwd": ALPINE_PASSWD,
      "/etc/group": ALPINE_GROUP,
      "/etc/shadow": { content: "root:*::0:::::\n", mode: 0o640 },
      "/etc/alpine-release": "3.21.2\n",
      "/etc/os-release":
        'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
      "/etc/apk/repositories": "https://dl-cdn.alpinelinux.org/alpine/v3.21/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.21/community\n",
      "/etc/shells": "# valid login shells\n/bin/sh\n/bin/ash\n",
    },
  },
  debian: {
    name: "debian",
    userland: "gnu",
    sh: "dash",
    env: { PATH },
    toolDir: "/usr/bin",
    tools: [...COMMON_TOOLS, "sh", "dash", "bash", "apt-get", "apt"],
    files: {
      ...DIRS("/boot", "/dev", "/etc", "/home", "/media", "/mnt", "/opt", "/proc", "/run", "/srv", "/sys", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/share", "/var", "/var/cache", "/var/lib", "/var/log", "/var/www", "/etc/apt"),
      "/bin": { symlink: "usr/bin" },
      "/sbin": { symlink: "usr/sbin" },
      "/lib": { symlink: "usr/lib" },
      "/tmp": { dir: true, mode: 0o1777 },
      "/root": { dir: true, mode: 0o700 },
      "/etc/passwd": DEBIAN_PASSWD,
      "/etc/group": DEBIAN_GROUP,
      "/etc/shadow": { content: "root:*:20089:0:99999:7:::\n", mode: 0o640 },
      "/etc/debian_version": "12.8\n",
      "/etc/os-release":
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
      "/etc/shells": "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n",
    },
  },
  scratch: { name: "scratch", userland: "none", env: { PATH }, toolDir: "/bin", tools: [], files: {} },
  distroless: {
    name: "distroless",
    userland: "none",
    env: { PATH },
    toolDir: "/bin",
    tools: [],
    files: {
      ...DIRS("/etc", "/home", "/var"),
      "/tmp": { dir: true, mode: 0o1777 },
      "/root": { dir: true, mode: 0o700 },
      "/etc/passwd": "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
      "/etc/group": "root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n",
    },
  },
};
