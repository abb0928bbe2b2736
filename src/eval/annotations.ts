// Reads an annotations file (the annotation guide's schema, schema/annotations.schema.json):
// annotated documents with their expected, forbidden and ambiguous spans and the accepted
// provision statuses. A mistake becomes one EvalInputError naming the file and the JSON path.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { DocType, ProvisionStatus } from '../types.js';

export type SpanKind = 'expected' | 'forbidden' | 'ambiguous';

export interface AnnotatedSpan {
  line: number;
  column: number;
  /** Exclusive, in UTF-16 code units. */
  endColumn: number;
  text?: string;
  kind: SpanKind;
  category?: string;
  note?: string;
}

export interface AnnotatedDocument {
  /** As written in the file (relative to its folder); shown in reports. */
  path: string;
  /** Absolute path of the document. */
  filePath: string;
  docType?: DocType;
  completeness?: 'complete' | 'excerpt';
  terms: AnnotatedSpan[];
  provisions: Record<string, ProvisionStatus[]>;
}

/** Bad input to `policylint eval`: the message names the file and, for schema errors, the JSON path. */
export class EvalInputError extends Error {}

const SCHEMA_PATH = fileURLToPath(new URL('../../schema/annotations.schema.json', import.meta.url));

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  return validator;
}

/** `/3/terms/0/kind` → `$[3].terms[0].kind`, the way JSON paths are usually written. */
export function jsonPath(pointer: string): string {
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$-]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}

function describe(error: ErrorObject): string {
  const where = jsonPath(error.instancePath);
  if (error.keyword === 'required') return `${where}: missing "${(error.params as { missingProperty: string }).missingProperty}"`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where}: ${error.message ?? 'is not valid'}`;
}

export function readAnnotations(file: string): AnnotatedDocument[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not an annotations file' : e instanceof SyntaxError ? `is not valid JSON (${e.message})` : (e as Error).message;
    throw new EvalInputError(`${file}: ${problem}`);
  }
  const check = validate();
  if (!check(data)) throw new EvalInputError(`${file}: ${describe(check.errors![0])}`);
  const folder = dirname(resolve(file));
  return (data as Omit<AnnotatedDocument, 'filePath'>[]).map((doc, i) => {
    doc.terms.forEach((span, k) => {
      if (span.endColumn <= span.column) throw new EvalInputError(`${file}: ${jsonPath(`/${i}/terms/${k}/endColumn`)}: must be greater than column`);
    });
    return { ...doc, provisions: doc.provisions ?? {}, filePath: resolve(folder, doc.path) };
  });
}
