// The small cryptographic pieces of sign-in: random tokens, hashes for what the store keeps, HMACs,
// and comparisons that take the same time whether or not the strings match.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in session tokens and link nonces (256 bits). */
export const TOKEN_BYTES = 32;

export const randomToken = (bytes = TOKEN_BYTES): string => randomBytes(bytes).toString('base64url');

/** What the store keeps of a token: never the token itself. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

export const hmac = (key: Buffer | string, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
