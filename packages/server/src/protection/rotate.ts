import { resealMfaSecrets } from '../access/mfa-queries.js';
import type { Db } from '../db/open.js';
import { needBinding, type SealedNeedColumn } from './bindings.js';
import type { Keyring } from './keyring.js';
import {
  countNeedsToReseal,
  listNeedsToReseal,
  updateResealedNeeds,
  type ResealedNeed,
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

/**
 * Re-seals every specific need (and staff TOTP secret) not sealed with the keyring's active key, online: batches in id
 * order, each row written only if unchanged since it was read; rows changed meanwhile are retried
 * by another pass, until a pass finds nothing left. Values never leave this function in clear.
 * A value that does not open stops the rotation (SealBrokenError, UnknownDataKeyError) rather
 * than being skipped: it needs a person to look at it.
 */
export async function rotateDataKeys(
  db: Db,
  keyring: Keyring,
  options: RotateOptions = {},
): Promise<{ readonly resealed: number; readonly passes: number }> {
  const batchSize = options.batchSize ?? ROTATE_BATCH_SIZE;
  const maxPasses = options.maxPasses ?? ROTATE_MAX_PASSES;
  // Staff TOTP secrets too (a few rows), so that retiring the old key leaves none behind.
  let resealed = await resealMfaSecrets(db, keyring);
  for (let pass = 1; ; pass++) {
    const activeKeyId = keyring.activeKeyId;
    let found = 0;
    let afterId: string | null = null;
    for (;;) {
      const batch: SealedNeed[] = await listNeedsToReseal(db, activeKeyId, afterId, batchSize);
      const last = batch.at(-1);
      if (!last) {
        break;
      }
      found += batch.length;
      afterId = last.id;
      resealed += await updateResealedNeeds(
        db,
        batch.map((need) => reseal(keyring, need)),
      );
      options.onProgress?.({ pass, resealed });
    }
    if (found === 0) {
      return { resealed, passes: pass };
    }
    if (pass >= maxPasses) {
      const remaining = await countNeedsToReseal(db, keyring.activeKeyId);
      if (remaining === 0) {
        return { resealed, passes: pass };
      }
      throw new RotationIncompleteError(
        `${remaining} specific needs still sealed with older keys after ${pass} passes: they ` +
          'change during each pass (a server still sealing with an old key file?). Run it again.',
      );
    }
  }
}

function reseal(keyring: Keyring, need: SealedNeed): ResealedNeed {
  const again = (sealed: string | null, column: SealedNeedColumn): string | null => {
    if (sealed === null) {
      return null;
    }
    const binding = needBinding(need.id, column);
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
