// The file-system calls a folder search makes, watched. tinyglobby (fdir) passes
// over a folder it cannot read and a link that leads nowhere without a word; a
// policy skipped in silence is a policy nobody checked, so each becomes one
// problem line naming the path.
import { readdir, realpath, stat, type Dirent, type Stats } from 'node:fs';
import { basename, extname } from 'node:path';
import type { FileSystemAdapter } from 'tinyglobby';
import { fsProblem } from '../fs-problem.js';

export interface SearchProblem {
  arg: string;
  problem: string;
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;
type RealpathCallback = (error: NodeJS.ErrnoException | null, resolved: string) => void;

const withoutSlash = (path: string) => (path.length > 1 ? path.replace(/[\\/]+$/, '') : path);

/** A link's target is missing or unreadable: a problem only for a link that names a document policylint would read. */
function linkProblem(path: string, e: NodeJS.ErrnoException, extensions: string[]): string | undefined {
  if (basename(path).startsWith('.') || !extensions.includes(extname(path).toLowerCase())) return undefined;
  if (e.code === 'ENOENT') return 'is a link to a file that does not exist';
  return fsProblem(e) ?? e.message;
}

/** File-system functions for tinyglobby that report what it would pass over into `problems`. */
export function watchedFs(problems: SearchProblem[], extensions: string[]): FileSystemAdapter {
  return {
    readdir: ((path: string, options: { withFileTypes: true }, callback: ReaddirCallback) =>
      readdir(path, options, (error, entries) => {
        // A folder that does not exist (a glob's base) is said by the pattern that matches nothing.
        if (error && error.code !== 'ENOENT') problems.push({ arg: withoutSlash(path), problem: `folder cannot be read: ${fsProblem(error) ?? error.message}` });
        callback(error, entries);
      })) as FileSystemAdapter['readdir'],
    realpath: ((path: string, callback: RealpathCallback) =>
      realpath(path, (error, resolved) => {
        const problem = error ? linkProblem(path, error, extensions) : undefined;
        if (problem) problems.push({ arg: path, problem });
        callback(error, resolved);
      })) as FileSystemAdapter['realpath'],
    stat: ((path: string, callback: (error: NodeJS.ErrnoException | null, stats: Stats) => void) => stat(path, callback)) as FileSystemAdapter['stat'],
  };
}
