import argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet's minimum for argon2id: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the user does not exist makes an unknown name cost the same time.
const decoyHash = hashPassword('decoy password that matches nothing');

/** True when the password matches; an absent hash still spends one verification. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  try {
    const matches = await argon2.verify(hash ?? (await decoyHash), password);
    return hash !== undefined && matches;
  } catch {
    // A malformed stored hash is a failed sign-in, not a crash.
    return false;
  }
}
