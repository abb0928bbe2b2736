// Provision rules decided from a document's structure, through lintText as the
// CLI and the language server call it: where a provision's required concepts
// may come from (not from the document title), which place a partial finding
// points at, and what counts as screening or staff training.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';
import type { DocType } from '../src/types.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

function lint(text: string, docType: DocType = 'protocol', file = '/policies/policy.md') {
  return lintText(file, text, { useConfigFiles: false, docType }).result;
}

function provision(text: string, id: string, docType: DocType = 'protocol') {
  const result = lint(text, docType);
  const status = result.provisions.find((p) => p.id === id);
  if (!status) throw new Error(`no provision ${id}`);
  return { ...status, finding: result.messages.find((m) => m.ruleId === `provision/${id}`) };
}

describe('the document title does not supply what a section must say', () => {
  const protocol = [
    '# Child Trafficking Protocol: Sex and Labor Trafficking',
    '',
    '## 1. Multidisciplinary Team',
    '',
    'An MDT will be convened for each youth identified as a victim of commercial sexual exploitation.',
    '',
    '## 2. Mandated Reporting',
    '',
    'Staff who reasonably suspect commercial sexual exploitation call the Child Abuse Hotline immediately.',
    '',
  ].join('\n');

  it('a labor term in the title does not make a CSEC-only MDT section present', () => {
    const mdt = provision(protocol, 'mdt-labor');
    expect(mdt.status).toBe('partial');
    expect(mdt.line).toBe(3);
    expect(mdt.finding?.detail).toMatch(/^The MDT is limited to commercially sexually exploited children/);
  });

  it('nor a CSEC-only reporting section', () => {
    expect(provision(protocol, 'canra-labor')).toMatchObject({ status: 'partial', line: 7 });
  });

  it('nor an MOU whose steering committee is the CSEC Steering Committee', () => {
    const mou = [
      '# Memorandum of Understanding: Tule Basin County Commercial Exploitation of Children Response',
      '',
      '## 1. Governance',
      '',
      'The parties designate representatives to the CSEC Steering Committee, which meets quarterly to review this MOU.',
      '',
    ].join('\n');
    expect(provision(mou, 'steering-committee-inclusive', 'mou').status).toBe('partial');
  });

  it('also when the title is the only heading', () => {
    const text = '# Child Trafficking Protocol: Sex and Labor Trafficking\n\nAn MDT will be convened for each youth identified as a victim of commercial sexual exploitation.\n';
    expect(provision(text, 'mdt-labor').status).toBe('partial');
  });

  it('a section heading still counts for the blocks under it, at any depth', () => {
    const text = [
      '# County Protocol',
      '',
      '## 4. Labor Trafficking',
      '',
      '### 4.1 Mandated Reporting',
      '',
      'Staff call the Child Abuse Hotline immediately and send a written report within 36 hours.',
      '',
    ].join('\n');
    expect(provision(text, 'canra-labor').status).toBe('present');
  });

  it('a title naming the topic still makes the whole document about it', () => {
    const charter = [
      '# Tule Basin County Steering Committee Charter',
      '',
      '## 1. Mission',
      '',
      "The committee oversees the county's response to the sex and labor trafficking of children and youth.",
      '',
    ].join('\n');
    expect(provision(charter, 'steering-committee-inclusive', 'charter').status).toBe('present');
  });

  it('a Word-style title over level-1 sections does not reach into them', () => {
    const text = [
      '# Protocol on Sex and Labor Trafficking',
      '',
      '# 1. Multidisciplinary Team',
      '',
      'An MDT will be convened for each youth identified as a victim of commercial sexual exploitation.',
      '',
    ].join('\n');
    expect(provision(text, 'mdt-labor').status).toBe('partial');
  });
});

describe('a partial provision points at its own section', () => {
  it("examples/county-protocol.md: canra-labor at '## 5. Mandated Reporting', not at a passing mention of the hotline", () => {
    const text = readFileSync(new URL('../examples/county-protocol.md', import.meta.url), 'utf8');
    const result = lintText('examples/county-protocol.md', text, { useConfigFiles: false }).result;
    expect(result.provisions.find((p) => p.id === 'canra-labor')).toMatchObject({ status: 'partial', line: 48 });
    // Training: the '## 8. Training' section, not the caregivers' curriculum under Services.
    expect(result.provisions.find((p) => p.id === 'training-labor')).toMatchObject({ status: 'partial', line: 76 });
  });

  it('prefers a section under one of the suggested headings ("Reporting") to a passing mention elsewhere', () => {
    const text = [
      '# County Protocol',
      '',
      '## 1. Purpose',
      '',
      'This protocol applies to youth referred to the Child Abuse Hotline for suspected abuse.',
      '',
      '## 2. Reporting',
      '',
      'Staff tell their supervisor about the call.',
      '',
      'Staff who reasonably suspect abuse report it immediately.',
      '',
    ].join('\n');
    const canra = provision(text, 'canra-labor');
    expect(canra.status).toBe('partial');
    expect(canra.line).toBe(11);
    expect(canra.finding?.detail).toMatch(/^The reporting section does not mention labor trafficking/);
    expect(canra.finding?.message).toMatch(/^Mandated reporting covers child labor trafficking: does not mention labor trafficking; /);
  });

  it('prefers the own section even where it lacks more, and names what that section lacks', () => {
    const text = [
      '# County Protocol',
      '',
      '## 1. Purpose',
      '',
      'The MDT serves youth identified as victims of exploitation.',
      '',
      '## 2. Multidisciplinary Team',
      '',
      'The team meets monthly.',
      '',
    ].join('\n');
    const mdt = provision(text, 'mdt-labor');
    expect(mdt).toMatchObject({ status: 'partial', line: 7 });
    expect(mdt.finding?.detail).toMatch(/^The team section does not mention who the team serves \(eligibility or referral criteria\) and labor trafficking \(or "all forms of child trafficking"\)\. State which children/);
  });

  it('a present provision is shown at its own section too', () => {
    const text = [
      '# County Protocol',
      '',
      '## 1. Purpose',
      '',
      'Youth who may have experienced sex or labor trafficking are referred to the Child Abuse Hotline.',
      '',
      '## 2. Mandated Reporting',
      '',
      'Staff who reasonably suspect sex or labor trafficking call the Child Abuse Hotline immediately.',
      '',
    ].join('\n');
    expect(provision(text, 'canra-labor')).toMatchObject({ status: 'present', line: 7 });
  });
});

describe('screening needs a screening or assessment step', () => {
  it('indicators named in a training sentence are not a screening procedure', () => {
    const text = [
      '# County Protocol',
      '',
      '## 8. Training',
      '',
      'All staff complete annual training on sex and labor trafficking, including indicators of labor trafficking in agriculture and domestic work.',
      '',
    ].join('\n');
    expect(provision(text, 'labor-screening').status).toBe('absent');
    expect(provision(text, 'training-labor').status).toBe('present');
  });

  it('a screening step that covers labor-trafficking indicators is present', () => {
    const text = '# County Protocol\n\n## 4. Screening\n\nSocial workers screen each youth for indicators of sex and labor trafficking at intake.\n';
    expect(provision(text, 'labor-screening').status).toBe('present');
  });
});

describe('staff training is not a caregiver "trained to care for" youth', () => {
  it.each([
    'Place the child with a resource family trained to care for youth who have experienced exploitation.',
    'Resource families are trained to care for youth who have experienced exploitation.',
  ])('%s', (sentence) => {
    expect(provision(`# County Protocol\n\n## 7. Placement\n\n${sentence}\n`, 'training-labor').status).toBe('absent');
  });

  it('staff trained to recognize labor trafficking is training', () => {
    const text = '# County Protocol\n\n## 8. Staff Development\n\nSocial workers are trained to recognize the indicators of labor trafficking.\n';
    expect(provision(text, 'training-labor').status).toBe('present');
  });
});

describe('what a document is, from what it says of itself', () => {
  const guessed = (text: string) => lintText('/policies/item.md', text, { useConfigFiles: false }).result.docType;

  it('a board item that approves an agreement is typed as the agreement', () => {
    expect(guessed('File 24-118\n\nRecommended action: approve the Harbor County youth services memorandum of understanding.\n\nThe Board of Supervisors approves the MOU.\n')).toBe('mou');
    // A board item without an agreement in its opening is not.
    expect(guessed('File 24-119\n\nRecommended action: adopt a resolution naming January as awareness month.\n\nThe Board of Supervisors adopts the resolution.\n')).toBe('protocol');
  });

  it('an ordinance that creates an advisory council is that council\'s charter', () => {
    expect(guessed('# Ordinance 2024-7: Youth Safety Advisory Council\n\nThis ordinance creates an advisory council of nine members.\n')).toBe('charter');
  });

  it("a page titled with a body's name is that body's charter; the body's protocol is a protocol", () => {
    expect(guessed('# Harbor County Youth Safety Steering Committee\n\nThe committee meets monthly; its members are listed below.\n')).toBe('charter');
    expect(guessed('# Harbor County Task Force Protocol\n\nThe task force responds to every referral.\n')).toBe('protocol');
  });

  it('a press release, newsletter or annual report is read as guidance', () => {
    expect(guessed('# Spring Newsletter\n\nThe county trained 40 caregivers this season.\n')).toBe('guideline');
    expect(guessed('FOR IMMEDIATE RELEASE\n\nMedia contact: the county press office.\n\nThe county opened a youth drop-in center.\n')).toBe('guideline');
  });
});

describe('a subject line is the title of a memo or board item', () => {
  it('a subject naming only sexual exploitation makes the title partial, whatever the letterhead heading says', () => {
    const text = 'Subject: Harbor County CSEC Services Agreement\n\n# REPORT TO THE BOARD OF SUPERVISORS\n\nThe agreement funds two advocates.\n';
    expect(provision(text, 'inclusive-title', 'mou').status).toBe('partial');
  });
});

describe('"human trafficking" covers labor trafficking where the document says it does', () => {
  const text = (extra: string) =>
    `# Harbor County Policy\n\n## Reporting\n\nStaff who suspect human trafficking make a report to Statewide Intake at once.\n\n${extra}\n`;
  it('present when the document names labor trafficking elsewhere', () => {
    expect(provision(text('## Definitions\n\nHuman trafficking includes sex trafficking and labor trafficking.'), 'canra-labor').status).toBe('present');
  });
  it('present when the document never limits trafficking to sex', () => {
    expect(provision(text('## Services\n\nAdvocates meet each youth within a day.'), 'canra-labor').status).toBe('present');
  });
  it('partial when the document speaks only of sexual exploitation elsewhere', () => {
    expect(provision(text('## Services\n\nAdvocates meet each sexually exploited youth within a day.'), 'canra-labor').status).toBe('partial');
  });
});

describe('a very long paragraph is judged a few sentences at a time', () => {
  const filler = Array.from({ length: 14 }, (_, i) => `Advocates keep a shared calendar of court dates and school meetings for youth number ${i + 1} in the program.`).join(' ');
  const paragraph = (reporting: string, labor: string) => `# Harbor County Protocol\n\n${reporting} ${filler} ${labor}\n`;
  it('labor trafficking far from the reporting duty does not make reporting cover it', () => {
    const text = paragraph('Mandated reporters call the child abuse hotline when they suspect a child is sexually exploited.', 'The county also studies labor trafficking in agriculture.');
    expect(text.length).toBeGreaterThan(1500);
    expect(provision(text, 'canra-labor').status).toBe('partial');
  });
  it('labor trafficking next to the reporting duty does', () => {
    const text = paragraph('Mandated reporters call the child abuse hotline when they suspect sex or labor trafficking of a child.', 'The county also studies farm work.');
    expect(provision(text, 'canra-labor').status).toBe('present');
  });
});

describe('the title a form wraps', () => {
  it('a heading that only names the form is a label: the recommended action under it is the title', () => {
    const text = '# Agenda Item\n\nApprove the CSEC services agreement with Harbor Youth Center for two years\n\nThe agreement funds two advocates.\n';
    expect(provision(text, 'inclusive-title', 'mou')).toMatchObject({ status: 'partial', line: 3 });
  });
  it('a board item with no heading is titled by its first recommended action', () => {
    const text = 'BOARD MEETING ITEM 14\n\nRECOMMENDED ACTION:\n\n1. Adopt a resolution supporting services for sexually exploited youth in Harbor County.\n\nThe resolution takes effect at once.\n';
    expect(provision(text, 'inclusive-title', 'policy')).toMatchObject({ status: 'partial', line: 5 });
  });
  it('only a board item is titled by an action: a protocol that opens with an instruction has no title there', () => {
    const text = 'Accept every referral of a sexually exploited youth within one business day.\n\nStaff log each referral.\n';
    expect(provision(text, 'inclusive-title', 'protocol').status).toBe('present');
  });
  it('an agency letterhead heading is the author: the short line under it is the title', () => {
    const text = '## Harbor County Probation Department\n\nGuidelines for Supervising Commercially Sexually Exploited Youth\n\n## Supervision\n\nOfficers meet each youth weekly.\n';
    expect(provision(text, 'inclusive-title', 'policy')).toMatchObject({ status: 'partial', line: 3 });
  });
  it('a letterhead over a sentence keeps the heading as the title', () => {
    const text = '## Harbor County Probation Department\n\nOfficers meet each youth weekly.\n';
    expect(provision(text, 'inclusive-title', 'policy').status).toBe('present');
  });
  it('a heading that names the work is the title even on a form', () => {
    const text = '# Child Trafficking Services Agreement\n\nApprove the agreement with Harbor Youth Center for CSEC advocacy.\n';
    expect(provision(text, 'inclusive-title', 'mou').status).toBe('present');
  });
});

describe('a document titled for labor trafficking is about labor trafficking throughout', () => {
  const guide = (title: string) => `# ${title}\n\n## Teams\n\nA multidisciplinary team meets for every youth referred to the program.\n`;
  it('its team section serves labor-trafficked youth', () => {
    expect(provision(guide('Responding to Labor Trafficking of Young Workers'), 'mdt-labor').status).toBe('present');
  });
  it('not when the title names sex trafficking too, or only an umbrella', () => {
    expect(provision(guide('Responding to Sex and Labor Trafficking of Young People'), 'mdt-labor').status).toBe('partial');
    expect(provision(guide('Commercial Exploitation of Children Response Guide'), 'mdt-labor').status).toBe('partial');
  });
});

describe('reporting in the words of an intake manual', () => {
  const labor = '\n\n## Scope\n\nThis section covers sex trafficking and labor trafficking of minors.\n';
  it('the agency receiving reports of trafficking', () => {
    expect(provision(`# Intake\n\n## Trafficking\n\nThe hotline receives reports of human trafficking at any hour.${labor}`, 'canra-labor').status).toBe('present');
  });
  it('what the reporter says or suspects', () => {
    expect(provision(`# Intake\n\n## Trafficking\n\nWhen the reporter suspects that a child is being trafficked, the screener asks who else lives in the home.${labor}`, 'canra-labor').status).not.toBe('absent');
  });
  it('not a report in the sense of a publication', () => {
    expect(provision('# Annual Update\n\n## Findings\n\nThe annual report describes the program year.\n', 'canra-labor').status).toBe('absent');
  });
});

describe('identifying victims is the screening step, in any role', () => {
  it('an officer identifying sexually exploited youth at first contact is screening limited to sexual exploitation', () => {
    const text = '# First Contact Protocol\n\n## First Contact\n\nOfficers identify youth who have been sexually exploited and call an advocate.\n';
    expect(provision(text, 'labor-screening').status).toBe('partial');
  });
  it('not identifying a staff member or a resource', () => {
    const text = '# First Contact Protocol\n\n## Contacts\n\nEach agency will identify a liaison and a backup.\n';
    expect(provision(text, 'labor-screening').status).toBe('absent');
  });
});
