import { z } from 'zod';
import { fromIso3, toIso3 } from './language-codes.ts';
import { DEFAULT_TIMEOUT_MS, requestJson } from './http-json.ts';
import { type LanguagePairs, type MachineTranslator, TranslateError } from './machine-translator.ts';

const pairsSchema = z.object({
  responseData: z.array(z.object({ sourceLanguage: z.string(), targetLanguage: z.string() })),
});
const translationSchema = z.object({
  responseData: z.object({ translatedText: z.string() }),
  responseStatus: z.literal(200),
});
/** APY's error body: `{ status: "error", code, message, explanation }`. */
const errorSchema = z.object({ explanation: z.string().optional(), message: z.string().optional() });
const errorText = (body: unknown) => {
  const parsed = errorSchema.safeParse(body);
  return parsed.success ? (parsed.data.explanation ?? parsed.data.message) : undefined;
};

/** Options of {@link apertiumTranslator}. */
export interface ApertiumOptions {
  /** APY's base URL, e.g. `http://127.0.0.1:2737`. */
  url: string;
  timeoutMs?: number;
}

/**
 * Apertium's HTTP server (APY): `GET /listPairs` and `POST /translate` with
 * `langpair=rus|ukr&q=…` (form-encoded, so long notes fit). APY takes one text per request;
 * a batch is sent one after another (the rate limit in front decides how many batches run).
 * Unknown words are left as they are instead of APY's `*word` marks.
 */
export function apertiumTranslator(options: ApertiumOptions): MachineTranslator {
  const base = options.url.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pairCode = (code: string) => {
    const three = toIso3(code);
    if (!three) throw new TranslateError('unsupported-pair', `Apertium has no code for ${code}`);
    return three;
  };
  return {
    kind: 'apertium',
    async pairs(): Promise<LanguagePairs> {
      const body = await requestJson(`${base}/listPairs`, { method: 'GET' }, pairsSchema, timeoutMs, errorText);
      const pairs = new Map<string, Set<string>>();
      for (const pair of body.responseData) {
        const source = fromIso3(pair.sourceLanguage);
        const target = fromIso3(pair.targetLanguage);
        if (!source || !target || source === target) continue;
        if (!pairs.has(source)) pairs.set(source, new Set());
        pairs.get(source)!.add(target);
      }
      return pairs;
    },
    async translate(texts, source, target) {
      const langpair = `${pairCode(source)}|${pairCode(target)}`;
      const out: string[] = [];
      for (const q of texts) {
        const body = await requestJson(
          `${base}/translate`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ langpair, q, markUnknown: 'no' }).toString(),
          },
          translationSchema,
          timeoutMs,
          errorText,
        );
        out.push(body.responseData.translatedText);
      }
      return out;
    },
  };
}
