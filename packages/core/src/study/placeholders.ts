/**
 * Placeholders in a study: entries `scf-risk new` wrote so that the file validates, marked
 * `placeholder: true` (an all-ones AHP matrix means "all equally important", not "not yet
 * judged"). `run` names each one in a warning; `run --strict` fails on them.
 */
import type { PathSegment } from '../errors.ts';
import type { Study } from './schema.ts';

export interface StudyPlaceholder {
  /** Where in the study (`['weighting', 'A']`). */
  path: PathSegment[];
  /** What to put there instead. */
  fill: string;
}

/** The entries of `study` marked `placeholder: true`, in file order. */
export function studyPlaceholders(study: Pick<Study, 'weighting'>): StudyPlaceholder[] {
  const out: StudyPlaceholder[] = [];
  for (const [code, entry] of Object.entries(study.weighting ?? {})) {
    if (entry.placeholder) out.push({ path: ['weighting', code], fill: fillText(entry.method) });
    if (entry.method === 'combine')
      for (const part of ['subjective', 'objective'] as const)
        if (entry[part].placeholder) out.push({ path: ['weighting', code, part], fill: fillText(entry[part].method) });
  }
  return out;
}

function fillText(method: string): string {
  if (method === 'ahp') return 'its matrix with your pairwise judgments';
  if (method === 'group-ahp') return 'the experts’ matrices with their judgments';
  if (method === 'fixed') return 'its weights with yours';
  return 'its values with yours';
}

/** One line per placeholder: `weighting.A: a placeholder — replace its matrix …, then delete "placeholder: true"`. */
export function placeholderMessage(p: StudyPlaceholder): string {
  return `${p.path.join('.')}: a placeholder (written by scf-risk new) — replace ${p.fill}, then delete "placeholder: true"`;
}
