// What every output format shares: the context it is given and the two shapes a format has (a reporter that writes
// each file's text as the file is linted, or a formatter of every result at the end). Apart from index.ts, which
// lists the formats by name, so that a format module never imports that list.
import type { RuleSet } from '../rules/ruleset.js';
import type { LintResult } from '../types.js';

export interface FormatContext {
  color: boolean;
  cwd: string;
  /** The rules a file was linted with, for formats that describe rules (SARIF); the built-in set when absent. */
  rulesFor?: (filePath: string) => RuleSet;
  /** Stylish: explain each rule once under the file's findings. */
  verbose?: boolean;
}

export interface Reporter {
  /**
   * The text for one file, written when that file is done: one string, or pieces made as they are written (a file
   * with a million findings).
   */
  file(result: LintResult): string | Iterable<string>;
  /** The text after the last file. */
  end(run?: RunSummary): string;
}

/** What a run knows besides the results it reported. */
export interface RunSummary {
  /** Files, folders and patterns that gave no result (each already named on standard error). */
  notLinted?: number;
  /** The fixes were written (--fix, --redline): the summary does not offer them again. */
  fixesWritten?: boolean;
}

export type Formatter = (results: LintResult[], context: FormatContext) => string;
