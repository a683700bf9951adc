import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Join-code alphabet: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V lookalikes, so a code read
 * aloud or off a projector is typed right.
 */
export const JOIN_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const JOIN_CODE_LENGTH = 6;

/** A fresh join code, e.g. `K7M-4QX` once formatted. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A co-facilitator code: long (not meant to be read aloud), shared as a link. */
export function newFacilitatorCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Upper-cases and strips spaces and dashes, so `k7m-4qx` matches `K7M4QX`. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** `K7M4QX` → `K7M-4QX`, easier to read aloud. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** An unguessable bearer token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A random id for boards and members (128 bits). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** Tokens are stored only as hashes. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
