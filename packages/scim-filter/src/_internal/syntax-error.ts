import { describeProblem, type ProblemParts, ScimError } from '@scimkit/schema';

/** Which grammar is being parsed: it picks the `scimType` and the wording of messages. */
export type Grammar = 'filter' | 'path';

/** Characters of context shown on each side of the caret. */
const CONTEXT = 32;

/**
 * The one builder of every syntax error: "Invalid filter at position N: expected X, found Y."
 * followed by the input around N with a caret under it. `position` is a zero-based offset.
 */
export function syntaxError(
  grammar: Grammar,
  source: string,
  position: number,
  expected: string,
  found: string,
  example?: string,
): ScimError {
  const parts: ProblemParts = {
    failed: `Invalid ${grammar} at position ${position}`,
    expected,
    found,
  };
  if (example !== undefined) parts.example = example;
  const detail = `${describeProblem(parts)}\n${excerpt(source, position)}`;
  return grammar === 'filter'
    ? ScimError.invalidFilter(detail, { position })
    : ScimError.invalidPath(detail, { position });
}

/**
 * Two lines: up to `CONTEXT` characters either side of `position`, then a caret under it.
 * Control characters become spaces so that the caret stays aligned.
 */
export function excerpt(source: string, position: number): string {
  const start = Math.max(0, position - CONTEXT);
  const end = Math.min(source.length, position + CONTEXT);
  const before = start > 0 ? '…' : '';
  const after = end < source.length ? '…' : '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  const shown = source.slice(start, end).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `  ${before}${shown}${after}\n  ${' '.repeat(before.length + position - start)}^`;
}

/** A short, quoted form of a piece of input for "found …". */
export function quote(text: string): string {
  return JSON.stringify(text.length > CONTEXT ? `${text.slice(0, CONTEXT)}…` : text);
}
