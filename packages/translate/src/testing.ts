export { apertiumInstalled, type ApertiumProcess, startApertium } from './apertium-process.ts';
export {
  type LibreTranslateBehaviour,
  type LibreTranslateTestServer,
  startLibreTranslateTestServer,
} from './libretranslate-test-server.ts';
export { describeTranslationStoreContract, type TranslationStoreFixture } from './translation-store-contract.ts';
