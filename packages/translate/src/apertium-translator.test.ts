import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apertiumTranslator } from './apertium-translator.ts';
import { TranslateError } from './machine-translator.ts';
import { RoutedTranslator } from './routed-translator.ts';
import { apertiumInstalled, type ApertiumProcess, startApertium } from './testing.ts';

// Under CI the translator must be there (.ci/run installs it); elsewhere its absence skips.
const present = apertiumInstalled();
if (!present && process.env.CI === 'true') throw new Error('apertium-apy with apertium-rus-ukr is not installed');

describe.skipIf(!present)('apertiumTranslator against a real Apertium APY', () => {
  let apy: ApertiumProcess;
  beforeAll(async () => {
    apy = await startApertium();
  });
  afterAll(async () => {
    await apy.stop();
  });

  it('lists its pairs in our two-letter codes', async () => {
    const pairs = await apertiumTranslator({ url: apy.url }).pairs();
    expect(pairs.get('ru')?.has('uk')).toBe(true);
    expect(pairs.get('uk')?.has('ru')).toBe(true);
  });

  it('translates a batch of Russian notes into Ukrainian', async () => {
    const [school, work] = await apertiumTranslator({ url: apy.url }).translate(
      ['Хорошая школа', 'Мы хотим работу'],
      'ru',
      'uk',
    );
    expect(school).toBe('Хороша школа');
    expect(work).toBe('Ми хочемо роботу');
  });

  it('fails a pair it does not have as refused, not as a translation', async () => {
    const error = await apertiumTranslator({ url: apy.url })
      .translate(['Hei'], 'fi', 'uk')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranslateError);
    expect((error as TranslateError).reason).toBe('refused');
  });

  it('says a pair is unsupported through the router, even via English', async () => {
    const routed = new RoutedTranslator(apertiumTranslator({ url: apy.url }));
    expect(await routed.route('ru', 'uk')).toEqual(['ru', 'uk']);
    expect(await routed.route('ru', 'so')).toBeNull();
    await expect(routed.translate(['Привет'], 'ru', 'so')).rejects.toMatchObject({ reason: 'unsupported-pair' });
  });

  it('fails with unavailable once APY is gone', async () => {
    const other = await startApertium();
    await other.stop();
    await expect(apertiumTranslator({ url: other.url }).translate(['Привет'], 'ru', 'uk')).rejects.toMatchObject({
      reason: 'unavailable',
    });
  });
});
