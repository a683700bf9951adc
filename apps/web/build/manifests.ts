/**
 * One web app manifest per UI language (`/manifest-<code>.webmanifest`), so an installed
 * Talkoot is named in the language it was installed in; main.tsx points `<link rel="manifest">`
 * at the current language's file. The short name is the brand, as every locale file keeps it
 * (`app.name`); the long name adds the translated tagline.
 */
import { RESOURCES, SUPPORTED_LANGUAGES, type SupportedLanguage } from '@talkoot/locales';
import type { Plugin } from 'vite';

/** Brand colour of the icons and the theme (see public/favicon.svg). */
export const THEME_COLOR = '#1864ab';

/** The path of `language`'s manifest. */
export const manifestPath = (code: string) => `/manifest-${code}.webmanifest`;

/** The manifest in `language`; every string comes from the locale file. */
export function webManifest(language: SupportedLanguage) {
  const strings = RESOURCES[language.code] ?? {};
  const shortName = strings['app.name'];
  const tagline = strings['app.tagline'];
  if (!shortName || !tagline) throw new Error(`locale ${language.code} lacks app.name or app.tagline`);
  return {
    id: '/',
    lang: language.code,
    dir: language.dir,
    name: `${shortName} – ${tagline.replace(/[.。]$/u, '')}`,
    short_name: shortName,
    description: tagline,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f1f3f5',
    theme_color: THEME_COLOR,
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}

/** Emits every language's manifest into the build. */
export function webManifests(): Plugin {
  return {
    name: 'talkoot-web-manifests',
    apply: 'build',
    generateBundle() {
      for (const language of SUPPORTED_LANGUAGES) {
        this.emitFile({
          type: 'asset',
          fileName: manifestPath(language.code).slice(1),
          source: `${JSON.stringify(webManifest(language), null, 2)}\n`,
        });
      }
    },
  };
}
