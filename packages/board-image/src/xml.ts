// Characters XML 1.0 forbids (C0 controls except tab/newline/return, lone surrogates, U+FFFE/U+FFFF).
// With the `u` flag a lone surrogate is its own code point, so it is matched and removed too.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const SPECIAL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Removes characters that may not appear in an XML document at all, not even escaped. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML, '');
}

/**
 * Text made safe for XML content and attribute values: invalid characters dropped and
 * `& < > " '` escaped, so `]]>` or `</text><script>` in a note stay plain text.
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(SPECIAL, (ch) => ENTITIES[ch]!);
}

/** A number for an SVG attribute: at most two decimals, no `-0`, no exponent for ordinary sizes. */
export function fmt(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
