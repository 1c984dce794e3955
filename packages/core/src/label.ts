/**
 * Bilingual user-facing names (SPEC: every indicator/grade name is `{ zh, en }` or a plain string).
 */
export type Label = string | { zh?: string; en?: string };

/** Pick the name in `lang`, falling back to the other language, then to `fallback`. */
export function labelText(label: Label | undefined, lang: 'zh' | 'en' = 'en', fallback = ''): string {
  if (label === undefined) return fallback;
  if (typeof label === 'string') return label;
  return label[lang] ?? label[lang === 'en' ? 'zh' : 'en'] ?? fallback;
}
