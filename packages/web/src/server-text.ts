/**
 * A text the server wrote (an alert's message, a pre-loan reason) in the workbench's language: its
 * catalogue code and parameters formatted by @scf-risk/report's `formatMessage`, or the English the
 * server sent when there is no code or the catalogue lacks it (an older row, a newer server).
 */
import { formatMessage, inScript, type MessageText } from '@scf-risk/report';

export function serverText(english: string, text: MessageText | undefined, lang: string): string {
  if (!text) return english;
  const zh = lang === 'zh';
  const out = formatMessage(text, zh ? 'zh' : 'en');
  if (out === undefined) return english;
  return zh ? inScript(out, 'zh') : out;
}
