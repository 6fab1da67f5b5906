import { normaliseDocumentNumber } from '@haven/core';
import type { Db } from '../db/open.js';
import { documentNumberBinding, type DocumentNumberHolder } from './bindings.js';
import { DOCUMENT_NUMBER_TABLES } from './document-number-tables.js';
import { SealBrokenError } from './errors.js';
import type { DataScope, Keyring } from './keyring.js';
import { listClearDocumentNumbers, storeSealedClearNumbers } from './queries.js';

/** A document number as stored: sealed to its row and country, and its keyed blind index. */
export interface StoredDocumentNumber {
  readonly numberSealed: string;
  readonly numberIndex: string;
}

/**
 * Seals a document number with its country's data key (an identity document's household's, a
 * manifest entry's run's), bound to its row, and computes its blind index under the active
 * master (global, not the country's: the same passport must index alike in every country and in
 * every table). The index is of the normalised number, as search and matching compare; it names
 * its master, so rotation finds the ones to recompute.
 */
export function sealDocumentNumber(
  keyring: Keyring,
  rowId: string,
  country: DataScope,
  number: string,
  holder: DocumentNumberHolder = 'identity_documents',
): StoredDocumentNumber {
  const numberSealed = keyring.seal(number, documentNumberBinding(rowId, country, holder));
  return {
    numberSealed,
    numberIndex: keyring.blindIndex('document-number', normaliseDocumentNumber(number)),
  };
}

/**
 * The number of a stored document (or manifest entry), opened. Throws SealBrokenError when it is
 * still waiting to be sealed (a database upgraded while no server with the keys has started
 * since) or is bound to another row or country.
 */
export function openDocumentNumber(
  keyring: Keyring,
  document: { readonly id: string; readonly numberSealed: string | null },
  country: DataScope | null,
  holder: DocumentNumberHolder = 'identity_documents',
): string {
  if (document.numberSealed === null) {
    throw new SealBrokenError(
      `The number of ${holder} row ${document.id} is not sealed yet: start the server (or run ` +
        'haven keys rotate --no-new-key) with the data keys to seal carried-over numbers',
    );
  }
  if (country === null) {
    throw new SealBrokenError(
      `Document ${document.id} belongs to a household with no registration: no country key`,
    );
  }
  return keyring.open(document.numberSealed, documentNumberBinding(document.id, country, holder));
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
 * Seals the clear document numbers carried over by the migrations that dropped the clear columns
 * (document_numbers_to_seal for identity documents, manifest_document_numbers_to_seal for
 * manifests), in batches, and deletes each clear number as its sealed form is stored.
 * Idempotent: nothing left, nothing done. Run at every start before the match index loads, and
 * by `haven keys rotate`. Returns how many numbers were sealed.
 */
export async function sealCarriedOverDocumentNumbers(db: Db, keyring: Keyring): Promise<number> {
  let sealed = 0;
  for (const table of DOCUMENT_NUMBER_TABLES) {
    for (;;) {
      const batch = await listClearDocumentNumbers(db, table, SEAL_BATCH);
      if (batch.length === 0) {
        break;
      }
      const stored = batch.map((row) => {
        if (row.scope === null) {
          throw new SealBrokenError(
            `Document ${row.id} belongs to a household with no registration: no country key`,
          );
        }
        return {
          id: row.id,
          ...sealDocumentNumber(keyring, row.id, row.scope, row.number, table.holder),
        };
      });
      // Another instance starting at the same time may have sealed some: they are not listed again.
      sealed += await storeSealedClearNumbers(db, table, stored);
    }
  }
  return sealed;
}
