import type { ActionItemDraft, Evidence, EvidenceField } from '../quality.types.js';
import type { Token } from './normalize.js';

/** Evidence for tokens[from..to] (inclusive) of a field's text. */
export function tokenEvidence(
  field: EvidenceField,
  text: string,
  tokens: readonly Token[],
  from: number,
  to = from,
): Evidence[] {
  const a = tokens[Math.max(0, from)];
  const b = tokens[Math.min(tokens.length - 1, Math.max(from, to))];
  if (!a || !b) return [];
  return [{ field, start: a.start, end: b.end, text: text.slice(a.start, b.end) }];
}

/** Evidence for the first place the words occur in the field (case-insensitive, any spacing or punctuation). */
export function locate(field: EvidenceField, text: string | null | undefined, words: string): Evidence[] {
  if (!text || !words.trim()) return [];
  // Most findings quote the words as typed: a plain search is enough, and far cheaper than the pattern.
  const lower = text.toLowerCase();
  const at = lower.length === text.length ? lower.indexOf(words.trim().toLowerCase()) : -1;
  if (at >= 0) {
    const end = at + words.trim().length;
    if (!/[\p{L}\p{N}_]/u.test(text.charAt(at - 1)) && !/[\p{L}\p{N}_]/u.test(text.charAt(end)))
      return [{ field, start: at, end, text: text.slice(at, end) }];
  }
  const parts = words
    .trim()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!parts.length) return [];
  const m = new RegExp(parts.join('[^\\p{L}\\p{N}_]+(?:s[^\\p{L}\\p{N}_]+)?'), 'iu').exec(text);
  return m ? [{ field, start: m.index, end: m.index + m[0].length, text: m[0] }] : [];
}

/** The whole of a field, trimmed, for findings about a field as a whole. */
export function wholeField(draft: ActionItemDraft, field: EvidenceField): Evidence[] {
  const text = draft[field];
  if (typeof text !== 'string' || !text.trim()) return [];
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return [{ field, start, end, text: text.slice(start, end) }];
}
