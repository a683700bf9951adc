import type { MachineTranslator } from '@talkoot/translate';
import { TL_RECORDS_MAP, type TranslationResponse } from '@talkoot/protocol';
import { noteRecord } from '@talkoot/templates';
import type { RunningServer } from './server.ts';
import { authedFetch, type TestClient, waitFor } from './testing.ts';

/** Counts the batches and texts that reach the MT server through an adapter. */
export function countingTranslator(): {
  wrap: (machine: MachineTranslator) => MachineTranslator;
  batches: { texts: string[]; source: string; target: string }[];
} {
  const batches: { texts: string[]; source: string; target: string }[] = [];
  return {
    batches,
    wrap: (machine) => ({
      kind: machine.kind,
      pairs: () => machine.pairs(),
      translate: (texts, source, target) => {
        batches.push({ texts: [...texts], source, target });
        return machine.translate(texts, source, target);
      },
    }),
  };
}

/** Writes a note in `language` through a client and waits until the server has stored it. */
export async function writeNote(
  server: RunningServer,
  client: TestClient,
  docName: string,
  id: string,
  text: string,
  language?: string,
): Promise<void> {
  const record = noteRecord(id, 'page:page', 0, 0, text);
  client.doc.getMap<unknown>(TL_RECORDS_MAP).set(id, { ...record, meta: language ? { talkoot: { language } } : {} });
  let stored = false;
  await waitFor(
    () => {
      void server.rooms
        .readDoc(docName, (doc) => JSON.stringify(doc.getMap<unknown>(TL_RECORDS_MAP).get(id) ?? null))
        .then((json) => (stored = json.includes(JSON.stringify(text).slice(1, -1))));
      return stored;
    },
    5000,
    `note ${id} stored`,
  );
}

/** `POST /api/boards/:boardId/translations` as `token`. */
export async function askTranslations(
  server: RunningServer,
  boardId: string,
  token: string,
  body: unknown,
): Promise<{ status: number; body: TranslationResponse }> {
  const response = await authedFetch(server.url, `/api/boards/${boardId}/translations`, token, 'POST', body);
  return { status: response.status, body: (await response.json()) as TranslationResponse };
}
