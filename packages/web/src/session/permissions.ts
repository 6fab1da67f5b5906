import type { Permission } from '@haven/core';

// The server enforces every permission (issue #4); the app only hides what the user cannot use.

export function hasPermission(
  session: { readonly permissions: readonly Permission[] },
  permission: Permission,
): boolean {
  return session.permissions.includes(permission);
}

/** Where a user starts: the first page their permissions open, people before aggregates. */
export function homePathOf(session: { readonly permissions: readonly Permission[] }): string {
  if (hasPermission(session, 'persons:read')) {
    return '/registrations';
  }
  if (hasPermission(session, 'registrations:create')) {
    return '/registrations/new';
  }
  if (hasPermission(session, 'users:manage')) {
    return '/users';
  }
  return '/statistics';
}

/**
 * The page to return to after signing in, from the `next` parameter. Only a path of this app:
 * '//evil.example' or 'https://…' would make the sign-in page an open redirect (OWASP ASVS 5.1.5).
 */
export function returnPathOf(next: string | null): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : undefined;
}
