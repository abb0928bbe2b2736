// Generates policy-like documents for the benchmark: a county protocol's
// sections, numbered and bulleted lists, tables, block quotations, the
// CSEC-only wording policylint exists to find, labor-trafficking sentences
// and plain procedure prose. Everything is drawn from a seeded PRNG.
//
// A document is a list of blocks that the Markdown and Word writers render:
//   { type: 'heading', level, text }   { type: 'para', text }
//   { type: 'list', ordered, items }   { type: 'table', rows }   { type: 'quote', text }
// Inline marks in text: {b:…} bold, {i:…} italic, {link:label|url} and {code:…}.

const COUNTIES = ['Sierra Vista', 'Lake Haven', 'Mesa Grande', 'Redwood Falls', 'San Esteban', 'Pine Hollow', 'Coyote Valley', 'Del Oro', 'Alta Verde', 'Shasta Ridge', 'Monte Claro', 'Willow Creek'];
const AGENCIES = ['Child and Family Services (CFS)', 'the Probation Department', 'Behavioral Health Services', 'Public Health', "the Sheriff's Office", 'the County Office of Education', 'the District Attorney', 'the Regional Center', 'the Public Defender', 'the Juvenile Court'];
const AGENCY_SHORT = ['CFS', 'Probation', 'Behavioral Health', 'Public Health', 'law enforcement', 'Education', 'the DA', 'the Regional Center'];
const STAFF = ['social worker', 'probation officer', 'supervisor', 'public health nurse', 'emergency response worker', 'placement worker', 'CSEC Coordinator', 'mental health clinician', 'youth advocate', 'hotline screener'];
const DAYS = ['24 hours', '36 hours', '48 hours', 'three business days', 'five business days', 'ten business days', '30 days', '60 days', '90 days'];
const STATUTES = ['Welfare and Institutions Code section 16524.7', 'Penal Code section 236.1', 'Penal Code section 11165.1', 'Welfare and Institutions Code section 300(b)(2)', '42 U.S.C. 671(a)(34)', '22 U.S.C. 7102', 'Welfare and Institutions Code section 16501.35', 'Penal Code sections 11164-11174.3', 'All County Letter 16-49', 'All County Information Notice I-21-17'];
const FORMS = ['SOC 341', 'SOC 158', 'CSE-IT', 'JV-220', 'CWS/CMS', 'SDM hotline tool', 'CANS'];
const URLS = ['https://www.cdss.ca.gov/inforesources/child-trafficking', 'https://www.acf.hhs.gov/otip', 'https://www.cdss.ca.gov/acl', 'https://example.org/county/protocol', 'https://www.courts.ca.gov/forms.htm'];
const INDUSTRIES = ['agriculture', 'restaurants', 'nail salons', 'construction', 'domestic work', 'door-to-door sales', 'street vending', 'drug sales', 'cleaning crews', 'traveling magazine crews'];

// CSEC-only and stigmatizing wording (the findings), written several ways.
const NARROW_YOUTH = ['CSEC youth', 'CSEC victims', 'commercially sexually exploited children', 'sexually exploited youth', 'CSEC clients', 'CSEC minors', 'CSE-involved youth', 'youth involved in sex trafficking', 'CSEC population', 'domestic minor sex trafficking (DMST) victims'];
const STIGMA = ['a CSEC', 'child prostitute', 'juvenile prostitution', 'CSEC girls', 'prostituted children', 'underage sex workers', 'the life', 'pimps', 'johns'];
const NEUTRAL_YOUTH = ['youth', 'children and youth in foster care', 'dependent children', 'youth on probation', 'children who are missing from care', 'young people', 'youth in out-of-home care', 'non-minor dependents'];

const PROCEDURE = [
  'The assigned {staff} shall document the referral in {form} within {days} of receiving it.',
  '{Agency} and {agency} share information under {statute} when a child is at risk.',
  'Each {staff} completes the {form} at the initial placement and every six months thereafter.',
  'When a youth runs away from placement, the {staff} notifies law enforcement and the NCMEC within {days}.',
  'The {staff} reviews the safety plan with the youth and the caregiver, and updates it when the placement changes.',
  'A {b:warm handoff} to {agency} is made before the youth leaves the office, and the {staff} confirms the appointment.',
  'Supervisors review every open case at least monthly to confirm that services are in place.',
  'Records are kept confidential under Welfare and Institutions Code section 827 and shared only as the law allows.',
  'The county convenes the interagency steering committee quarterly to review data, gaps in services and training needs.',
  'Staff use trauma-informed, strengths-based and youth-centered practices in every contact with the family.',
  'If the youth does not speak English, an interpreter is provided at no cost, and the youth is never asked to interpret for a parent.',
  'The {staff} consults the {link:state guidance|{url}} before closing the case.',
  'Within {days}, {agency} assigns a liaison who attends the team meeting and follows up on referrals.',
  'A placement change is discussed with the youth first, and the reasons are written in the case plan.',
  'The county tracks referrals, screenings, placements and outcomes in {code:{form}} and reports them to CDSS each year.',
];
const NARROW = [
  'An MDT is convened within {days} for each {narrow} referred by the Hotline.',
  'The {staff} completes the CSE-IT for {narrow} and refers them to a CSEC advocate.',
  'Services for {narrow} include a {b:CSEC advocate}, a safety plan and specialized placement.',
  'Staff who suspect that a child is {i:commercially sexually exploited} must call the Child Abuse Hotline immediately.',
  'The CSEC Steering Committee reviews the protocol each year and reports on {narrow} to the Board of Supervisors.',
  'Caregivers receive CSEC 101 training before a {narrow} is placed in their home.',
  'Staff shall never refer to a youth as {stigma}, and shall not describe a trafficker as a boyfriend.',
  'Victims of sex trafficking are referred to the CSEC MDT, and {narrow} receive priority for housing.',
  'Data on {narrow} is reported to CDSS under the CSEC Program each fiscal year.',
  'Law enforcement contacts {agency} whenever {stigma} are identified during an operation.',
];
const LABOR = [
  'Labor trafficking means obtaining a child\'s labor or services through force, fraud or coercion, including debt bondage and involuntary servitude ({statute}).',
  'Youth who are forced to work in {industry} without pay, or whose wages are taken to repay a debt, are victims of labor trafficking.',
  'The MDT serves every child affected by trafficking, whether for sex or for labor, and does not require a sex-trafficking allegation.',
  'Indicators of labor trafficking include working long hours, not holding one\'s own identity documents, and owing a debt to an employer.',
  'A foreign national child who may be a victim of trafficking is referred to the HHS Office on Trafficking in Persons within 24 hours for an eligibility letter.',
  'Staff screen for both sex and labor trafficking with a validated tool, and document the result in {form}.',
  'Youth forced to sell drugs or to commit crimes for someone else may be victims of labor trafficking, and are treated as victims rather than offenders.',
  'Training covers all forms of child trafficking, including labor trafficking in {industry} and {industry}.',
  'Youth identified as victims of labor trafficking are not eligible for the CSEC MDT and are referred to law enforcement.',
];
const HEADINGS = [
  ['Purpose and Scope', 'Authority', 'Definitions', 'Guiding Principles'],
  ['Identification and Screening', 'Mandated Reporting', 'Hotline Response', 'Missing and Runaway Youth'],
  ['Multidisciplinary Team (MDT)', 'Interagency Coordination', 'Information Sharing', 'Law Enforcement Response'],
  ['Services and Placement', 'Safety Planning', 'Immigration Relief and Benefits', 'Labor Trafficking'],
  ['Training', 'Data Collection and Reporting', 'Confidentiality', 'Review of this Protocol'],
];
const TABLE_HEADS = [
  ['Role', 'Responsibility', 'Timeline'],
  ['Agency', 'Contact', 'When to involve'],
  ['Indicator', 'What staff do', 'Form'],
];

function fill(rng, template) {
  return template.replace(/\{(staff|Staff|agency|Agency|days|statute|form|narrow|stigma|url|industry|county)\}/g, (_, slot) => {
    switch (slot) {
      case 'staff': return rng.pick(STAFF);
      case 'Staff': { const s = rng.pick(STAFF); return s[0].toUpperCase() + s.slice(1); }
      case 'agency': return rng.pick(AGENCIES);
      case 'Agency': { const a = rng.pick(AGENCIES); return a[0].toUpperCase() + a.slice(1); }
      case 'days': return rng.pick(DAYS);
      case 'statute': return rng.pick(STATUTES);
      case 'form': return rng.pick(FORMS);
      case 'narrow': return rng.pick(NARROW_YOUTH);
      case 'stigma': return rng.pick(STIGMA);
      case 'url': return rng.pick(URLS);
      case 'industry': return rng.pick(INDUSTRIES);
      case 'county': return rng.pick(COUNTIES);
      default: return slot;
    }
  });
}

function sentence(rng) {
  const r = rng.next();
  if (r < 0.62) return fill(rng, rng.pick(PROCEDURE)).replace('{youth}', rng.pick(NEUTRAL_YOUTH));
  if (r < 0.85) return fill(rng, rng.pick(NARROW));
  return fill(rng, rng.pick(LABOR));
}

function paragraph(rng, min = 2, max = 6) {
  const n = rng.int(min, max);
  const out = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng));
  return out.join(' ');
}

function listItem(rng) {
  return rng.chance(0.5) ? sentence(rng) : `${fill(rng, rng.pick(['Notify {agency}', 'Complete the {form}', 'Refer to {agency}', 'Schedule the MDT', 'Screen for labor trafficking', 'Update the safety plan']))} within ${rng.pick(DAYS)}.`;
}

function table(rng) {
  const head = rng.pick(TABLE_HEADS);
  const rows = [head];
  const n = rng.int(3, 8);
  for (let i = 0; i < n; i++) {
    rows.push([
      rng.chance(0.5) ? rng.pick(STAFF) : rng.pick(AGENCY_SHORT),
      rng.chance(0.3) ? fill(rng, 'Serves {narrow}') : fill(rng, rng.pick(['Completes the {form}', 'Attends the MDT', 'Screens for sex and labor trafficking', 'Contacts {agency}', 'Updates the case plan'])),
      rng.pick(DAYS),
    ]);
  }
  return { type: 'table', rows };
}

/** One policy document of roughly `targetChars` characters of text. */
export function policyDocument(rng, targetChars) {
  const county = rng.pick(COUNTIES);
  const kind = rng.pick(['Interagency CSEC Protocol', 'Child Trafficking Response Policy', 'CSEC Memorandum of Understanding', 'Placement and Services Policy', 'Hotline Screening Guideline']);
  const blocks = [{ type: 'heading', level: 1, text: `${county} County ${kind}` }];
  let size = blocks[0].text.length;
  const push = (block) => {
    blocks.push(block);
    size += block.text?.length ?? (block.items ?? block.rows?.flat() ?? []).join(' ').length;
  };
  push({ type: 'para', text: paragraph(rng, 2, 4) });
  let section = 0;
  while (size < targetChars) {
    section++;
    const group = HEADINGS[(section - 1) % HEADINGS.length];
    push({ type: 'heading', level: 2, text: `${section}. ${rng.pick(group)}` });
    const parts = rng.int(2, 6);
    for (let p = 0; p < parts && size < targetChars; p++) {
      const r = rng.next();
      if (r < 0.12) push({ type: 'heading', level: 3, text: `${section}.${p + 1} ${rng.pick(rng.pick(HEADINGS))}` });
      if (r < 0.55) push({ type: 'para', text: paragraph(rng) });
      else if (r < 0.75) push({ type: 'list', ordered: rng.chance(0.4), items: Array.from({ length: rng.int(3, 7) }, () => listItem(rng)) });
      else if (r < 0.87) push(table(rng));
      else if (r < 0.93) push({ type: 'quote', text: fill(rng, 'Under {statute}, a child who is a victim of trafficking is a child in need of protection, and not a delinquent.') });
      else push({ type: 'para', text: paragraph(rng, 5, 9) });
    }
  }
  return blocks;
}
