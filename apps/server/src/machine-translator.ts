import { apertiumTranslator, libreTranslateTranslator, type MachineTranslator } from '@talkoot/translate';
import type { TranslateConfig } from './config.ts';

/** The adapter for the configured MT server. */
export function machineTranslator(config: TranslateConfig): MachineTranslator {
  return config.api === 'apertium'
    ? apertiumTranslator({ url: config.url, timeoutMs: config.timeoutMs })
    : libreTranslateTranslator({ url: config.url, apiKey: config.apiKey, timeoutMs: config.timeoutMs });
}
