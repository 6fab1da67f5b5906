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

/** The tables holding sealed document numbers, with the column name their bindings carry. */
const DOCUMENT_NUMBER_COLUMNS = {
  identity_documents: 'number',
  manifest_persons: 'document_number',
} as const;

/** A table holding sealed document numbers: registered documents, or evacuation manifests. */
export type DocumentNumberHolder = keyof typeof DOCUMENT_NUMBER_COLUMNS;

/**
 * Where a sealed document number is bound: an identity document's (`identity_documents.
 * number_sealed`, the household's host country) or a manifest entry's (`manifest_persons.
 * document_number_sealed`, the run's country).
 */
export function documentNumberBinding(
  rowId: string,
  country: DataScope,
  holder: DocumentNumberHolder = 'identity_documents',
): SealBinding {
  return { table: holder, column: DOCUMENT_NUMBER_COLUMNS[holder], rowId, scope: country };
}

/** Where a pseudonymised person's sealed identity (`persons.identity_sealed`) is bound. */
export function identityBinding(personId: string, country: DataScope): SealBinding {
  return { table: 'persons', column: 'identity_sealed', rowId: personId, scope: country };
}
