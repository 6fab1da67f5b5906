import { normaliseDocumentNumber } from '@haven/core';
import type { Db } from '../db/open.js';
import { documentNumberBinding } from './bindings.js';
import { SealBrokenError } from './errors.js';
import type { DataScope, Keyring } from './keyring.js';
import { listClearDocumentNumbers, storeSealedClearNumbers } from './queries.js';

/** A document number as stored: sealed to its row and country, and its keyed blind index. */
export interface StoredDocumentNumber {
  readonly numberSealed: string;
  readonly numberIndex: string;
}

/**
 * Seals a document number with its household's country data key, bound to the document's row,
 * and computes its blind index under the active master (global, not the country's: the same
 * passport must index alike in every country). The index is of the normalised number, as search
 * and matching compare; it names its master, so rotation finds the ones to recompute.
 */
export function sealDocumentNumber(
  keyring: Keyring,
  documentId: string,
  country: DataScope,
  number: string,
): StoredDocumentNumber {
  const numberSealed = keyring.seal(number, documentNumberBinding(documentId, country));
  return {
    numberSealed,
    numberIndex: keyring.blindIndex('document-number', normaliseDocumentNumber(number)),
  };
}

/**
 * The number of a stored document, opened. Throws SealBrokenError when it is still waiting to be
 * sealed (a database upgraded while no server with the keys has started since) or is bound to
 * another row or country.
 */
export function openDocumentNumber(
  keyring: Keyring,
  document: { readonly id: string; readonly numberSealed: string | null },
  country: DataScope | null,
): string {
  if (document.numberSealed === null) {
    throw new SealBrokenError(
      `The number of document ${document.id} is not sealed yet: start the server (or run ` +
        'haven keys rotate --no-new-key) with the data keys to seal carried-over numbers',
    );
  }
  if (country === null) {
    throw new SealBrokenError(
      `Document ${document.id} belongs to a household with no registration: no country key`,
    );
  }
  return keyring.open(document.numberSealed, documentNumberBinding(document.id, country));
}

/**
 * What an exact search for a document number looks for in `identity_documents.number_index`:
 * the blind index of the normalised number under every master key held, so that documents
 * indexed before a rotation stay found while it runs.
 */
export function documentNumberIndexes(keyring: Keyring, number: string): string[] {
  return keyring.blindIndexes('document-number', normaliseDocumentNumber(number));
}

/** Documents per batch when sealing carried-over numbers: one read and one write each. */
const SEAL_BATCH = 500;

/**
 * Seals the clear document numbers carried over by the migration that dropped the clear columns
 * (document_numbers_to_seal), in batches, and deletes each clear number as its sealed form is
 * stored. Idempotent: nothing left, nothing done. Run at every start before the match index
 * loads, and by `haven keys rotate`. Returns how many numbers were sealed.
 */
export async function sealCarriedOverDocumentNumbers(db: Db, keyring: Keyring): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await listClearDocumentNumbers(db, SEAL_BATCH);
    if (batch.length === 0) {
      return sealed;
    }
    const stored = batch.map((document) => {
      if (document.scope === null) {
        throw new SealBrokenError(
          `Document ${document.id} belongs to a household with no registration: no country key`,
        );
      }
      return {
        id: document.id,
        ...sealDocumentNumber(keyring, document.id, document.scope, document.number),
      };
    });
    // Another instance starting at the same time may have sealed some: they are not listed again.
    sealed += await storeSealedClearNumbers(db, stored);
  }
}
