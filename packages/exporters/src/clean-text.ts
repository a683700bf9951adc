// Characters XML 1.0 forbids (controls but tab and newline, U+FFFE/U+FFFF) and unpaired
// surrogates: one of them in a note would make the DOCX unreadable for Word. (C1 controls are
// allowed by XML but never meant as text, so they go too.)
const XML_INVALID = /(?![\t\n])\p{Cc}|\p{Cs}|[\uFFFE\uFFFF]/gu;

/**
 * User text as every export may carry it: newlines normalised to `\n`, characters that no XML
 * document may contain removed. Everything else (any script, emoji, bidi marks) stays.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(XML_INVALID, '');
}

const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const LETTER = /\p{L}/u;

/**
 * Direction of a text by its first letter, as `dir="auto"` decides in a browser: Arabic,
 * Persian or Hebrew text is `rtl`; text without any letter gets `fallback`.
 */
export function textDirection(text: string, fallback: 'ltr' | 'rtl' = 'ltr'): 'ltr' | 'rtl' {
  for (const char of text) {
    if (LETTER.test(char)) return RTL_SCRIPT.test(char) ? 'rtl' : 'ltr';
  }
  return fallback;
}
