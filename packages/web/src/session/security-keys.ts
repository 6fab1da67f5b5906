import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import type { TFunction } from 'i18next';
import { ProblemError } from '../api/problem-error.js';
import { problemText } from '../i18n/problem-text.js';

const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * Whether this browser, at this address, can use security keys and passkeys: WebAuthn needs a
 * browser that offers it and a site opened by name (browsers refuse IP addresses), over HTTPS or
 * on localhost.
 */
export function canUseSecurityKeys(): boolean {
  return (
    browserSupportsWebAuthn() &&
    window.isSecureContext &&
    !IP_ADDRESS.test(window.location.hostname)
  );
}

/**
 * What to say when the key step failed: the browser's own refusals (cancelled, timed out, a key
 * not set up here) in words, else undefined for the caller's problem text.
 */
export function securityKeyFailureText(failure: Error | null, t: TFunction): string | undefined {
  if (failure === null) {
    return undefined;
  }
  if (failure instanceof ProblemError) {
    return failure.code === 'security-key-refused'
      ? t('securityKey.refused')
      : problemText(failure, t);
  }
  return t('securityKey.cancelled');
}
