/**
 * i18next with the workbench's two languages: Simplified Chinese (default) and English. The choice
 * is kept in localStorage and mirrored on <html lang>; `label` picks a bilingual name's text in the
 * current language (Chinese names stored in Traditional characters are shown in Simplified).
 */
import { inScript } from '@scf-risk/report';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { zh } from './locales/zh.ts';

export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];
const KEY = 'scf-lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(KEY);
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

void i18next.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

function mirror(lang: string): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  localStorage.setItem(KEY, lang);
}
mirror(i18next.language);
i18next.on('languageChanged', mirror);

/** A name as the API sends it: a string or {zh, en}. */
export type Label = string | { zh?: string; en?: string };

/** The text of `l` in `lang` (the other language when missing; Chinese in Simplified characters). */
export function label(l: Label | undefined, lang: string): string {
  if (l === undefined) return '';
  if (typeof l === 'string') return lang === 'zh' ? inScript(l, 'zh') : l;
  const text = lang === 'zh' ? (l.zh ?? l.en ?? '') : (l.en ?? l.zh ?? '');
  return lang === 'zh' ? inScript(text, 'zh') : text;
}

export default i18next;
