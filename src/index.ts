// The library: what the CLI, the language server, the workbench and the unified plugin are built on.
// `import { lintText } from 'policylint'`.
export { lintFile, lintText, fixText, lintParsed, type FileOutcome } from './lint-file.js';
export { lintDocument, type LintOptions } from './lint.js';
export { readDocument, readDocumentText, formatOf, LINTABLE_EXTENSIONS, type ReaderFormat } from './readers/index.js';
export { builtinRuleSet, loadRuleSet, type RuleSet } from './rules/ruleset.js';
export { FORMATTERS, type Formatter, type FormatContext } from './reporters/index.js';
export { readAnnotations, EvalInputError, type AnnotatedDocument } from './eval/annotations.js';
export { scoreDocuments, type EvalReport } from './eval/score.js';
export { ConfigError, ReadError } from './errors.js';
export type { PolicyDocument, Block } from './model.js';
export type { Finding, LintResult, ProvisionResult, ProvisionStatus, DocType, Suggestion, TextEdit } from './types.js';
