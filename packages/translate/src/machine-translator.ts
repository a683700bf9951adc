/**
 * The seam between Talkoot and a machine-translation server the operator runs. Adapters
 * (Apertium APY, LibreTranslate) implement it; nothing else knows their wire format.
 * Languages are our two-letter codes (`en`, `ru`, `uk`, …).
 */
export interface MachineTranslator {
  /** `apertium` or `libretranslate`, for logs and the facilitator's notice. */
  readonly kind: string;
  /** The direct pairs the server offers, as `source → targets`. */
  pairs(): Promise<LanguagePairs>;
  /**
   * Translates every text from `source` to `target` in one batch (same order, same length).
   * Fails with a {@link TranslateError}; never resolves with something that is not a translation.
   */
  translate(texts: readonly string[], source: string, target: string): Promise<string[]>;
}

/** Direct pairs: source language → the languages it translates into. */
export type LanguagePairs = ReadonlyMap<string, ReadonlySet<string>>;

/** Why a machine translation failed. */
export type TranslateFailure =
  /** The server cannot be reached or answered 5xx. */
  | 'unavailable'
  /** No answer within the time-out. */
  | 'timeout'
  /** The server (429) or our own limit refused the request. */
  | 'rate-limited'
  /** The server refused our key (403) or the request (400). */
  | 'refused'
  /** The answer is not what the API documents. */
  | 'bad-response'
  /** Neither a direct pair nor one through English exists. */
  | 'unsupported-pair';

/** A failed machine translation, with a machine-readable reason. */
export class TranslateError extends Error {
  readonly reason: TranslateFailure;

  constructor(reason: TranslateFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.name = 'TranslateError';
  }
}

/** Whether `pairs` has `source → target`. */
export function hasPair(pairs: LanguagePairs, source: string, target: string): boolean {
  return pairs.get(source)?.has(target) ?? false;
}
