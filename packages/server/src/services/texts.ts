/**
 * Server-written texts (pre-loan reasons, alert messages) as catalogue codes with parameters
 * (@scf-risk/report messages.ts); `englishOf` gives the English wording the API has always sent
 * in `message` / `reasons`, made from the same catalogue so the two cannot drift apart.
 */
import { formatMessage, type MessageText } from '@scf-risk/report';

/** The English wording of a catalogue text (a code outside the catalogue is a programming error). */
export function englishOf(text: MessageText): string {
  const out = formatMessage(text, 'en');
  if (out === undefined) throw new Error(`message code ${text.code} is not in the catalogue`);
  return out;
}
