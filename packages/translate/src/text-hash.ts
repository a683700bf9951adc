import { createHash } from 'node:crypto';

/** The hash a translation is stored under: SHA-256 of the note's plain text, base64url. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}
