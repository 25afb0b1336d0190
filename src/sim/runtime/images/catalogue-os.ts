/** Catalogue: operating-system and tool images (busybox, alpine, ubuntu, debian, curl). */
import type { ImageDef } from "./types";

export const OS_IMAGES: ImageDef[] = [
  {
    repository: "docker.io/library/busybox",
    tags: ["latest", "stable", "musl", "glibc", "uclibc", "1(\\.3[0-7])?(\\.\\d+)?(-(musl|glibc|uclibc))?", "1\\.2\\d(\\.\\d+)?(-(musl|glibc|uclibc))?"],
    sizeBytes: 2_167_176,
    base: "busybox",
    cmd: ["sh"],
    versions: [{ tag: ".*", version: "1.37.0" }],
    summary: "busybox sh with its applets (wget, nc, nslookup, ps, id, top, ...); `sh` with no stdin exits at once",
  },
  {
    repository: "docker.io/library/alpine",
    tags: ["latest", "edge", "3(\\.\\d{1,2})?(\\.\\d+)?"],
    sizeBytes: 3_652_537,
    base: "alpine",
    cmd: ["/bin/sh"],
    versions: [{ tag: ".*", version: "3.21.2" }],
    summary: "Alpine Linux: busybox userland plus apk; `/bin/sh` with no stdin exits at once",
  },
  {
    repository: "docker.io/library/ubuntu",
    tags: ["latest", "rolling", "devel", "(2[0-4]|1[4-9])\\.(04|10)", "noble", "jammy", "focal", "bionic", "xenial"],
    sizeBytes: 29_754_422,
    base: "debian",
    addTools: ["ps"],
    cmd: ["/bin/bash"],
    files: {
      "/etc/os-release": 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n',
    },
    versions: [{ tag: ".*", version: "24.04" }],
    summary: "Ubuntu: bash and GNU tools; `/bin/bash` with no stdin exits at once",
  },
  {
    repository: "docker.io/library/debian",
    tags: ["latest", "stable", "bookworm(-slim)?", "bullseye(-slim)?", "1[0-3](\\.\\d+)?(-slim)?", "stable-slim"],
    sizeBytes: 48_494_272,
    base: "debian",
    cmd: ["bash"],
    versions: [{ tag: ".*", version: "12.8" }],
    summary: "Debian: bash, dash as /bin/sh, GNU tools (no ps, no wget)",
  },
  {
    repository: "docker.io/curlimages/curl",
    tags: ["latest", "8(\\.\\d+){0,2}", "7(\\.\\d+){0,2}"],
    sizeBytes: 10_387_004,
    base: "alpine",
    addTools: ["curl"],
    entrypoint: ["/entrypoint.sh"],
    cmd: ["curl"],
    user: "100",
    files: {
      "/entrypoint.sh": { content: '#!/bin/sh\nset -e\nif [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then\n  set -- curl "$@"\nfi\nexec "$@"\n', mode: 0o755 },
      "/home/curl_user": { dir: true, uid: 100, gid: 101 },
    },
    versions: [{ tag: ".*", version: "8.11.1" }],
    summary: "curl on Alpine; runs `curl` with the container's args",
  },
];
