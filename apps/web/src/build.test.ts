import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { SUPPORTED_LANGUAGES, RESOURCES } from '@talkoot/locales';
import { afterEach, describe, expect, it } from 'vitest';
import { webManifest } from '../build/manifests.ts';
import { precompressDirectory } from '../build/precompress.ts';

describe('precompressDirectory', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes .br and .gz beside text files that decompress to the original, and skips fonts and tiny files', async () => {
    dir = mkdtempSync(join(tmpdir(), 'talkoot-precompress-'));
    mkdirSync(join(dir, 'assets'));
    const script = `export const x = ${JSON.stringify('talkoot '.repeat(2000))};`;
    writeFileSync(join(dir, 'assets', 'app-abc.js'), script);
    writeFileSync(join(dir, 'assets', 'font-abc.woff2'), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'tiny.css'), 'a{}');
    const results = await precompressDirectory(dir);
    expect(results.map((result) => result.file)).toEqual([join(dir, 'assets', 'app-abc.js')]);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app-abc.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app-abc.js.gz'))).toString()).toBe(script);
    expect(results[0]!.br).toBeLessThan(script.length / 10);
    expect(existsSync(join(dir, 'assets', 'font-abc.woff2.br'))).toBe(false);
    expect(existsSync(join(dir, 'tiny.css.br'))).toBe(false);
  });
});

describe('webManifest', () => {
  it('is installable in every language: translated name, the brand as short name, icons of 192 and 512 px', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const manifest = webManifest(language);
      expect(manifest.lang).toBe(language.code);
      expect(manifest.dir).toBe(language.dir);
      expect(manifest.short_name).toBe(RESOURCES[language.code]!['app.name']);
      expect(manifest.name).toContain(RESOURCES[language.code]!['app.tagline']!.replace(/[.。]$/u, ''));
      expect(manifest.display).toBe('standalone');
      expect(manifest.start_url).toBe('/');
      const sizes = manifest.icons.filter((icon) => icon.type === 'image/png').map((icon) => icon.sizes);
      expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
      for (const icon of manifest.icons) {
        expect(existsSync(join(import.meta.dirname, '..', 'public', icon.src)), icon.src).toBe(true);
      }
    }
    expect(webManifest(SUPPORTED_LANGUAGES.find((language) => language.code === 'fi')!).name).not.toBe(
      webManifest(SUPPORTED_LANGUAGES.find((language) => language.code === 'en')!).name,
    );
  });
});
