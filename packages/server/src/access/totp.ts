import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 as authenticator apps expect it (Google Key Uri Format): HMAC-SHA-1, 6 digits,
 * 30-second steps. SHA-1 is what every app supports; HMAC-SHA-1 is not weakened by SHA-1
 * collisions (RFC 6238 section 1.2, NIST SP 800-63B 5.1.4.1).
 */
const TOTP_SETTINGS = { issuer: 'Haven', algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** One step either side: a phone clock off by up to 30 s still works (RFC 6238 section 5.2). */
const WINDOW_STEPS = 1;
/** 160 bits, the HMAC-SHA-1 key length RFC 4226 section 4 recommends. */
const SECRET_BYTES = 20;

const totpOf = (secretBase32: string, username: string): TOTP =>
  new TOTP({ ...TOTP_SETTINGS, label: username, secret: Secret.fromBase32(secretBase32) });

/** A new random shared secret, in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secretBase32: string, username: string): string {
  return totpOf(secretBase32, username).toString();
}

/** The time step a code belongs to (within one step of now), or undefined for a wrong code. */
export function matchingStep(
  secretBase32: string,
  code: string,
  nowMs: number,
): number | undefined {
  const totp = totpOf(secretBase32, '');
  const delta = totp.validate({ token: code, timestamp: nowMs, window: WINDOW_STEPS });
  return delta === null ? undefined : totp.counter({ timestamp: nowMs }) + delta;
}
