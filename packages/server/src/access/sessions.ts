import type { SecondFactorMethod } from '@haven/contract';
import { secondFactorStatus, type Principal, type SecondFactorStatus } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { newSecret, secretHash } from './secrets.js';
import { principalOf, type UserRow } from './users.js';

/** OWASP ASVS 3.3: sessions end after a working day at most, and after half an hour idle. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** Writing last_seen_at on every request would turn every read into a write. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export async function createSession(db: Db, userId: string): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_ABSOLUTE_MS).toISOString();
  await db.execute(
    sql`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
        VALUES (${secretHash(token)}, ${userId}, ${csrfToken}, ${expiresAt})`,
  );
  return { token, csrfToken, expiresAt };
}

/**
 * Replaces a session by one that passed the second factor: a new token and CSRF token, the old
 * session ended (no fixation across the upgrade, OWASP ASVS 3.2.1). The absolute limit still
 * counts from the sign-in. Undefined when the old session is gone.
 */
export async function upgradeSession(db: Db, token: string): Promise<NewSession | undefined> {
  const fresh = newSecret();
  const csrfToken = newSecret();
  const [row] = await queryRows<{ expires_at: string | Date }>(
    db,
    sql`WITH ended AS (
          DELETE FROM sessions WHERE token_hash = ${secretHash(token)}
          RETURNING user_id, expires_at)
        INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, mfa_verified_at)
        SELECT ${secretHash(fresh)}, user_id, ${csrfToken}, expires_at, now() FROM ended
        RETURNING expires_at`,
  );
  return row && { token: fresh, csrfToken, expiresAt: new Date(row.expires_at).toISOString() };
}

export interface ActiveSession {
  readonly principal: Principal;
  readonly user: UserRow;
  readonly csrfToken: string;
  readonly expiresAt: string;
  /** This session passed the second factor. */
  readonly isMfaVerified: boolean;
  /** The user has a confirmed authenticator app or a security key. */
  readonly isMfaEnrolled: boolean;
  readonly secondFactorMethods: readonly SecondFactorMethod[];
}

/** The live session of a cookie token: not expired, not idle too long, its user not disabled. */
export async function findSession(db: Db, token: string): Promise<ActiveSession | undefined> {
  const [row] = await queryRows<
    UserRow & {
      csrf_token: string;
      expires_at: string | Date;
      idle_ms: number;
      is_mfa_verified: boolean;
      has_authenticator_app: boolean;
      has_security_key: boolean;
    }
  >(
    db,
    sql`SELECT u.id, u.username, u.display_name, u.role, u.countries, u.site_ids, u.is_demo,
               u.disabled_at, u.created_at, s.csrf_token, s.expires_at,
               (extract(epoch FROM now() - s.last_seen_at) * 1000)::float8 AS idle_ms,
               s.mfa_verified_at IS NOT NULL AS is_mfa_verified,
               EXISTS (SELECT 1 FROM user_mfa m
                       WHERE m.user_id = u.id AND m.confirmed_at IS NOT NULL)
                 AS has_authenticator_app,
               EXISTS (SELECT 1 FROM webauthn_credentials k WHERE k.user_id = u.id)
                 AS has_security_key
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ${secretHash(token)} AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => ${SESSION_IDLE_MS / 1000})
          AND u.disabled_at IS NULL`,
  );
  if (!row) {
    return undefined;
  }
  if (row.idle_ms > TOUCH_EVERY_MS) {
    await db.execute(
      sql`UPDATE sessions SET last_seen_at = now() WHERE token_hash = ${secretHash(token)}`,
    );
  }
  return {
    principal: principalOf(row),
    user: row,
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at).toISOString(),
    isMfaVerified: row.is_mfa_verified,
    isMfaEnrolled: row.has_authenticator_app || row.has_security_key,
    secondFactorMethods: [
      ...(row.has_authenticator_app ? (['authenticator-app'] as const) : []),
      ...(row.has_security_key ? (['security-key'] as const) : []),
    ],
  };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.execute(sql`DELETE FROM sessions WHERE token_hash = ${secretHash(token)}`);
}

/** The second-factor status of a cookie session, by the core rule. */
export function secondFactorOf(session: ActiveSession, requireMfa: boolean): SecondFactorStatus {
  return secondFactorStatus({
    role: session.user.role,
    isRequiredByDeployment: requireMfa,
    isEnrolled: session.isMfaEnrolled,
    isVerified: session.isMfaVerified,
  });
}

/** Ends every session of a user (their API tokens stay). */
export async function endUserSessions(db: Db, userId: string): Promise<void> {
  await db.execute(sql`DELETE FROM sessions WHERE user_id = ${userId}`);
}
