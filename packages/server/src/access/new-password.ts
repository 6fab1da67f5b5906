import { passwordWeakness, type PasswordWeakness } from '@haven/core';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * About 49,000 passwords most common in public breach corpora, lower-cased, as zxcvbn-ts ships
 * them: checked offline, nothing is sent anywhere (NIST SP 800-63B 5.1.1.2).
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);

const MESSAGES: Record<PasswordWeakness, string> = {
  common: 'Is one of the most common passwords, tried first by attackers; choose another',
  'contains-username': 'Must not contain the user name',
};

/** Why a new password is refused (a message for the `password` field), or undefined if it is fine. */
export function weakPasswordMessage(password: string, username: string): string | undefined {
  const weakness = passwordWeakness(password, username, (lower) => COMMON_PASSWORDS.has(lower));
  return weakness && MESSAGES[weakness];
}
