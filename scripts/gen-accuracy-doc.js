#!/usr/bin/env node
// Generates docs/accuracy.md from the built rule packs: every detector that keeps
// a term from being reported, what it recognizes, what it deliberately leaves
// alone and the example sentences the tests run (test/rule-data.test.ts runs the
// contexts' examples, test/accuracy-doc.test.ts those of the built-in detectors
// below). Run: npm run docs:accuracy
// With --check it writes nothing and exits 1 if docs/accuracy.md is out of date
// (a test runs it, so a context edit without `npm run docs:accuracy` fails the suite).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The annotation guide's categories, in its order, with what each covers; `mention` is policylint's own. */
export const CATEGORIES = {
  'inclusive-pairing': {
    title: 'Inclusive pairing',
    about: 'The narrow term stands beside labor trafficking, human trafficking or trafficking left unqualified, in its sentence or among its sibling items, so the text as a whole covers every form of child trafficking.',
  },
  'sex-specific-duty': {
    title: 'Sex-specific duties',
    about: 'A duty, definition or safe harbor that the law itself limits to sex trafficking, commercial sexual exploitation or prostitution: the narrow words are the law’s, and a county cannot widen them.',
  },
  'sex-specific-fact': {
    title: 'Sex-specific facts',
    about: 'A statistic, research finding, judgement of scale or piece of history about sex trafficking only: it reports a fact and sets no scope.',
  },
  definition: {
    title: 'Definitions',
    about: 'A legal, quoted or glossary definition of the term: what is being defined keeps its own words.',
  },
  'name-of-record': {
    title: 'Names of record',
    about: 'The statutory CSEC Program, another body’s name, or the title of another work (a law, study, toolkit, agreement or attachment): the author cannot rename it. The document’s own title is the author’s and is reported.',
  },
  quotation: {
    title: 'Quotations',
    about: 'Words inside a quotation attributed to a person or a source, epigraphs included.',
  },
  mention: {
    title: 'Mentions',
    about: 'Not a category of the annotation guide but policylint’s own: the words are discussed (named as a term, explained as slang, called outdated) rather than used to set a scope.',
  },
};

/**
 * The detectors built into the engine (src/rules/terms.ts), tried before every context. Their examples run in
 * test/accuracy-doc.test.ts as the contexts' run in test/rule-data.test.ts.
 */
/** How many detectors the engine has built in, in words, for the page's opening. */
const NUMBER_WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
export const BUILTIN_DETECTORS = [
  {
    id: 'quotation',
    category: 'quotation',
    scope: 'the term’s sentence, or its whole block when the block is a block quotation or one quotation from its first word to its last',
    why: 'A term between an opening and a closing quotation mark of its sentence (straight or curly), anywhere in a block quotation (a Markdown `>` block), or in a paragraph that is one quotation from start to end (an epigraph or pull quote, perhaps with its attribution after a dash), is someone else’s words.',
    leavesAlone: 'Quotation marks that open or close outside the term’s sentence, and a term outside the quoted words of the same sentence.',
    examples: {
      excused: [
        'As one survivor told the county board, “People called me a child prostitute when I was fourteen.”',
        '> Nobody asked why a teen prostitute was sleeping in a bus station.',
        'The judge wrote that the girl was "a juvenile prostitute in the eyes of the old law."',
        'A youth advocate put it plainly: “Leaving the life took me three tries.”',
        'The 2015 poster asked, "Who buys a child prostitute?" and listed the hotline.',
        '"They saw a runaway, then a problem, then a teen prostitute with a "record"; nobody saw a child who needed a bed and a ride to school." — a retired juvenile judge',
      ],
      reported: ['As the survivor said, “Nobody asked me why,” and teen prostitutes are still arrested.', 'Staff call the hotline when a youth leaves the life.'],
    },
  },
  {
    id: 'name-of-record',
    category: 'name-of-record',
    scope: 'the name’s own words',
    why: 'A term inside a name listed in `rules/names-of-record.yaml`: the statutory CSEC Program in its spellings, the CSEC Action Team, another organization’s CSEC workgroup or committee, the titles of laws and of published works. A local name (a county’s own program or coalition) is the author’s to change in a document whose headings or subject line name it, and is reported there.',
    leavesAlone: 'Words outside the name in the same sentence, and a local name in its own county’s document (one whose heading or subject line names it).',
    examples: {
      excused: [
        'Alder County receives CSEC Program funding each year.',
        'The Commercially Sexually Exploited Children Program pays for two advocates.',
        'The county sends a delegate to the State Council CSEC Workgroup.',
        'The county joined the CSEC Action Team’s survivor work group.',
        'The Coalition Against Sexual Exploitation meets monthly in a neighboring county.',
      ],
      reported: [
        'Redwater County’s advocates serve sexually exploited youth, as the Marlow Foundation CSEC Committee recommends.',
        '# Coalition Against Sexual Exploitation Charter\n\nThe Coalition Against Sexual Exploitation meets monthly.',
      ],
    },
  },
  {
    id: 'heading-follows-text',
    category: 'definition',
    scope: 'the heading’s section: the blocks under it, down to the next heading of its level or above',
    why: 'A section heading follows the text under it (annotation guide, titles): when every term in its section was kept quiet by a detector (a definition, a duty the law limits to sex trafficking, a fact) and at least one was, the heading names what that text is about, and its term is kept quiet too. Its category is the category of the text under it.',
    leavesAlone: 'The document’s own title, which is the author’s to change whatever its text says; and a heading over a section in which any term is reported.',
    examples: {
      excused: [
        '# Harbor County Protocol\n\n## CSEC and the Law\n\nUnder SB 855, the juvenile court may take jurisdiction over commercially sexually exploited children.',
        '# Harbor County Protocol\n\n## About Sex Trafficking\n\nThe Legislature finds that victims of sex trafficking are often arrested rather than helped.',
        '# Harbor County Protocol\n\n## Our CSEC Response\n\nThe Legislature finds that victims of sex trafficking are often arrested.\n\n### Local Facts\n\nAn estimated 40% of CSEC referrals come from schools.',
        '# Harbor County Guide\n\n## DMST in Numbers\n\nAn estimated 300 children were identified as victims of domestic minor sex trafficking last year.',
        '# Harbor County Guide\n\n## Sex Trafficking Under Federal Law\n\nFederal law describes sex trafficking as the recruitment of a person for a commercial sex act.',
      ],
      reported: [
        '# CSEC Protocol\n\nUnder SB 855, the juvenile court may take jurisdiction over commercially sexually exploited children.',
        '# Harbor County Protocol\n\n## CSEC Services\n\nThe county serves every CSEC youth, and 40% of referrals are estimated to involve sex trafficking.',
      ],
    },
  },
  {
    id: 'web-address',
    category: 'name-of-record',
    scope: 'the web address or e-mail address itself',
    why: 'A term inside a web address or an e-mail address is part of a link: the words name a page, and a fix would break the link.',
    leavesAlone: 'The same words in the text around the address.',
    examples: {
      excused: [
        'See https://alder-county.example/CSEC-Resources for the county’s services.',
        'Questions go to csec.unit@alder-county.example by email.',
        'Staff send the form to https://forms.alder-county.example/sex-trafficking-referral before the meeting.',
        'The training page is www.alder-county.example/csec-training for all new staff.',
        'Write to dmst.response@redwater-county.example for a consultation.',
      ],
      reported: ['See the CSEC page at https://alder-county.example/services for help.', 'Staff screen for sex trafficking at https://alder-county.example/intake and in person.'],
    },
  },
  {
    id: 'linked-title',
    category: 'name-of-record',
    scope: 'the words of a hyperlink (Markdown and Word)',
    why: 'A term inside the words of a hyperlink that read as a title (two words or more, the longer ones capitalised): the link names the page or document it opens, another work’s title.',
    leavesAlone: 'A link whose words are part of the sentence (“read more about sex trafficking here”), and the text around a link.',
    examples: {
      excused: [
        'Parents can read [Sex Trafficking Warning Signs for Families](https://example.org/signs) at home.',
        'The form follows [Screening Youth for Commercial Sexual Exploitation](https://example.org/screening).',
        'See [CSEC Placement Options in Rural Counties](https://example.org/placement) for the state’s list.',
        '- [Domestic Minor Sex Trafficking: A Guide for Schools](https://example.org/dmst)',
        'Staff may use [The CSEC Youth Toolkit](https://example.org/toolkit) in team meetings.',
      ],
      reported: [
        'Staff [read more about sex trafficking here](https://example.org/more) before screening youth.',
        'Advocates serve CSEC youth; see [Services](https://example.org/services).',
      ],
    },
  },
  {
    id: 'cited-title',
    category: 'name-of-record',
    scope: 'the capitalised words around the term',
    why: 'A term inside the title of a law or another work: a run of capitalised words that ends in Act, Report, Toolkit, Guide, Handbook, Manual, Study, Framework, Agreement, MOU, Poster, Series, Webinar or another kind of work, or that is named right after “a study”, “the report”, or any work “titled” or “entitled” so; a run of capitalised words followed by the kind of event in lower case (“… Brown Bag series”); a heading that names a published resource (“… Fact Sheet”, “… Series”). A memo’s subject line is the document’s own title and is never read so.',
    leavesAlone: 'Names of the author’s own protocols, units and teams (“the CSEC Response Protocol”): a protocol, unit or team is not a published work; and a title that opens with the term after no capitalised word, year or word such as “study” (“the county’s Sex Trafficking Response Guide”), unless it names an Act or another owner comes right before it (“the state’s …”, “a national …”): the county’s own guides are named so.',
    examples: {
      excused: [
        'The 2019 study, Sex Trafficking in the Marlow Valley, found that few cases reach court.',
        'A 2021 report titled Commercial Sexual Exploitation of Children in Rural Counties guided the plan.',
        'The Youth Sex Trafficking Prevention Act of 2018 funds shelters.',
        'Print the Sex Trafficking Warning Signs Poster for each school.',
        'The 2018 Sex Trafficking of Minors Response Guide remains in use.',
        '# Alder County Plan\n\n## CSEC Awareness Series',
        'Each school receives a booklet entitled Spotting Sex Trafficking Among Students.',
        'Principals keep a copy of the state’s Sex Trafficking Response Guide for Schools.',
        'Staff may join the Sex Trafficking Prevention Brown Bag series each month.',
      ],
      reported: ['Staff follow the CSEC Response Protocol.', 'The county’s Sex Trafficking Response Guide sets out each step.', 'The county will publish a yearly report on CSEC.'],
    },
  },
];
const BUILTIN_COUNT_WORD = NUMBER_WORDS[BUILTIN_DETECTORS.length];

/** Where a context looks for its phrases and patterns, in words. */
const SCOPES = {
  sentence: 'the term’s sentence',
  siblings: 'the term’s sentence and its sibling blocks: the other items of its list, the headings of its level under the same parent, the cells of its table, the entries of a table of contents (in a list or run of headings longer than six, only the neighbours on either side)',
  section: 'the term’s sentence and every block of its section (the blocks under its nearest heading)',
  next: 'the term’s sentence and the block right after it (a heading’s first paragraph)',
  'lead-in': 'the term’s sentence and what introduces its block: the paragraph or heading just before its list or table, and its section heading',
};

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An example as a list item: a sentence as text, Markdown with blocks of its own (headings, lists, tables) as code. */
function exampleItem(text) {
  if (!text.includes('\n') && !/^\s*(?:#|[-*+>|]|\d+[.)])/.test(text)) return [`- ${text}`];
  return ['- ```markdown', ...text.split('\n').map((l) => (l ? `  ${l}` : '')), '  ```'];
}

/** How a context is triggered and which terms it may excuse, in words. */
function howItWorks(set, c) {
  const out = [];
  const triggers = [];
  if (c.match?.length) triggers.push(`${plural(c.match.length, 'phrase')} (${c.match.slice(0, 6).map((m) => `“${m}”`).join(', ')}${c.match.length > 6 ? ', …' : ''})`);
  if (c.patterns?.length) triggers.push(plural(c.patterns.length, 'pattern'));
  if (c.matchLaws) {
    const laws = [...set.laws.values()];
    triggers.push(`the names of the ${laws.length} laws in \`rules/laws.yaml\` (${new Set(laws.map((l) => l.jurisdiction)).size} jurisdictions, each with its source)`);
  }
  const near = Array.isArray(c.near) ? c.near.length : c.near ? 1 : 0;
  out.push(`- **Looks at**: ${SCOPES[c.scope ?? 'sentence']}.`);
  out.push(triggers.length > 0 ? `- **Triggered by**: ${triggers.join('; ')}.` : '- **Triggered by**: no phrase; the words right around the term decide.');
  if (near > 0) out.push(`- **Only for a term** whose words right before or after it fit ${near === 1 ? 'its `near` condition' : `one of its ${near} \`near\` conditions`}.`);
  if (c.stateLaw) {
    const states = new Set([...set.laws.values()].filter((l) => c.stateLaw.includes(l.kind) && l.jurisdiction !== 'US').map((l) => l.jurisdiction));
    out.push(`- **Only in a document of a state** (the one its title and opening name most) whose laws in \`rules/laws.yaml\` limit ${c.stateLaw.join(' or ')} duties to sex trafficking: ${[...states].sort().join(', ')}.`);
  }
  out.push(`- **Excuses**: ${(c.kinds ?? ['too-narrow']).join(', ')} terms${c.blocks ? `, in ${c.blocks.map((b) => `${b}s`).join(' and ')} only` : ''}.`);
  if (c.unless?.length) out.push(`- **Cancelled** where the term’s sentence matches ${c.unless.length === 1 ? 'its `unless` pattern' : `one of its ${c.unless.length} \`unless\` patterns`}.`);
  return out;
}

function detectorSection(d, how) {
  const out = [`### \`${d.id}\``, '', ...how, '', `**Recognizes.** ${d.why.trim()}`, '', `**Leaves alone.** ${(d.leavesAlone ?? '').trim()}`, ''];
  out.push('Kept quiet (the tests check that this detector is what excused the term):', '');
  for (const e of d.examples?.excused ?? []) out.push(...exampleItem(e));
  out.push('', 'Still reported:', '');
  for (const e of d.examples?.reported ?? []) out.push(...exampleItem(e));
  out.push('');
  return out;
}

export function accuracyDoc(set) {
  const contexts = [...set.contexts.values()];
  const out = [
    '# Accuracy: the detectors',
    '',
    '<!-- Generated by scripts/gen-accuracy-doc.js from rules/*.yaml: edit the YAML, then run `npm run docs:accuracy`. -->',
    '',
    'A term rule (see [rules](rules.md)) finds a candidate phrase such as “CSEC” or “sex trafficking”. A **detector** then',
    'decides whether that occurrence may stand: where the narrow words are right (a definition, a duty the law limits to',
    'sex trafficking, a pairing with labor trafficking, a statistic, a name of record), the detector keeps the term from',
    `being reported. ${BUILTIN_COUNT_WORD} detectors are built into the engine; the others are *contexts*, data in \`rules/contexts.yaml\``,
    'and `rules/laws.yaml` that a county can extend or replace in its own pack (see [configuration](configuration.md)).',
    '',
    'What a correct finding is comes from the annotation guide, which puts every occurrence of a candidate phrase in one',
    'of three kinds:',
    '',
    '- **expected**: policylint must flag it (`csec-only`, `sex-only`, `stigmatizing`): the term names the population a',
    '  policy serves, sets the scope of a duty, training or screening, or names the author’s own body;',
    '- **forbidden**: policylint must not flag it (`inclusive-pairing`, `sex-specific-duty`, `sex-specific-fact`,',
    '  `definition`, `name-of-record`, `quotation`); a flag there is a false alarm;',
    '- **ambiguous**: careful readers could put it either way; not scored.',
    '',
    'Each detector below names the forbidden category it recognizes (or `mention`, for words discussed rather than used).',
    'The detectors are tried in order and the first that applies excuses the term: block quotations and names of record,',
    'then web addresses, quotation marks and cited titles, then each context in the order of the table below, first by',
    'what the term’s own sentence holds and then, for a context with a wider scope, by what its siblings, section, next',
    'block or lead-in hold. Section headings are decided last, by the text under them (`heading-follows-text`).',
    '',
    '## How `policylint eval` credits detectors',
    '',
    '`policylint eval` ([eval](eval.md)) traces every candidate that a detector kept quiet and closes its report with a',
    'table, *Detectors (what each kept from being reported)*. Each detector is credited once per annotated span it kept',
    'quiet, unless a finding flagged that span anyway:',
    '',
    '| column | counts | means |',
    '|---|---|---|',
    '| forbidden kept | forbidden spans it kept from being flagged | its hits: false alarms avoided |',
    '| expected silenced | expected spans it kept from being flagged | misses it caused: the detector is too broad there |',
    '| other | candidates on no annotated span, or only on ambiguous ones | not scored |',
    '',
    'A detector whose `expected silenced` rises after an edit has grown too broad; one whose examples below fail has',
    'grown too narrow. `test/rule-data.test.ts` runs every context’s examples: each sentence kept quiet must give no term',
    'finding, and this very detector must be the one that excused a term in it; each sentence still reported must give',
    'a term finding.',
    '',    '## Probes: documents written to find what the annotated ones miss',
    '',
    'The annotated documents can only show the shapes their authors happened to use. To find the others, we write short',
    'documents of our own, each one shape the annotation guide decides (another agency’s task force, a law that',
    'classifies, a report’s finding, a youth who discloses, a provision in another state’s words), before looking at what',
    'policylint does with them; each shape it got wrong is fixed by category, with examples in new words, never by',
    'adding the probe’s own phrase. The probes stay in `test/fixtures-probes/` (`test/guide-probes.test.ts` runs them',
    'through the engine), so that no later change undoes a fix. On each batch’s first run, before any fix, policylint',
    'agreed with the guide on 50–100% of a batch’s term probes (82%, 292 of 358, over all twenty batches) and 70–100%',
    'of a batch’s provision probes (82%, 77 of 94, six batches): that first-run rate, not the 100% after fixing, is the estimate for',
    'wording nobody has written a detector for yet. Two provision probes were left failing and taken out of the file,',
    'since the guide does not decide them: an unnamed “response team” (a named special team is not always an MDT) and a',
    'course known only by a code such as “… 101”; and one still fails: an ordinance whose title is only its number and whose',
    'opening names the body it forms several words after “establishing”, which is not read as that body’s charter. The',
    'provision file also holds the cases written for each fix.',
    '',
    '## Detectors in the order they are tried',
    '',
    '| # | detector | category | looks at | examples kept quiet / still reported |',
    '|---|---|---|---|---|',
  ];
  const rows = [...BUILTIN_DETECTORS.map((d) => ({ d, builtin: true })), ...contexts.map((d) => ({ d, builtin: false }))];
  rows.forEach(({ d, builtin }, i) => {
    const scope = builtin ? d.scope : (d.scope ?? 'sentence');
    out.push(`| ${i + 1} | [\`${d.id}\`](#${d.id})${builtin ? ' (built in)' : ''} | ${d.category ?? '—'} | ${builtin ? cell(scope) : `\`${scope}\``} | ${d.examples?.excused?.length ?? 0} / ${d.examples?.reported?.length ?? 0} |`);
  });
  out.push('');

  out.push('## Built into the engine', '', 'These four are code (`src/rules/terms.ts`), not data; their examples run in `test/accuracy-doc.test.ts`.', '');
  for (const d of BUILTIN_DETECTORS) out.push(...detectorSection(d, [`- **Looks at**: ${d.scope}.`, `- **Category**: ${d.category}.`]));

  for (const [category, { title, about }] of Object.entries(CATEGORIES)) {
    const members = contexts.filter((c) => c.category === category);
    if (members.length === 0) continue;
    out.push(`## ${title} (\`${category}\`)`, '', about, '');
    for (const c of members) out.push(...detectorSection(c, howItWorks(set, c)));
  }
  const uncategorised = contexts.filter((c) => !(c.category in CATEGORIES));
  if (uncategorised.length > 0) {
    out.push('## Without a category', '');
    for (const c of uncategorised) out.push(...detectorSection(c, howItWorks(set, c)));
  }
  return out.join('\n');
}

// Run as a script (not when a test imports the built-in detectors' examples).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { builtinRuleSet } = await import('../dist/rules/ruleset.js');
  const set = builtinRuleSet();
  const doc = accuracyDoc(set);
  const target = new URL('../docs/accuracy.md', import.meta.url);
  if (process.argv.includes('--check')) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== doc) {
      console.error('docs/accuracy.md is out of date with rules/*.yaml: run `npm run docs:accuracy` and commit the result.');
      process.exit(1);
    }
    process.exit(0);
  }
  writeFileSync(target, doc);
  console.log(`docs/accuracy.md: ${BUILTIN_DETECTORS.length} built-in detectors, ${set.contexts.size} contexts`);
}
