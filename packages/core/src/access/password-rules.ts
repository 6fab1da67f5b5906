/**
 * What makes a new password refused besides its length (NIST SP 800-63B 5.1.1.2, OWASP ASVS
 * 2.1.7): being a known breached or common password, or containing the user name.
 */
export type PasswordWeakness = 'common' | 'contains-username';

/**
 * Why a new password is refused, or undefined when it may be used. `isCommon` looks the
 * lower-cased password up in a list of breached passwords (the server ships one).
 * @example passwordWeakness('anna.nowak2024!', 'anna.nowak', () => false) // 'contains-username'
 */
export function passwordWeakness(
  password: string,
  username: string,
  isCommon: (lowerCasePassword: string) => boolean,
): PasswordWeakness | undefined {
  const lower = password.toLowerCase();
  if (isCommon(lower)) {
    return 'common';
  }
  const name = username.trim().toLowerCase();
  return name.length > 0 && lower.includes(name) ? 'contains-username' : undefined;
}
