import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The font files the PNG is drawn with, from npm packages so no system fonts are needed:
 * IBM Plex Sans (tldraw's own sans font; Latin, Cyrillic, Greek) and Noto Sans Arabic (Arabic,
 * Persian, Urdu), both under the SIL Open Font License 1.1. Their family names are the ones
 * the SVG asks for.
 */
export const BOARD_FONT_FILES: readonly string[] = [
  require.resolve('@expo-google-fonts/ibm-plex-sans/400Regular/IBMPlexSans_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf'),
];

/** The family used where the SVG names none or a generic one. */
export const DEFAULT_FONT_FAMILY = 'IBM Plex Sans';
