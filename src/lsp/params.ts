// Checks request parameters before a handler reads them: a client bug or a
// hand-written request gets an InvalidParams error back instead of a crash
// deep inside a handler.
import { ErrorCodes, ResponseError, type CodeActionParams, type HoverParams, type Position, type Range } from 'vscode-languageserver';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isPosition(v: unknown): v is Position {
  return isObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
}

function isRange(v: unknown): v is Range {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}

function invalid(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

function checkDocument(method: string, params: unknown): asserts params is { textDocument: { uri: string } } {
  if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') {
    throw invalid(method, 'params.textDocument.uri must be a string');
  }
}

export function checkCodeActionParams(params: unknown): CodeActionParams {
  checkDocument('textDocument/codeAction', params);
  const p = params as unknown as Record<string, unknown>;
  if (!isRange(p.range)) throw invalid('textDocument/codeAction', 'params.range must be a range');
  if (!isObject(p.context) || !Array.isArray(p.context.diagnostics)) throw invalid('textDocument/codeAction', 'params.context.diagnostics must be a list');
  if (p.context.only !== undefined && !(Array.isArray(p.context.only) && p.context.only.every((k) => typeof k === 'string'))) {
    throw invalid('textDocument/codeAction', 'params.context.only must be a list of kinds');
  }
  // Diagnostics are the client's copies: keep only the ones shaped like diagnostics.
  const diagnostics = p.context.diagnostics.filter((d) => isObject(d) && isRange(d.range));
  return { ...(p as unknown as CodeActionParams), context: { ...(p.context as unknown as CodeActionParams['context']), diagnostics } as CodeActionParams['context'] };
}

export function checkHoverParams(params: unknown): HoverParams {
  checkDocument('textDocument/hover', params);
  if (!isPosition((params as unknown as Record<string, unknown>).position)) throw invalid('textDocument/hover', 'params.position must be a position');
  return params as unknown as HoverParams;
}
