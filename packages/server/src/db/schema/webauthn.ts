import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions, users } from '../schema.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * Security keys and passkeys (WebAuthn) a staff member registered as a second factor (issue 7).
 * Public keys only: nothing here lets anyone sign in, so nothing is sealed.
 */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    /** The credential id as the authenticator gave it, base64url. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter: a lower one than stored means a cloned key. */
    signCount: bigint('sign_count', { mode: 'number' }).notNull(),
    transports: jsonb('transports').$type<string[]>().notNull(),
    /** What the user called it ("blue YubiKey"), to tell keys apart when removing one. */
    name: text('name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [index('webauthn_credentials_user_idx').on(t.userId)],
);

/**
 * The one open WebAuthn challenge of a session (registration or sign-in), used once. Ends with
 * the session; a second request for options replaces it.
 */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  sessionTokenHash: text('session_token_hash')
    .primaryKey()
    .references(() => sessions.tokenHash, { onDelete: 'cascade' }),
  challenge: text('challenge').notNull(),
  purpose: text('purpose').notNull(),
  expiresAt: at('expires_at').notNull(),
});
