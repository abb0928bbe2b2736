// ESLint's JSON result shape, plus policylint's `docType` and `provisions`, and on
// each term message the words it is about as `found`, on PDF findings their `page`, and on Word and PDF findings
// their `place` in words ("paragraph 12", "page 3, line 12"; ESLint allows extra fields).
// A message is one short line; what a rule says every time (why, sources, model
// language) is in `--format json-with-metadata`'s `metadata.rulesMeta`, once per rule.
//
// Both are written one file at a time, as each file is linted: one result per line,
// so a batch never holds every message at once.
import { ruleMeta, type RuleMeta } from '../report/rule-meta.js';
import { builtinRuleSet, type RuleSet } from '../rules/ruleset.js';
import { SEVERITY_LEVEL } from '../severity.js';
import type { Finding, Fix, LintResult, ProvisionResult } from '../types.js';
import type { Format } from '../model.js';
import { namesPlaces, placeLabel } from '../place.js';
import type { Reporter } from './types.js';

/** JSON string literals of the texts findings share (messages, rule ids, replacements), each escaped once. */
const literals = new Map<string, string>();
function literal(text: string): string {
  let json = literals.get(text);
  if (json === undefined) {
    // Bounded: a long run over varied text must not grow it without end.
    if (literals.size >= 10_000) literals.clear();
    json = JSON.stringify(text);
    literals.set(text, json);
  }
  return json;
}

/** Whether a fix is written in ESLint's shape: not where the words run through markup (--fix leaves those). */
const writable = (fix: Fix | undefined): fix is Fix => fix !== undefined && !('range' in fix && fix.range === null);

/**
 * One message in ESLint's shape, written out field by field (the same text JSON.stringify gives for the object):
 * a file with a million findings repeats a few messages, replacements and rule ids a million times.
 */
function jsonMessage(m: Finding, format: Format | undefined): string {
  let out = `{"ruleId":${literal(m.ruleId)},"severity":${m.severity},"message":${literal(m.message)}${m.page !== undefined ? `,"page":${m.page}` : ''},"line":${m.line},"column":${m.column},"endLine":${m.endLine},"endColumn":${m.endColumn}`;
  // Word's "line" is a paragraph and a PDF's is counted on its page: the place in words says so.
  if (namesPlaces(format)) out += `,"place":${JSON.stringify(placeLabel(format, m))}`;
  if (m.found !== undefined) out += `,"found":${literal(m.found)}`;
  // ESLint's {range, text} for Markdown and text; a Word fix has no source range.
  const fix = m.fix;
  if (writable(fix)) out += `,"fix":{${'range' in fix ? `"range":[${fix.range![0]},${fix.range![1]}],` : ''}"text":${literal(fix.text)}}`;
  // A provision's model language is the rule's, the same in every finding: json-with-metadata has it once.
  out += `,"suggestions":[${m.suggestions.map((s) => (s.insert ? `{"desc":${literal(s.desc)}}` : `{"desc":${literal(s.desc)},"text":${literal(s.text)}}`)).join(',')}]`;
  if (m.status) out += `,"status":${literal(m.status)}`;
  return `${out}}`;
}

/**
 * One provision's status, written out field by field like a message: every file of a batch repeats the same few
 * long provision messages, escaped once each.
 */
function jsonProvision(p: ProvisionResult, format: Format | undefined): string {
  let out = `{"id":${literal(p.id)},"status":${literal(p.status)}${p.page !== undefined ? `,"page":${p.page}` : ''},"line":${p.line}`;
  if (namesPlaces(format) && (p.status === 'present' || p.status === 'partial')) out += `,"place":${JSON.stringify(placeLabel(format, p))}`;
  return `${out},"message":${literal(p.message)}}`;
}

/**
 * Messages are written this many at a time: a file with a million findings is more text than one string can hold.
 * A hundred make about 50 KB, under the 128 KB from which V8 puts a string straight into the old generation, where
 * the pieces of a million findings (over 500 MB) would stay until its next full collection.
 */
const MESSAGES_PER_PIECE = 100;

/**
 * One file's result in ESLint's shape, as pieces of JSON text that join into one object. Each piece is made when the
 * writer asks for it: the JSON of a million findings (over 500 MB) is never held at once.
 */
export function* jsonResultPieces(r: LintResult, before = ''): Generator<string> {
  const rest = JSON.stringify({
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fixableWarningCount: r.messages.filter((m) => writable(m.fix) && m.severity === SEVERITY_LEVEL.warn).length,
    fixableErrorCount: r.messages.filter((m) => writable(m.fix) && m.severity === SEVERITY_LEVEL.error).length,
    ...(r.docType ? { docType: r.docType, docTypeSource: r.docTypeSource } : {}),
  }).slice(0, -1) + `,"provisions":[${r.provisions.map((p) => jsonProvision(p, r.format)).join(',')}]}`;
  const head = `${before}{"filePath":${JSON.stringify(r.filePath)},"messages":[`;
  if (r.fatal) {
    yield `${head}${JSON.stringify({ ruleId: null, fatal: true, severity: SEVERITY_LEVEL.error, message: r.fatal, line: 1, column: 1 })}],${rest.slice(1)}`;
    return;
  }
  yield head;
  for (let i = 0; i < r.messages.length; i += MESSAGES_PER_PIECE) {
    const part = r.messages.slice(i, i + MESSAGES_PER_PIECE).map((m) => jsonMessage(m, r.format));
    yield `${i > 0 ? ',' : ''}${part.join(',')}`;
  }
  yield `],${rest.slice(1)}`;
}

/** `open` result `,` result … `]`, one result a line, each written when its file is done. */
function arrayWriter(open: string): { item(r: LintResult): Iterable<string>; close(): string } {
  let count = 0;
  return {
    item: (r) => jsonResultPieces(r, count++ === 0 ? `${open}\n` : ',\n'),
    close: () => (count === 0 ? `${open}]` : '\n]'),
  };
}

export function jsonReporter(): Reporter {
  const array = arrayWriter('[');
  return { file: array.item, end: () => `${array.close()}\n` };
}

/**
 * ESLint's `json-with-metadata`: `{"results": [...], "metadata": {"rulesMeta": {ruleId: meta}}}`, with the meta of
 * every rule that reported something (from the rule set each file was linted with).
 */
export function jsonWithMetadataReporter(rulesFor: (filePath: string) => RuleSet = () => builtinRuleSet()): Reporter {
  const array = arrayWriter('{"results":[');
  const rulesMeta: Record<string, RuleMeta> = {};
  return {
    file(r) {
      if (!r.fatal) {
        let set: RuleSet | undefined;
        for (const m of r.messages) if (!(m.ruleId in rulesMeta)) rulesMeta[m.ruleId] = ruleMeta((set ??= rulesFor(r.filePath)), m.ruleId);
      }
      return array.item(r);
    },
    end: () => `${array.close()},\n"metadata":{"rulesMeta":${JSON.stringify(rulesMeta)}}}\n`,
  };
}
