import { hasPair, type LanguagePairs, type MachineTranslator, TranslateError } from './machine-translator.ts';

/** The language a translation goes through when the server has no direct pair. */
export const PIVOT_LANGUAGE = 'en';

/** Options of {@link RoutedTranslator}. */
export interface RoutedTranslatorOptions {
  /** Requests to the MT server at once. Default 2. */
  maxConcurrent?: number;
  /** Requests waiting for a turn; past it a request fails with `rate-limited`. Default 100. */
  maxQueued?: number;
  /** How long the server's list of pairs is trusted. Default 10 min. */
  pairsTtlMs?: number;
  now?: () => number;
}

/**
 * A {@link MachineTranslator} with its pairs looked up (and kept for a while), a route through
 * English where no direct pair exists, and a limit on requests to the MT server: a few at
 * once, a bounded queue, and anything beyond refused as `rate-limited` instead of piling up.
 */
export class RoutedTranslator {
  private pairsCache: { pairs: LanguagePairs; at: number } | undefined;
  private pairsLoading: Promise<LanguagePairs> | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxConcurrent: number;
  private readonly maxQueued: number;
  private readonly pairsTtlMs: number;
  private readonly now: () => number;

  readonly machine: MachineTranslator;

  constructor(machine: MachineTranslator, options: RoutedTranslatorOptions = {}) {
    this.machine = machine;
    this.maxConcurrent = options.maxConcurrent ?? 2;
    this.maxQueued = options.maxQueued ?? 100;
    this.pairsTtlMs = options.pairsTtlMs ?? 600_000;
    this.now = options.now ?? Date.now;
  }

  /** The server's direct pairs (looked up once per `pairsTtlMs`). */
  async pairs(): Promise<LanguagePairs> {
    const cached = this.pairsCache;
    if (cached && this.now() - cached.at < this.pairsTtlMs) return cached.pairs;
    this.pairsLoading ??= this.limited(() => this.machine.pairs())
      .then((pairs) => {
        this.pairsCache = { pairs, at: this.now() };
        return pairs;
      })
      .finally(() => {
        this.pairsLoading = undefined;
      });
    return this.pairsLoading;
  }

  /** The languages a text goes through from `source` to `target`, or null if there is no way. */
  async route(source: string, target: string): Promise<string[] | null> {
    if (source === target) return [source];
    const pairs = await this.pairs();
    if (hasPair(pairs, source, target)) return [source, target];
    if (hasPair(pairs, source, PIVOT_LANGUAGE) && hasPair(pairs, PIVOT_LANGUAGE, target)) {
      return [source, PIVOT_LANGUAGE, target];
    }
    return null;
  }

  /** Translates a batch along {@link route}; `unsupported-pair` when there is none. */
  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    const route = await this.route(source, target);
    if (!route) throw new TranslateError('unsupported-pair', `no translation from ${source} to ${target}`);
    let current = [...texts];
    for (let i = 1; i < route.length; i++) {
      const from = route[i - 1]!;
      const to = route[i]!;
      const input = current;
      current = await this.limited(() => this.machine.translate(input, from, to));
      if (current.length !== texts.length) throw new TranslateError('bad-response', 'a batch came back incomplete');
      // An empty answer for a text is a failure (APY's broken pipelines answer so), not a translation.
      if (current.some((text, j) => text.trim() === '' && input[j]!.trim() !== '')) {
        throw new TranslateError('bad-response', `${from} → ${to} gave an empty translation`);
      }
    }
    return current;
  }

  private async limited<T>(run: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued) {
        throw new TranslateError('rate-limited', 'too many translations waiting for the MT server');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await run();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
