// Loads a YAML rule pack and validates it against schema/rule-pack.schema.json.
// A mistake is reported with the file, the line and the key at fault.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError } from '../errors.js';
import { fsProblem } from '../fs-problem.js';
import { PhraseSyntaxError, checkPhrase, usePrebuiltPhrases, type StoredVariant } from './phrase.js';
import type { FindingSeverity } from '../severity.js';
import type { DocType } from '../types.js';

export type TermKind = 'too-narrow' | 'stigmatizing' | 'slang' | 'precision';

export interface Condition {
  before?: string;
  after?: string;
  notBefore?: string;
  notAfter?: string;
}

export interface TermForm {
  use?: string;
  match: string[];
  when?: Condition;
  replace?: string[];
}

export interface TermEntry {
  id: string;
  kind: TermKind;
  severity?: FindingSeverity;
  title: string;
  /** What is wrong, in a few words, after the quoted words found ("names sex trafficking only"); a default by kind otherwise. */
  short?: string;
  why: string;
  caseSensitive?: boolean;
  forms: TermForm[];
  citations: string[];
  examples?: { flag?: string[]; pass?: string[] };
}

export interface NameOfRecord {
  name: string;
  match?: string[];
  caseSensitive?: boolean;
  /** A local program's or body's own name: the author's (reported) where the document's title or a heading names it. */
  local?: boolean;
  why: string;
  citations?: string[];
}

/** Where a context looks for its phrases and patterns, seen from a term's sentence. */
export type ContextScope = 'sentence' | 'siblings' | 'section' | 'next' | 'lead-in';

/** The annotation guide's categories of spans a detector keeps from being reported. */
export type ContextCategory = 'inclusive-pairing' | 'sex-specific-duty' | 'sex-specific-fact' | 'definition' | 'name-of-record' | 'quotation' | 'mention';

export interface ContextEntry {
  id: string;
  why: string;
  category?: ContextCategory;
  /** What it deliberately leaves to be reported (its near misses), in words: docs/accuracy.md shows it. */
  leavesAlone?: string;
  /** Sentences the tests run: `excused` ones this context keeps quiet, `reported` near misses still reported. */
  examples?: { excused?: string[]; reported?: string[] };
  /** The names of every law in the packs' `laws` also trigger this context. */
  matchLaws?: boolean;
  /** The context applies only in a document of a state whose listed laws limit one of these duties to sex trafficking. */
  stateLaw?: LawKind[];
  /** Phrases that excuse a term in the same scope. */
  match?: string[];
  /** Regular expressions tested on the text of the scope (for what phrases cannot say: numbers, percentages). */
  patterns?: string[];
  /** Regular expressions tested on the term's sentence: any match there means the context does not apply. */
  unless?: string[];
  /** Conditions on the text right around the term: the context excuses only terms that meet one of them. */
  near?: Condition | Condition[];
  /** Where `match` and `patterns` are looked for (default: the term's sentence). */
  scope?: ContextScope;
  /** Block kinds the context applies in (default: all). */
  blocks?: ('heading' | 'paragraph' | 'list-item' | 'table-cell' | 'footnote')[];
  kinds?: TermKind[];
}

/** A context's `near`, one condition or a list of them, as a list. */
export function nearConditions(c: ContextEntry): Condition[] {
  return Array.isArray(c.near) ? c.near : c.near ? [c.near] : [];
}

export interface Citation {
  text: string;
  source: 'statute' | 'report' | 'guidance' | 'regulation';
  url?: string;
  note?: string;
}

export interface ProvisionEntry {
  id: string;
  title: string;
  area: 'prevention' | 'training' | 'identification' | 'protocols' | 'collaboration' | 'services';
  severity?: FindingSeverity;
  appliesTo: DocType[];
  topic: string[];
  require: string[];
  confusable?: string[];
  countsInGlossary?: boolean;
  /** Asked only of documents that name the topic: without it the provision is not applicable (steering-committee-inclusive). */
  onlyWithTopic?: boolean;
  messages: { absent: string; partial: string; narrow?: string; negated?: string; confusable?: string; present?: string };
  /** What to add, as one short instruction ("say that … is reported to the Child Abuse Hotline"). */
  short?: string;
  model: string;
  headings: string[];
  newHeading?: string;
  citations: string[];
  sources?: string[];
}

export type LawKind = 'safe-harbor' | 'abuse-definition' | 'reporting' | 'investigation' | 'identification' | 'services' | 'program';

/** A law, act or duty that the law itself limits to sex trafficking, commercial sexual exploitation or prostitution. */
export interface LawEntry {
  id: string;
  /** Two-letter state code, DC, or US for federal law. */
  jurisdiction: string;
  name: string;
  kind: LawKind;
  limitedTo: 'sex-trafficking' | 'commercial-sexual-exploitation' | 'prostitution';
  /** How policies name it: its titles and statute numbers. */
  match: string[];
  summary: string;
  source: { title: string; url: string; accessed: string };
}

/** A term's severity when no config sets one: its pack's, else by kind (stigmatizing words are errors). */
const KIND_SEVERITY: Readonly<Record<TermKind, FindingSeverity>> = { stigmatizing: 'error', 'too-narrow': 'warn', slang: 'warn', precision: 'warn' };

/** A rule's default severity: what its pack says, else by kind for a term and `warn` for a provision. */
export function defaultSeverity(entry: TermEntry | ProvisionEntry): FindingSeverity {
  return entry.severity ?? ('kind' in entry ? KIND_SEVERITY[entry.kind] : 'warn');
}

export interface RulePack {
  file: string;
  pack?: string;
  description?: string;
  citations?: Record<string, Citation>;
  terms?: TermEntry[];
  namesOfRecord?: NameOfRecord[];
  contexts?: ContextEntry[];
  laws?: LawEntry[];
  concepts?: Record<string, { description?: string; match: string[] }>;
  provisions?: ProvisionEntry[];
  docTypes?: Partial<Record<DocType, { title?: string[]; text?: string[]; approval?: string[] }>>;
}

export const SCHEMA_PATH = fileURLToPath(new URL('../../schema/rule-pack.schema.json', import.meta.url));
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  if (!validator) {
    const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return validator;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `unknown key "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `missing key "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'enum') return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return error.message ?? 'is not valid';
}

/** Parses and validates pack text. Throws ConfigError naming file, line and key. */
export function parsePack(file: string, text: string): RulePack {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(file, e.message.split('\n')[0], lineCounter.linePos(e.pos[0]).line);
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const check = validate();
  if (!check(data)) {
    // The most specific error first: the deepest path is the most useful to a pack author.
    const error = [...(check.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = path.filter((p) => typeof p === 'string').pop() as string | undefined;
    throw new ConfigError(file, describe(error), lineOf(path), error.instancePath.replace(/^\//, '').replace(/\//g, '.') || key);
  }
  const pack = { file, ...(data as object) } as RulePack;
  checkPhrasesAndPatterns(pack, lineOf);
  return pack;
}

function checkPhrasesAndPatterns(pack: RulePack, lineOf: (path: (string | number)[]) => number | undefined): void {
  const phrase = (path: (string | number)[], text: string) => {
    try {
      checkPhrase(text);
    } catch (e) {
      if (e instanceof PhraseSyntaxError) throw new ConfigError(pack.file, e.message, lineOf(path), path.join('.'));
      throw e;
    }
  };
  const regex = (path: (string | number)[], pattern: string) => {
    try {
      new RegExp(pattern, 'u');
    } catch (e) {
      throw new ConfigError(pack.file, `invalid regular expression: ${(e as Error).message}`, lineOf(path), path.join('.'));
    }
  };
  pack.terms?.forEach((t, i) =>
    t.forms.forEach((f, j) => {
      f.match.forEach((m, k) => phrase(['terms', i, 'forms', j, 'match', k], m));
      for (const [key, pattern] of Object.entries(f.when ?? {})) regex(['terms', i, 'forms', j, 'when', key], pattern as string);
    }),
  );
  pack.contexts?.forEach((c, i) => {
    c.patterns?.forEach((p, k) => regex(['contexts', i, 'patterns', k], p));
    c.unless?.forEach((p, k) => regex(['contexts', i, 'unless', k], p));
    nearConditions(c).forEach((n, k) => {
      for (const [key, pattern] of Object.entries(n)) regex(['contexts', i, 'near', ...(Array.isArray(c.near) ? [k] : []), key], pattern as string);
    });
  });
  pack.namesOfRecord?.forEach((n, i) => (n.match ?? [n.name]).forEach((m, k) => phrase(['namesOfRecord', i, n.match ? 'match' : 'name', ...(n.match ? [k] : [])], m)));
  pack.contexts?.forEach((c, i) => c.match?.forEach((m, k) => phrase(['contexts', i, 'match', k], m)));
  pack.laws?.forEach((l, i) => l.match.forEach((m, k) => phrase(['laws', i, 'match', k], m)));
  for (const [name, concept] of Object.entries(pack.concepts ?? {})) concept.match.forEach((m, k) => phrase(['concepts', name, 'match', k], m));
}

// Parsing and validating a pack costs ~100 ms of YAML and schema work; the
// configuration catalog and the rule set both need the same packs, so each is
// loaded once per process unless the file changes on disk.
const loaded = new Map<string, { stamp: string; pack: RulePack }>();

export function loadPack(file: string): RulePack {
  let stamp = '';
  try {
    const s = statSync(file);
    stamp = `${s.mtimeMs}:${s.size}`;
  } catch {
    // Missing file: reported by the read below.
  }
  const cached = loaded.get(file);
  if (cached && stamp && cached.stamp === stamp) return cached.pack;
  const pack = readPack(file);
  if (stamp) loaded.set(file, { stamp, pack });
  return pack;
}

function readPack(file: string): RulePack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, `cannot read rule pack: ${fsProblem(e) ?? (e as Error).message}`);
  }
  return prebuiltPack(file, text) ?? parsePack(file, text);
}

// The built-in packs are parsed and validated once, when policylint is built
// (scripts/build-packs.js writes dist/packs.json). YAML parsing and schema
// compilation took ~250 ms of every CLI run; a JSON read takes a few. Entries
// are keyed by the SHA-256 of the pack's text, so a pack edited since the build
// (or any other file) is simply parsed and validated as usual.
export const PREBUILT_PACKS = fileURLToPath(new URL('../packs.json', import.meta.url));

/** dist/packs.json: the parsed packs by the hash of their text, and their phrases compiled (see usePrebuiltPhrases). */
export interface PrebuiltPacks {
  packs: Record<string, Omit<RulePack, 'file'>>;
  phrases: Record<string, StoredVariant[]>;
}

let prebuilt: PrebuiltPacks['packs'] | undefined;

export function packHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function prebuiltPack(file: string, text: string): RulePack | undefined {
  if (!prebuilt) {
    try {
      const built = JSON.parse(readFileSync(PREBUILT_PACKS, 'utf8')) as PrebuiltPacks;
      prebuilt = built.packs;
      usePrebuiltPhrases(built.phrases);
    } catch {
      // Not built yet (tsc alone, no scripts/build-packs.js): every pack is parsed.
      prebuilt = {};
    }
  }
  const hash = packHash(text);
  const pack = Object.hasOwn(prebuilt, hash) ? prebuilt[hash] : undefined;
  return pack && { file, ...structuredClone(pack) };
}
