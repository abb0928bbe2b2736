// SARIF 2.1.0 (schema/sarif-2.1.0.json), for GitHub code scanning and other
// CI viewers: one run whose driver lists every rule with its reason, sources
// and model language, and one result per finding. Term fixes that --fix would
// make become SARIF fixes; suggestions that need a person's judgment do not.
import { pathToFileURL } from 'node:url';
import { replacementsOf } from '../fix/replacements.js';
import { placedFix } from '../fix/text-edits.js';
import { Locator } from '../locator.js';
import { fillSuffixes } from '../rules/phrase.js';
import { describeEngineRule, DOCS_BASE, type ProvisionDescriptor, type RuleDescriptor, type TermDescriptor } from '../rules/descriptor.js';
import type { Citation } from '../rules/pack.js';
import { builtinRuleSet, type RuleSet } from '../rules/ruleset.js';
import { severityName, type FindingSeverity } from '../severity.js';
import { artifactLocation } from '../report/paths.js';
import { FINGERPRINT_KEY, fingerprinter } from '../report/fingerprint.js';
import type { Finding, LintResult } from '../types.js';
import type { FormatContext } from './types.js';
import { VERSION } from '../report/package.js';


type Level = 'error' | 'warning' | 'note';
const LEVELS: Record<FindingSeverity, Level> = { info: 'note', warn: 'warning', error: 'error' };

interface Message {
  text: string;
  markdown?: string;
}

/** SARIF's reportingDescriptor. */
interface SarifRule {
  id: string;
  name?: string;
  shortDescription: Message;
  fullDescription?: Message;
  help?: Message;
  helpUri?: string;
  defaultConfiguration?: { level: Level; enabled?: boolean };
  properties?: Record<string, unknown>;
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/** `csec-body` → `CsecBody`: SARIF's human-readable rule name. */
function ruleName(entryId: string): string {
  return entryId.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

const mdEscape = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');

function sourcesHelp(citations: Citation[]): { text: string; markdown: string } {
  if (citations.length === 0) return { text: '', markdown: '' };
  return {
    text: `\n\nSources:\n${citations.map((c) => `- ${c.text}${c.url ? ` <${c.url}>` : ''}`).join('\n')}`,
    markdown: `\n\n**Sources**\n\n${citations.map((c) => `- ${c.url ? `[${mdEscape(c.text)}](${c.url})` : mdEscape(c.text)}`).join('\n')}`,
  };
}

function termRule(d: TermDescriptor): SarifRule {
  const t = d.term;
  const replacements = t.forms.flatMap((f) => (f.replace ?? []).slice(0, 1).map((r) => fillSuffixes(r, false)));
  const unique = [...new Set(replacements)];
  const sources = sourcesHelp(d.citations);
  const write = unique.length ? `\n\nWrite instead: ${unique.map((r) => `"${r}"`).join(' or ')}.` : '';
  const writeMd = unique.length ? `\n\n**Write instead:** ${unique.map((r) => `“${mdEscape(r)}”`).join(' or ')}` : '';
  return {
    id: d.id,
    name: ruleName(t.id),
    shortDescription: { text: d.title },
    fullDescription: { text: d.why },
    help: { text: `${d.why}${write}${sources.text}`, markdown: `${mdEscape(d.why)}${writeMd}${sources.markdown}` },
    helpUri: d.helpUri,
    defaultConfiguration: { level: LEVELS[d.defaultSeverity] },
    properties: { tags: ['term', t.kind], kind: t.kind },
  };
}

function provisionRule(d: ProvisionDescriptor): SarifRule {
  const p = d.provision;
  const sources = sourcesHelp(d.citations);
  const model = d.model ?? '';
  const about = `Key area: ${p.area}. Applies to: ${p.appliesTo.join(', ')}. ${d.why}`;
  return {
    id: d.id,
    name: ruleName(p.id),
    shortDescription: { text: d.title },
    fullDescription: { text: about },
    help: {
      text: `${about}\n\nModel language:\n${model}${sources.text}`,
      markdown: `${mdEscape(about)}\n\n**Model language**\n\n${model.split('\n').map((l) => `> ${mdEscape(l)}`).join('\n')}${sources.markdown}`,
    },
    helpUri: d.helpUri,
    defaultConfiguration: { level: LEVELS[d.defaultSeverity] },
    properties: { tags: ['provision', p.area], area: p.area },
  };
}

function sarifRule(d: RuleDescriptor): SarifRule {
  if (d.kind === 'term') return termRule(d);
  if (d.kind === 'provision') return provisionRule(d);
  return { id: d.id, shortDescription: { text: d.title }, helpUri: d.helpUri };
}

/**
 * Every rule of every rule set the files were linted with (a county pack adds
 * its own), then any rule the core reported that no pack defines.
 */
function rulesOf(results: LintResult[], rulesFor: (filePath: string) => RuleSet): SarifRule[] {
  const sets = new Set<RuleSet>([builtinRuleSet()]);
  for (const r of results) {
    // A file whose config is broken was not linted: it has no findings to describe.
    if (r.fatal) continue;
    sets.add(rulesFor(r.filePath));
  }
  const rules: SarifRule[] = [];
  const known = new Set<string>();
  const add = (d: RuleDescriptor) => {
    if (known.has(d.id)) return;
    known.add(d.id);
    rules.push(sarifRule(d));
  };
  for (const set of sets) for (const d of set.rules.values()) add(d);
  // Then the core's own rules (a directive that suppresses nothing, a rule kind that failed), as they were reported.
  for (const r of results) for (const m of r.messages) if (!known.has(m.ruleId)) add(describeEngineRule(m.ruleId));
  return rules;
}

/** On a PDF the region is in the text extracted from the finding's page (the page is in the result's properties). */
function regionOf(m: Finding): Region {
  // A finding about the whole document (a missing provision) has no span.
  if (m.block === -1) return { startLine: m.line };
  return { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn };
}

/** A fix --fix would make, where it makes it (a Markdown or text source range; never through markup or on Word). */
function fixesFor(m: Finding, lines: Locator | undefined, location: { uri: string; uriBaseId?: string }): unknown[] | undefined {
  const fix = placedFix(m.fix);
  if (!fix || !lines) return undefined;
  const from = lines.placeOf(fix.range[0]);
  const to = lines.placeOf(fix.range[1]);
  const desc = replacementsOf(m)[0]?.desc ?? `Replace with "${fix.text}"`;
  return [
    {
      description: { text: desc },
      artifactChanges: [
        {
          artifactLocation: location,
          replacements: [{ deletedRegion: { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column }, insertedContent: { text: fix.text } }],
        },
      ],
    },
  ];
}

export function formatSarif(results: LintResult[], context: FormatContext): string {
  const rules = rulesOf(results, context.rulesFor ?? (() => builtinRuleSet()));
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const r of results) {
    const location = artifactLocation(r.filePath, context.cwd);
    if (r.fatal) {
      notifications.push({ level: 'error', message: { text: `${r.filePath}: ${r.fatal}` }, locations: [{ physicalLocation: { artifactLocation: location } }] });
      continue;
    }
    // The result's own line starts place its fixes: the source is not read again.
    const lines = r.lineStarts ? new Locator(r.lineStarts, Infinity) : undefined;
    const fingerprint = fingerprinter();
    for (const m of r.messages) {
      const fixes = fixesFor(m, lines, location);
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: indexOf.get(m.ruleId),
        level: LEVELS[severityName(m.severity)],
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: regionOf(m) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(m) },
        ...(fixes ? { fixes } : {}),
        ...(m.status || m.page !== undefined ? { properties: { ...(m.status ? { status: m.status } : {}), ...(m.page !== undefined ? { page: m.page } : {}) } } : {}),
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policylint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: DOCS_BASE,
            rules,
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(context.cwd).href.replace(/\/$/, '')}/` } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
