import type { Role } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { createUser } from './users.js';

/**
 * The one password of every demo account, printed in the README and at start. Demo accounts
 * exist only in a database that `haven start` filled with fictional demo data.
 */
export const DEMO_PASSWORD = 'haven-demo-2022';

interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly countries: readonly string[];
  /** Names of demo sites, for site-scoped roles. */
  readonly sites?: readonly string[];
}

const ALL = ['PL', 'RO', 'HU', 'SK', 'MD'];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'demo.admin',
    displayName: 'Demo administrator',
    role: 'administrator',
    countries: ALL,
  },
  {
    username: 'demo.registrar',
    displayName: 'Demo registrar (Medyka)',
    role: 'registrar',
    countries: ['PL'],
    sites: ['Medyka'],
  },
  {
    username: 'demo.registrar.siret',
    displayName: 'Demo registrar (Siret)',
    role: 'registrar',
    countries: ['RO'],
    sites: ['Siret'],
  },
  {
    username: 'demo.caseworker',
    displayName: 'Demo caseworker (Poland)',
    role: 'caseworker',
    countries: ['PL'],
  },
  {
    username: 'demo.coordinator',
    displayName: 'Demo evacuation coordinator',
    role: 'evacuation-coordinator',
    countries: ['PL', 'RO'],
  },
  {
    username: 'demo.housing',
    displayName: 'Demo housing coordinator (Poland)',
    role: 'housing-coordinator',
    countries: ['PL'],
  },
  {
    username: 'demo.education',
    displayName: 'Demo education officer (Poland)',
    role: 'education-officer',
    countries: ['PL'],
  },
  {
    username: 'demo.welfare',
    displayName: 'Demo welfare officer (Poland)',
    role: 'welfare-officer',
    countries: ['PL'],
  },
  { username: 'demo.analyst', displayName: 'Demo analyst', role: 'analyst', countries: ALL },
];

/** Creates the demo accounts that do not exist yet; returns how many were created. */
export async function createDemoUsers(db: Db): Promise<number> {
  const sites = await queryRows<{ id: string; name: string }>(db, sql`SELECT id, name FROM sites`);
  const siteId = new Map(sites.map((site) => [site.name, site.id]));
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUser(db, {
      username: account.username,
      displayName: account.displayName,
      password: DEMO_PASSWORD,
      role: account.role,
      countries: [...account.countries],
      siteIds: (account.sites ?? []).flatMap((name) => siteId.get(name) ?? []),
      isDemo: true,
    });
    created += user ? 1 : 0;
  }
  return created;
}

/** Whether this database holds demo accounts (a demo database, announced as such at start). */
export async function hasDemoUsers(db: Db): Promise<boolean> {
  const rows = await queryRows(db, sql`SELECT 1 FROM users WHERE is_demo LIMIT 1`);
  return rows.length > 0;
}
