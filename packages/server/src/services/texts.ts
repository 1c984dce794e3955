/**
 * Server-written texts (pre-loan reasons, alert messages, job progress) as catalogue codes with
 * parameters (@scf-risk/report messages.ts): `englishOf` gives the English wording the API has
 * always sent in `message` / `reasons`, made from the same catalogue so the two cannot drift apart;
 * `messageTextSchema` is their shape in responses.
 */
import { formatMessage, type MessageText } from '@scf-risk/report';
import { z } from 'zod';

/** The English wording of a catalogue text (a code outside the catalogue is a programming error). */
export function englishOf(text: MessageText): string {
  const out = formatMessage(text, 'en');
  if (out === undefined) throw new Error(`message code ${text.code} is not in the catalogue`);
  return out;
}

/** A catalogue text in a response: a code and the values its template names (which may be texts). */
export const messageTextSchema: z.ZodType<MessageText> = z.lazy(() =>
  z.object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), messageTextSchema, z.array(messageTextSchema)])),
  }),
);
