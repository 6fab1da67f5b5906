import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { secretHash } from './secrets.js';

export type ChallengePurpose = 'registration' | 'authentication';

/** Challenges are answered by a touch of the key: five minutes is generous. */
const CHALLENGE_TTL_SECONDS = 300;

/** Remembers the challenge just sent to this session, replacing any earlier one. */
export async function saveChallenge(
  db: Db,
  sessionToken: string,
  purpose: ChallengePurpose,
  challenge: string,
): Promise<void> {
  await db.execute(
    sql`INSERT INTO webauthn_challenges (session_token_hash, challenge, purpose, expires_at)
        VALUES (${secretHash(sessionToken)}, ${challenge}, ${purpose},
                now() + make_interval(secs => ${CHALLENGE_TTL_SECONDS}))
        ON CONFLICT (session_token_hash) DO UPDATE
          SET challenge = EXCLUDED.challenge, purpose = EXCLUDED.purpose,
              expires_at = EXCLUDED.expires_at`,
  );
}

/**
 * The session's open challenge for `purpose`, removed as it is read: each challenge is answered
 * at most once, whether the answer verifies or not.
 */
export async function takeChallenge(
  db: Db,
  sessionToken: string,
  purpose: ChallengePurpose,
): Promise<string | undefined> {
  const [row] = await queryRows<{ challenge: string; live: boolean }>(
    db,
    sql`DELETE FROM webauthn_challenges
        WHERE session_token_hash = ${secretHash(sessionToken)} AND purpose = ${purpose}
        RETURNING challenge, expires_at > now() AS live`,
  );
  return row?.live ? row.challenge : undefined;
}

export interface StoredCredential {
  readonly id: string;
  readonly publicKey: string;
  readonly signCount: number;
  readonly transports: string[];
}

export async function listUserCredentials(db: Db, userId: string): Promise<StoredCredential[]> {
  const rows = await queryRows<{
    id: string;
    public_key: string;
    sign_count: number | string;
    transports: string[] | string;
  }>(
    db,
    sql`SELECT id, public_key, sign_count, transports FROM webauthn_credentials
        WHERE user_id = ${userId} ORDER BY created_at`,
  );
  return rows.map((row) => ({
    id: row.id,
    publicKey: row.public_key,
    signCount: Number(row.sign_count),
    transports: typeof row.transports === 'string' ? JSON.parse(row.transports) : row.transports,
  }));
}

export interface SecurityKeyRow {
  readonly id: string;
  readonly name: string;
  readonly created_at: string | Date;
  readonly last_used_at: string | Date | null;
}

export async function listSecurityKeys(db: Db, userId: string): Promise<SecurityKeyRow[]> {
  return queryRows<SecurityKeyRow>(
    db,
    sql`SELECT id, name, created_at, last_used_at FROM webauthn_credentials
        WHERE user_id = ${userId} ORDER BY created_at`,
  );
}

/** False when a key with this id exists already (registered twice, or by someone else). */
export async function addCredential(
  db: Db,
  userId: string,
  credential: StoredCredential & { readonly name: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webauthn_credentials (id, user_id, public_key, sign_count, transports, name)
        VALUES (${credential.id}, ${userId}, ${credential.publicKey}, ${credential.signCount},
                ${JSON.stringify(credential.transports)}::jsonb, ${credential.name})
        ON CONFLICT (id) DO NOTHING RETURNING id`,
  );
  return rows.length > 0;
}

/**
 * Records a use of the key with its new signature counter. False when the counter did not move
 * forward while the key keeps one (a cloned key, W3C WebAuthn 6.1.1), or the key is gone.
 */
export async function recordCredentialUse(
  db: Db,
  credential: StoredCredential,
  newSignCount: number,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webauthn_credentials SET sign_count = ${newSignCount}, last_used_at = now()
        WHERE id = ${credential.id} AND sign_count = ${credential.signCount}
          AND (${newSignCount} > sign_count OR (${newSignCount} = 0 AND sign_count = 0))
        RETURNING id`,
  );
  return rows.length > 0;
}

export async function removeCredential(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`DELETE FROM webauthn_credentials WHERE user_id = ${userId} AND id = ${id} RETURNING id`,
  );
  return rows.length > 0;
}
