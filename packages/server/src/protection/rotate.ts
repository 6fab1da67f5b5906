import { resealMfaSecrets } from '../access/mfa-queries.js';
import type { Db } from '../db/open.js';
import { identityBinding, needBinding, type SealedNeedColumn } from './bindings.js';
import {
  openDocumentNumber,
  sealCarriedOverDocumentNumbers,
  sealDocumentNumber,
} from './document-numbers.js';
import { DOCUMENT_NUMBER_TABLES, type DocumentNumberTable } from './document-number-tables.js';
import { SealBrokenError } from './errors.js';
import type { Keyring } from './keyring.js';
import {
  activeKeysOf,
  countDocumentNumbersToReseal,
  countIdentitiesToReseal,
  countNeedsToReseal,
  listDocumentNumbersToReseal,
  listIdentitiesToReseal,
  listNeedsToReseal,
  updateResealedDocumentNumbers,
  updateResealedIdentities,
  updateResealedNeeds,
  type ActiveKeys,
  type ResealedDocumentNumber,
  type ResealedNeed,
  type SealedDocumentNumber,
  type SealedIdentity,
  type SealedNeed,
} from './queries.js';

/** Rows per batch: one read and one update statement each, well under 1000 rows. */
export const ROTATE_BATCH_SIZE = 500;
/** Passes before giving up on rows that keep changing under the rotation. */
export const ROTATE_MAX_PASSES = 10;

export interface RotateOptions {
  readonly batchSize?: number;
  readonly maxPasses?: number;
  /** Called after every batch, with the rows re-sealed so far. */
  readonly onProgress?: (progress: { readonly pass: number; readonly resealed: number }) => void;
}

/** Rows still sealed with older keys after every pass: something keeps writing with an old key. */
export class RotationIncompleteError extends Error {
  readonly code = 'rotation-incomplete';
  override readonly name = 'RotationIncompleteError';
}

/** One kind of sealed row: how to find the stale ones, re-seal a batch and store it. */
interface SealedRows<Row extends { readonly id: string }> {
  readonly name: string;
  list(db: Db, keys: ActiveKeys, afterId: string | null, limit: number): Promise<Row[]>;
  store(db: Db, keyring: Keyring, batch: readonly Row[]): Promise<number>;
  count(db: Db, keys: ActiveKeys): Promise<number>;
}

const needs: SealedRows<SealedNeed> = {
  name: 'specific needs',
  list: listNeedsToReseal,
  store: (db, keyring, batch) =>
    updateResealedNeeds(
      db,
      batch.map((need) => resealNeed(keyring, need)),
    ),
  count: countNeedsToReseal,
};

/** Document numbers of one table (identity documents, manifests), with their blind index. */
const documentNumbersOf = (table: DocumentNumberTable): SealedRows<SealedDocumentNumber> => ({
  name: table.name,
  list: (db, keys, afterId, limit) => listDocumentNumbersToReseal(db, table, keys, afterId, limit),
  store: (db, keyring, batch) =>
    updateResealedDocumentNumbers(
      db,
      table,
      batch.map((document) => resealDocumentNumber(keyring, table, document)),
    ),
  count: (db, keys) => countDocumentNumbersToReseal(db, keys, [table]),
});

const identities: SealedRows<SealedIdentity> = {
  name: 'pseudonymised identities',
  list: listIdentitiesToReseal,
  store: (db, keyring, batch) =>
    updateResealedIdentities(
      db,
      batch.map((person) => {
        const binding = identityBinding(person.id, scopeOf(person));
        return {
          before: person,
          identitySealed: keyring.seal(keyring.open(person.identitySealed, binding), binding),
        };
      }),
    ),
  count: countIdentitiesToReseal,
};

/**
 * Re-seals every sealed value not sealed with its scope's active master key (the country's
 * pinned one, else the keyring's active one) and in the current format (a value of the first format, sealed with the master itself, is re-sealed with its
 * country's derived key): specific needs, document numbers of identity documents and of
 * evacuation manifests (with their blind index), the identities of pseudonymised persons and
 * staff TOTP secrets. First it seals any document number still in clear from before numbers
 * were sealed. Online: batches in id order, each row
 * written only if unchanged since it was read; rows changed meanwhile are retried by another
 * pass, until a pass finds nothing left. Values never leave this function in clear. A value that
 * does not open stops the rotation (SealBrokenError, UnknownDataKeyError) rather than being
 * skipped: it needs a person to look at it.
 */
export async function rotateDataKeys(
  db: Db,
  keyring: Keyring,
  options: RotateOptions = {},
): Promise<{ readonly resealed: number; readonly passes: number }> {
  let resealed = await sealCarriedOverDocumentNumbers(db, keyring);
  // Staff TOTP secrets too (a few rows), so that retiring the old key leaves none behind.
  resealed += await resealMfaSecrets(db, keyring);
  let passes = 0;
  const run = async <Row extends { readonly id: string }>(rows: SealedRows<Row>) => {
    const before = resealed;
    const done = await rotateRows(db, keyring, rows, {
      ...options,
      onProgress: (progress) =>
        options.onProgress?.({ ...progress, resealed: before + progress.resealed }),
    });
    resealed += done.resealed;
    passes = Math.max(passes, done.passes);
  };
  await run(needs);
  for (const table of DOCUMENT_NUMBER_TABLES) {
    await run(documentNumbersOf(table));
  }
  await run(identities);
  return { resealed, passes };
}

async function rotateRows<Row extends { readonly id: string }>(
  db: Db,
  keyring: Keyring,
  rows: SealedRows<Row>,
  options: RotateOptions,
): Promise<{ readonly resealed: number; readonly passes: number }> {
  const batchSize = options.batchSize ?? ROTATE_BATCH_SIZE;
  const maxPasses = options.maxPasses ?? ROTATE_MAX_PASSES;
  let resealed = 0;
  for (let pass = 1; ; pass++) {
    // One snapshot per pass: a rotation activating another key meanwhile is the next pass's.
    const keys = activeKeysOf(keyring);
    let found = 0;
    let afterId: string | null = null;
    for (;;) {
      const batch: Row[] = await rows.list(db, keys, afterId, batchSize);
      const last = batch.at(-1);
      if (!last) {
        break;
      }
      found += batch.length;
      afterId = last.id;
      resealed += await rows.store(db, keyring, batch);
      options.onProgress?.({ pass, resealed });
    }
    if (found === 0) {
      return { resealed, passes: pass };
    }
    if (pass >= maxPasses) {
      const remaining = await rows.count(db, activeKeysOf(keyring));
      if (remaining === 0) {
        return { resealed, passes: pass };
      }
      throw new RotationIncompleteError(
        `${remaining} ${rows.name} still sealed with older keys after ${pass} passes: they ` +
          'change during each pass (a server still sealing with an old key file?). Run it again.',
      );
    }
  }
}

/** The host country of a stored row; none only for a household never registered (a defect). */
function scopeOf(row: { readonly id: string; readonly scope: string | null }): string {
  if (row.scope === null) {
    throw new SealBrokenError(`Row ${row.id} belongs to a household with no registration`);
  }
  return row.scope;
}

function resealNeed(keyring: Keyring, need: SealedNeed): ResealedNeed {
  const scope = scopeOf(need);
  const again = (sealed: string | null, column: SealedNeedColumn): string | null => {
    if (sealed === null) {
      return null;
    }
    const binding = needBinding(need.id, column, scope);
    return keyring.seal(keyring.open(sealed, binding), binding);
  };
  const codeSealed = again(need.codeSealed, 'code');
  const noteSealed = again(need.noteSealed, 'note');
  const anySealed = codeSealed ?? noteSealed;
  // The key the new values name, not the one read before sealing: a reload may fall in between.
  return {
    before: need,
    codeSealed,
    noteSealed,
    keyId: anySealed === null ? null : keyring.keyIdOf(anySealed),
  };
}

function resealDocumentNumber(
  keyring: Keyring,
  table: DocumentNumberTable,
  document: SealedDocumentNumber,
): ResealedDocumentNumber {
  const scope = scopeOf(document);
  const number = openDocumentNumber(keyring, document, scope, table.holder);
  return {
    before: document,
    ...sealDocumentNumber(keyring, document.id, scope, number, table.holder),
  };
}
