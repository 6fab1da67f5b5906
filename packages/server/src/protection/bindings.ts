import type { SealBinding } from './keyring.js';

/** The sealed columns of specific_needs, by the names their bindings carry. */
export type SealedNeedColumn = 'code' | 'note';

/**
 * Where a specific need's sealed code (`code_sealed`) or note (`note_sealed`) is bound. Writers,
 * readers and rotation must all use this: a value sealed under another binding does not open.
 */
export function needBinding(rowId: string, column: SealedNeedColumn): SealBinding {
  return { table: 'specific_needs', column, rowId };
}

/** Where a user's sealed TOTP secret (`user_mfa.totp_secret_sealed`) is bound. */
export function mfaSecretBinding(userId: string): SealBinding {
  return { table: 'user_mfa', column: 'totp_secret', rowId: userId };
}
