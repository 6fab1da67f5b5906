import { SYSTEM_SCOPE, type DataScope, type SealBinding } from './keyring.js';

/** The sealed columns of specific_needs, by the names their bindings carry. */
export type SealedNeedColumn = 'code' | 'note';

/**
 * Where a specific need's sealed code (`code_sealed`) or note (`note_sealed`) is bound. Writers,
 * readers and rotation must all use this: a value sealed under another binding does not open.
 * `country` is the host country of the person's household (see householdCountry in scope.ts).
 */
export function needBinding(
  rowId: string,
  column: SealedNeedColumn,
  country: DataScope,
): SealBinding {
  return { table: 'specific_needs', column, rowId, scope: country };
}

/** Where a user's sealed TOTP secret (`user_mfa.totp_secret_sealed`) is bound: no country's data. */
export function mfaSecretBinding(userId: string): SealBinding {
  return { table: 'user_mfa', column: 'totp_secret', rowId: userId, scope: SYSTEM_SCOPE };
}

/** Where an identity document's sealed number (`identity_documents.number_sealed`) is bound. */
export function documentNumberBinding(documentId: string, country: DataScope): SealBinding {
  return { table: 'identity_documents', column: 'number', rowId: documentId, scope: country };
}

/** Where a pseudonymised person's sealed identity (`persons.identity_sealed`) is bound. */
export function identityBinding(personId: string, country: DataScope): SealBinding {
  return { table: 'persons', column: 'identity_sealed', rowId: personId, scope: country };
}
