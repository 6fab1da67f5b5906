import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session tokens, CSRF tokens and API tokens. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored as their SHA-256: a database dump hands out no working session or token. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
