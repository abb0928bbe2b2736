// Where --fix, --redline and -o write, checked before any linting: a redline
// over its own input, or into a folder that does not exist, is refused in one
// line. (A write that fails anyway becomes that file's problem: writeOutput in
// src/fix/write-file.ts.)
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './failure.js';

/** The path with links resolved, as far as it exists (so `./a.docx` and a link to it are the same file). */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Refuses a redline that would overwrite its own input without --in-place, or that goes into a folder that does not
 * exist (or into a folder itself).
 */
export function checkRedlineTarget(input: string, output: string, inPlace: boolean): void {
  if (canonical(input) === canonical(output) && !inPlace) {
    throw new UsageError(`--redline ${output} is the input file itself: policylint never overwrites a document unless asked; name another file, or add --in-place to replace ${input} with the redline`);
  }
  const folder = dirname(resolve(output));
  const info = statSync(folder, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`--redline ${output}: the folder ${folder} does not exist; create it first or write the redline elsewhere`);
  if (!info.isDirectory()) throw new UsageError(`--redline ${output}: ${folder} is a file, not a folder`);
  if (statSync(resolve(output), { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--redline ${output} is a folder; name the .docx file to write`);
}

/** Refuses a report file (-o) that is a folder: the stream would fail after the lint, and the report would be lost. */
export function checkOutputFile(outputFile: string): void {
  if (statSync(resolve(outputFile), { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`-o ${outputFile} is a folder; name the file to write the report to`);
}
