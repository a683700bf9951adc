import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A word list per direction: enough to tell a real translation from an echo. Words it lacks
 * are kept, as Argos keeps names.
 */
const WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'en>fi': {
    language: 'kieli',
    courses: 'kurssit',
    in: '',
    the: '',
    evenings: 'iltaisin',
    more: 'lisää',
    parks: 'puistoja',
  },
  'fi>en': { kielikurssit: 'language courses', iltaisin: 'in the evenings', lisää: 'more', puistoja: 'parks' },
  'en>ar': { language: 'لغة', courses: 'دورات', in: 'في', the: '', evenings: 'المساء', more: 'المزيد', parks: 'حدائق' },
  'ar>en': { حدائق: 'parks', المزيد: 'more' },
};

/** Languages of the test server; fi ↔ ar only through English. */
const LANGUAGES = [
  { code: 'en', name: 'English', targets: ['en', 'fi', 'ar'] },
  { code: 'fi', name: 'Finnish', targets: ['fi', 'en'] },
  { code: 'ar', name: 'Arabic', targets: ['ar', 'en'] },
];

/** How the test server misbehaves. */
export interface LibreTranslateBehaviour {
  /** Milliseconds before each answer. */
  delayMs?: number;
  /** Answer `/translate` with JSON that is not a translation. */
  garbage?: boolean;
  /** Answer 500 `{ error }` as LibreTranslate does when Argos fails. */
  fail?: boolean;
  /** Translations allowed before 429 `{ error }`. */
  limit?: number;
}

/** A started test server: its URL, the requests it got, and a way to change its behaviour. */
export interface LibreTranslateTestServer {
  url: string;
  /** Every `/translate` request body, in order. */
  readonly requests: { q: string | string[]; source: string; target: string }[];
  behaviour: LibreTranslateBehaviour;
  close(): Promise<void>;
}

function translateOne(text: string, source: string, target: string): string {
  const words = WORDS[`${source}>${target}`] ?? {};
  return text
    .split(/\s+/)
    .map((word) => words[word.toLowerCase()] ?? word)
    .filter(Boolean)
    .join(' ');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A server speaking LibreTranslate's documented API (`GET /languages`, `POST /translate` with
 * a string or an array `q`, `source`, `target`, `format`, `api_key`; errors `{ error }` with
 * 400, 403, 429, 500), bound to 127.0.0.1 on a free port. With `apiKey`, requests without it get 403.
 */
export async function startLibreTranslateTestServer(apiKey?: string): Promise<LibreTranslateTestServer> {
  const requests: LibreTranslateTestServer['requests'] = [];
  const state: { behaviour: LibreTranslateBehaviour } = { behaviour: {} };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const body = await readBody(req);
      if (state.behaviour.delayMs) await new Promise((r) => setTimeout(r, state.behaviour.delayMs));
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/languages') return send(200, LANGUAGES);
      if (req.method !== 'POST' || url.pathname !== '/translate') return send(404, { error: 'Not Found' });
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return send(400, { error: 'Invalid request: malformed JSON' });
      }
      if (apiKey && json.api_key !== apiKey) return send(403, { error: 'Invalid API key' });
      const { q, source, target } = json;
      if (q === undefined) return send(400, { error: 'Invalid request: missing q parameter' });
      if (typeof source !== 'string') return send(400, { error: 'Invalid request: missing source parameter' });
      if (typeof target !== 'string') return send(400, { error: 'Invalid request: missing target parameter' });
      const from = LANGUAGES.find((l) => l.code === source);
      if (!from) return send(400, { error: `${source} is not supported` });
      if (!from.targets.includes(target)) return send(400, { error: `${target} is not supported` });
      if (typeof q !== 'string' && !(Array.isArray(q) && q.every((x) => typeof x === 'string'))) {
        return send(400, { error: 'Invalid request: q must be a string or a list of strings' });
      }
      requests.push({ q: q as string | string[], source, target });
      if (state.behaviour.limit !== undefined && requests.length > state.behaviour.limit) {
        return send(429, { error: 'Too many request limits violations' });
      }
      if (state.behaviour.fail) return send(500, { error: 'Cannot translate text: model crashed' });
      if (state.behaviour.garbage) return send(200, '{"translated": 42}');
      const translatedText = Array.isArray(q)
        ? (q as string[]).map((t) => translateOne(t, source, target))
        : translateOne(q, source, target);
      return send(200, { translatedText });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(b) {
      state.behaviour = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
