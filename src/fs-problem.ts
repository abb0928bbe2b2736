// What a file-system error means to the person who ran policylint, in a few
// words: "permission denied", not "EACCES: permission denied, open '…'". Used
// wherever a path is read or written, so every front end words them alike.

const PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of this path is a file, not a folder',
  ELOOP: 'is a link that leads back to itself',
  ENAMETOOLONG: 'the path is too long',
  EROFS: 'is on a read-only disk',
  ENOSPC: 'the disk is full',
  EMFILE: 'too many files are open',
  EBUSY: 'is in use by another program',
  EEXIST: 'is a file, so no folder can be made there',
};

/** The words for a file-system error's code, or undefined when `e` is not one policylint knows. */
export function fsProblem(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code ? PROBLEMS[code] : undefined;
}
