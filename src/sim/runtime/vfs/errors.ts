/**
 * Filesystem errors in the shape just-bash's commands understand (Node's `CODE: text, syscall 'path'`),
 * carrying the errno code so shells can word them as the real tools do.
 */

const TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EEXIST: "file already exists",
  ENOTDIR: "not a directory",
  EISDIR: "illegal operation on a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOTEMPTY: "directory not empty",
  ELOOP: "too many levels of symbolic links",
  EINVAL: "invalid argument",
  ENOSPC: "no space left on device",
  EBUSY: "resource busy or locked",
};

/** The strerror() text a C program prints for each code ("No such file or directory"). */
export const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EROFS: "Read-only file system",
  ENOTEMPTY: "Directory not empty",
  ELOOP: "Symbolic link loop",
  EINVAL: "Invalid argument",
  ENOSPC: "No space left on device",
  EBUSY: "Device or resource busy",
};

/** A filesystem error with an errno code. */
export class FsError extends Error {
  constructor(
    readonly code: string,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${TEXT[code] ?? code.toLowerCase()}, ${syscall} '${path}'`);
    this.name = "FsError";
  }
}

/** The errno code of an error thrown by a filesystem, if it has one. */
export function errnoOf(e: unknown): string | undefined {
  if (e instanceof FsError) return e.code;
  const m = /^([A-Z]+):/.exec((e as Error)?.message ?? "");
  return m?.[1];
}
