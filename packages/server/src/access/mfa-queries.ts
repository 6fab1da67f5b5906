import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { mfaSecretBinding } from '../protection/bindings.js';
import type { Keyring } from '../protection/keyring.js';
import { isStale } from '../protection/queries.js';
import { secretHash } from './secrets.js';

/** OWASP MFA cheat sheet: a handful of single-use codes for a lost phone. */
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read off paper

/**
 * A recovery code: 16 characters of a 32-letter alphabet (80 random bits, so a SHA-256 of it is
 * as safe to store as a token's), shown in groups of four.
 */
function newRecoveryCode(): string {
  const letters = [...randomBytes(16)].map((byte) => RECOVERY_ALPHABET[byte % 32] ?? '');
  return [0, 4, 8, 12].map((start) => letters.slice(start, start + 4).join('')).join('-');
}

/** The form a recovery code is hashed in: case, spaces and hyphens as typed do not matter. */
export function recoveryCodeHash(code: string): string {
  return secretHash(code.toUpperCase().replace(/[\s-]+/g, ''));
}

export interface MfaRecord {
  readonly secret: string;
  /** The secret as stored, to write only if it is still the one checked against. */
  readonly sealedSecret: string;
  readonly isConfirmed: boolean;
  readonly lastStep: number | null;
}

export async function findMfa(
  db: Db,
  keyring: Keyring,
  userId: string,
): Promise<MfaRecord | undefined> {
  const [row] = await queryRows<{
    totp_secret_sealed: string;
    confirmed_at: string | Date | null;
    last_step: number | string | null;
  }>(
    db,
    sql`SELECT totp_secret_sealed, confirmed_at, last_step FROM user_mfa WHERE user_id = ${userId}`,
  );
  return (
    row && {
      secret: keyring.open(row.totp_secret_sealed, mfaSecretBinding(userId)),
      sealedSecret: row.totp_secret_sealed,
      isConfirmed: row.confirmed_at !== null,
      lastStep: row.last_step === null ? null : Number(row.last_step),
    }
  );
}

/** Stores a new, unconfirmed secret, replacing an unconfirmed one; false when already confirmed. */
export async function startEnrolment(
  db: Db,
  keyring: Keyring,
  userId: string,
  secret: string,
): Promise<boolean> {
  const sealed = keyring.seal(secret, mfaSecretBinding(userId));
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`INSERT INTO user_mfa AS m (user_id, totp_secret_sealed) VALUES (${userId}, ${sealed})
        ON CONFLICT (user_id) DO UPDATE SET totp_secret_sealed = EXCLUDED.totp_secret_sealed,
          last_step = NULL, created_at = now()
        WHERE m.confirmed_at IS NULL
        RETURNING user_id`,
  );
  return rows.length > 0;
}

/**
 * Records that a code of this step was used, confirming the enrolment. False when a code of
 * this or a later step was accepted before: a replayed code (one statement, so two requests
 * racing with the same code cannot both pass); false too when the secret the code was checked
 * against was replaced meanwhile (enrolment started again in another tab).
 */
export async function acceptStep(
  db: Db,
  mfa: MfaRecord,
  userId: string,
  step: number,
): Promise<boolean> {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`UPDATE user_mfa SET last_step = ${step}, confirmed_at = COALESCE(confirmed_at, now())
        WHERE user_id = ${userId} AND totp_secret_sealed = ${mfa.sealedSecret}
          AND (last_step IS NULL OR last_step < ${step})
        RETURNING user_id`,
  );
  return rows.length > 0;
}

/** New recovery codes in place of any old ones; the codes themselves are returned, never stored. */
export async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.execute(sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}`);
  await db.execute(
    sql`INSERT INTO mfa_recovery_codes (user_id, code_hash)
        SELECT ${userId}, hash FROM unnest(${sql.param(codes.map(recoveryCodeHash))}::text[]) AS hash`,
  );
  return codes;
}

/** Uses up a recovery code; the number of codes left, or undefined when it is unknown or used. */
export async function useRecoveryCode(
  db: Db,
  userId: string,
  code: string,
): Promise<number | undefined> {
  const used = await queryRows<{ user_id: string }>(
    db,
    sql`UPDATE mfa_recovery_codes SET used_at = now()
        WHERE user_id = ${userId} AND code_hash = ${recoveryCodeHash(code)} AND used_at IS NULL
        RETURNING user_id`,
  );
  if (used.length === 0) {
    return undefined;
  }
  const [left] = await queryRows<{ count: number | string }>(
    db,
    sql`SELECT count(*) AS count FROM mfa_recovery_codes
        WHERE user_id = ${userId} AND used_at IS NULL`,
  );
  return Number(left?.count ?? 0);
}

/** Removes the second factor and its recovery codes; false when the user had none. */
export async function removeMfa(db: Db, userId: string): Promise<boolean> {
  await db.execute(sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}`);
  const keys = await queryRows<{ id: string }>(
    db,
    sql`DELETE FROM webauthn_credentials WHERE user_id = ${userId} RETURNING id`,
  );
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`DELETE FROM user_mfa WHERE user_id = ${userId} RETURNING user_id`,
  );
  return rows.length > 0 || keys.length > 0;
}

/**
 * Re-seals with the active key every TOTP secret sealed with another, or in the first format
 * (data-key rotation; secrets are sealed with the `system` data key). A row
 * is written only if unchanged since it was read; there is one row per staff member, so no
 * batching is needed. Returns how many were re-sealed.
 */
export async function resealMfaSecrets(db: Db, keyring: Keyring): Promise<number> {
  const rows = await queryRows<{ user_id: string; totp_secret_sealed: string }>(
    db,
    sql`SELECT user_id, totp_secret_sealed FROM user_mfa
        WHERE ${isStale(sql`totp_secret_sealed`, keyring)}`,
  );
  let resealed = 0;
  for (const row of rows) {
    const binding = mfaSecretBinding(row.user_id);
    const again = keyring.seal(keyring.open(row.totp_secret_sealed, binding), binding);
    const updated = await queryRows<{ user_id: string }>(
      db,
      sql`UPDATE user_mfa SET totp_secret_sealed = ${again}
          WHERE user_id = ${row.user_id} AND totp_secret_sealed = ${row.totp_secret_sealed}
          RETURNING user_id`,
    );
    resealed += updated.length;
  }
  return resealed;
}
