/**
 * Navigation state of the way to the sign-in page after "Sign out". The session ends only once
 * there: ended earlier, the page being left would send the user to sign in and come back to it.
 */
export const SIGNING_OUT = { isSigningOut: true } as const;

export function isSigningOut(state: unknown): boolean {
  return (
    typeof state === 'object' &&
    state !== null &&
    'isSigningOut' in state &&
    state.isSigningOut === true
  );
}
