// The library: what the CLI, the language server, the workbench and the unified plugin are built on.
// `new Engine().lintText('policy.md', text)`.
export { Engine, type FileOutcome, type FixOutcome, type FixRequest, type LintRequest, type TextRequest } from './engine.js';
export { lintDocument, type LintOptions } from './lint.js';
export { readDocument, readDocumentText, formatOf, inputFormat, INPUT_FORMATS, LINTABLE_EXTENSIONS, type InputFormat } from './readers/index.js';
/** The format a reader reads (the same names as `Format`). */
export type { Format as ReaderFormat } from './model.js';
export { builtinRuleSet, loadRuleSet, type RuleSet } from './rules/ruleset.js';
export { FORMATTERS, type Formatter, type FormatContext } from './reporters/index.js';
export { readAnnotations, EvalInputError, type AnnotatedDocument } from './eval/annotations.js';
export { scoreDocuments, type EvalReport } from './eval/score.js';
export { ConfigError, ReadError } from './errors.js';
export type { PolicyDocument, Block } from './model.js';
export type { Finding, LintResult, ProvisionResult, ProvisionStatus, DocType, Suggestion, TextEdit } from './types.js';
