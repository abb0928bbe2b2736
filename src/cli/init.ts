// `policylint init`: writes a commented starter .policylintrc.yaml in the
// current folder. It never overwrites: a folder that already has a config file
// keeps it, and the person is told which one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFileIn } from '../config/index.js';

export const STARTER_FILE = '.policylintrc.yaml';

export const STARTER_CONFIG = `# policylint configuration (docs/configuration.md in the policylint package).
# Applies to the documents in this folder and below. Files in subfolders
# override it; the command line (--rule, --doc-type, --rule-pack) overrides both.
# yaml-language-server: $schema=./node_modules/policylint/schema/config.schema.json

# Stop looking for .policylintrc files in the folders above this one.
root: true

# policylint:recommended keeps every rule at its default severity.
# policylint:strict makes missing provisions and CSEC-only terms errors.
extends: policylint:recommended

# Severity per rule (off, info, warn, error), per pattern (term/*, provision/*)
# or per kind (term, provision). \`policylint rules\` lists every rule id.
rules:
  # term/pimp: off
  # provision/tribal-collaboration: off
  # provision: error

# The document type decides which provisions apply (protocol, policy, mou,
# charter, training, screening, guideline). Leave it out to let policylint guess
# from each document's title and opening text.
# docType: protocol

# The county's own rule pack: names of record that must never be flagged (a
# program, a statute title), extra terms and provisions. Paths are relative to
# this file; the pack format is schema/rule-pack.schema.json.
# rulePacks:
#   - ./county-pack.yaml

# Warn about policylint-disable comments that no longer suppress anything.
reportUnusedDisableDirectives: warn
`;

/** Writes the starter config into `dir`; returns its path, or throws when a config is already there. */
export function writeStarterConfig(dir: string): string {
  const existing = configFileIn(dir);
  if (existing) throw new StarterExistsError(existing);
  const file = join(dir, STARTER_FILE);
  // 'wx' fails if the file appeared meanwhile: never overwrite.
  writeFileSync(file, STARTER_CONFIG, { flag: 'wx' });
  return file;
}

export class StarterExistsError extends Error {
  constructor(readonly existing: string) {
    super(`${existing} already exists; edit it instead (policylint init never overwrites a config)`);
  }
}
