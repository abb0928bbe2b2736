// policylint as a unified plugin (`policylint/unified`), for remark
// (remark-cli, .remarkrc) and retext. It does not walk the syntax tree: it lints
// the file's text with the CLI's own readers, config discovery and rules, so
// every finding has the CLI's line, column and rule id. The tree tells only
// which reader to use when the file's name does not.
import { resolve } from 'node:path';
import type { Processor, Transformer } from 'unified';
import { Engine, type FileOutcome } from '../engine.js';
import { oneLine } from '../report/wrap.js';
import { describeRule } from '../rules/descriptor.js';
import { formatOfExtension, isTextFormat } from '../readers/formats.js';
import type { Format } from '../model.js';
import { reportResult, SOURCE, type Rationale, type VFile } from './messages.js';
import { overridesOf, parseOptions, type Options } from './options.js';

export type { Options, SeverityOption } from './options.js';
export type { PolicylintData } from './messages.js';

/** The reader the CLI would pick for the file's extension; else plain text under retext (an nlcst tree), Markdown otherwise. */
function readerFor(file: VFile, tree: { type: string }): Format {
  const known = file.extname ? formatOfExtension(file.extname) : undefined;
  if (known && isTextFormat(known)) return known.format;
  return tree.type === 'RootNode' ? 'text' : 'markdown';
}

/** One engine for every use of the plugin: a processor made per file (remark-cli) still compiles each pack once. */
const engine = new Engine();

/** The first sentence of a rule's explanation: why it exists, in one line. */
function rationaleOf(outcome: FileOutcome): Rationale | undefined {
  if (!outcome.config) return undefined;
  const set = engine.ruleSetFor(outcome.config);
  return (ruleId) => oneLine(describeRule(set.rules, ruleId).why).match(/^[\s\S]*?[.!?](?=\s|$)/)?.[0];
}

/**
 * `unified().use(remarkParse).use(policylint, options)`. Options: `packs`,
 * `rules`, `docType`, `config` (see Options), and `fix` to make the safe
 * replacements: the file's text is fixed and re-parsed, so `remark --output`
 * writes the fixed document, and the messages are what is left, at their places
 * in the fixed text (as `policylint --fix` reports).
 */
export default function policylint(this: Processor, options?: Options | null): Transformer {
  const settings = parseOptions(options);
  const processor = this;
  return (tree, file) => {
    const text = String(file);
    const format = readerFor(file, tree);
    // Config files are looked for from the file's folder; a file without a path (text given to the API) uses the working folder.
    const filePath = file.path ? resolve(file.cwd, file.path) : file.cwd;
    const overrides = overridesOf(settings, file.cwd);
    // Fixing rebuilds the tree from the fixed text, which takes the processor's parser (a tree given to `run` may have none).
    const canFix = settings.fix && processor.parser !== undefined;
    if (settings.fix && !canFix) {
      const message = file.message('policylint: { fix: true } needs a parser (remark-parse or retext-english) to rebuild the tree; nothing was fixed', { source: SOURCE });
      message.fatal = true;
    }
    if (!canFix) {
      const outcome = engine.lintText(filePath, text, { overrides, format });
      reportResult(file, outcome.result, outcome.doc, rationaleOf(outcome));
      return undefined;
    }
    const fixed = engine.fixText(filePath, text, { overrides, format });
    reportResult(file, fixed.outcome.result, fixed.outcome.doc, rationaleOf(fixed.outcome));
    if (fixed.text === text) return undefined;
    file.value = fixed.text;
    // The tree is the parser's reading of the fixed text, so later plugins and the compiler see the replacements.
    return processor.parse(file);
  };
}
