import { createCipheriv, randomBytes } from 'node:crypto';
import type { SealBinding } from '../keyring.js';

/**
 * A value as the first sealed format wrote it, before data keys were per country: AES-256-GCM
 * with the master key itself, bound to table, column and row but no scope. Written by hand, as
 * the keyring no longer seals this way: it only opens it, and rotation re-seals it.
 */
export function sealLegacy(
  master: Buffer,
  keyId: string,
  plaintext: string,
  binding: SealBinding,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv, { authTagLength: 16 });
  cipher.setAAD(
    Buffer.from(
      JSON.stringify(['haven', 'v1', keyId, binding.table, binding.column, binding.rowId]),
    ),
  );
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return ['v1', keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
}
