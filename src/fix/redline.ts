// Turns lint findings into a Word redline: each term fix becomes a tracked
// change, each provision finding a comment carrying its model language.
import type { PolicyDocument } from '../model.js';
import type { Finding, Fix, TextEdit } from '../types.js';
import { redlineDocx, type RedlineComment, type RedlineEdit } from './docx-redline.js';
import { isProvisionRule } from '../rule-id.js';

/** A Word finding's fix: an edit of its paragraph. */
const isParagraphEdit = (fix: Fix | undefined): fix is TextEdit => fix !== undefined && 'block' in fix;

export function redlineForFindings(bytes: Uint8Array, doc: PolicyDocument, findings: Finding[], date = new Date(), author = 'policylint'): Uint8Array {
  const edits: RedlineEdit[] = findings
    .flatMap((f) => (isParagraphEdit(f.fix) ? [{ edit: f.fix, note: `${f.message} [${f.ruleId}]` }] : []));
  const comments: RedlineComment[] = findings
    .filter((f) => isProvisionRule(f.ruleId))
    .map((f) => ({
      // Absent provisions concern the whole document: anchor them on the first paragraph.
      block: f.block >= 0 ? f.block : -1,
      text: `${f.message}\n\nModel language (${f.ruleId}):\n${f.suggestions[0]?.text ?? ''}`,
    }));
  return redlineDocx(bytes, doc, edits, comments, { author, date });
}
