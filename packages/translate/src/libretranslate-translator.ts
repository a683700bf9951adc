import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS, requestJson } from './http-json.ts';
import { type LanguagePairs, type MachineTranslator, TranslateError } from './machine-translator.ts';

const languagesSchema = z.array(z.object({ code: z.string(), name: z.string(), targets: z.array(z.string()) }));
const translationSchema = z.object({ translatedText: z.array(z.string()) });
/** LibreTranslate's error body: `{ error: "…" }` with 400, 403, 429 or 500. */
const errorSchema = z.object({ error: z.string() });
const errorText = (body: unknown) => {
  const parsed = errorSchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
};

/** Options of {@link libreTranslateTranslator}. */
export interface LibreTranslateOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:5000`. */
  url: string;
  /** `api_key`, for servers started with `--api-keys`. */
  apiKey?: string | undefined;
  timeoutMs?: number;
}

/**
 * LibreTranslate's documented HTTP API: `GET /languages` → `[{ code, name, targets }]` and
 * `POST /translate { q: [...], source, target, format: "text", api_key? }` →
 * `{ translatedText: [...] }`, a whole batch in one request.
 */
export function libreTranslateTranslator(options: LibreTranslateOptions): MachineTranslator {
  const base = options.url.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const key: Record<string, string> = options.apiKey ? { api_key: options.apiKey } : {};
  return {
    kind: 'libretranslate',
    async pairs(): Promise<LanguagePairs> {
      const query = options.apiKey ? `?${new URLSearchParams(key).toString()}` : '';
      const languages = await requestJson(
        `${base}/languages${query}`,
        { method: 'GET' },
        languagesSchema,
        timeoutMs,
        errorText,
      );
      return new Map(languages.map((l) => [l.code, new Set(l.targets.filter((t) => t !== l.code))]));
    },
    async translate(texts, source, target) {
      if (texts.length === 0) return [];
      const body = await requestJson(
        `${base}/translate`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ q: texts, source, target, format: 'text', ...key }),
        },
        translationSchema,
        timeoutMs,
        errorText,
      );
      if (body.translatedText.length !== texts.length) {
        throw new TranslateError(
          'bad-response',
          `${base} answered ${body.translatedText.length} of ${texts.length} texts`,
        );
      }
      return body.translatedText;
    },
  };
}
