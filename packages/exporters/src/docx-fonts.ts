import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The document's text font (Latin, Cyrillic, Greek) and its complex-script font (Arabic, Persian). */
export const DOCX_FONT = { text: 'Noto Sans', arabic: 'Noto Naskh Arabic' } as const;

/** A font embedded in the document: its regular and bold faces. */
export interface EmbeddedFont {
  name: string;
  data: Buffer;
  bold: Buffer;
}

let cache: { text: EmbeddedFont; arabic: EmbeddedFont } | null = null;

/**
 * The fonts the DOCX is set in, embedded so it looks the same on a machine without them (Word
 * and LibreOffice both read embedded fonts): Noto Sans and Noto Naskh Arabic from npm packages
 * (SIL Open Font License 1.1, which allows embedding). Read once.
 */
export function docxFonts(): { text: EmbeddedFont; arabic: EmbeddedFont } {
  cache ??= {
    text: {
      name: DOCX_FONT.text,
      data: readFileSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')),
      bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')),
    },
    arabic: {
      name: DOCX_FONT.arabic,
      data: readFileSync(
        require.resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
      ),
      bold: readFileSync(require.resolve('@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf')),
    },
  };
  return cache;
}
