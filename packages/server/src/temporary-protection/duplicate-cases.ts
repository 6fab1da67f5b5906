/**
 * Duplicates found after the grants become protection cases (issue 6 gap 3): each pair of active
 * statuses of one identity (core duplicatePairs) opens one case of kind active-after-grant, the
 * same queue and resolution a held second grant uses. A pair any case is already about opens
 * nothing, so calling again — or two caseworkers at once — never opens a second case.
 */
import { randomUUID } from 'node:crypto';
import type { DuplicateCasesOpened } from '@haven/contract';
import { duplicatePairs } from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { caseView } from './case-view.js';
import {
  insertCase,
  listDuplicateActiveStatuses,
  pairKeysWithCases,
  type StoredCase,
} from './queries.js';
import { callerActor, protectionCountriesOf, type Caller } from './scope.js';

/** Duplicates looked at per call; the rest are opened by the next call. */
const DUPLICATES_PER_CALL = 200;

export async function openDuplicateCases(
  db: Db,
  caller: Caller,
  onDate: string,
): Promise<DuplicateCasesOpened> {
  const countries = protectionCountriesOf(caller.principal);
  return db.transaction(async (tx) => {
    // One opener at a time: the check for an existing case and the insert must not interleave.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('protection-duplicate-cases'))`);
    const duplicates = await listDuplicateActiveStatuses(tx, {
      countries,
      onDate,
      limit: DUPLICATES_PER_CALL,
    });
    const pairs = duplicates
      .flatMap((duplicate) => duplicatePairs(duplicate.statuses))
      .filter(
        (pair) =>
          countries.includes(pair.here.countryCode) || countries.includes(pair.other.countryCode),
      );
    const taken = await pairKeysWithCases(
      tx,
      pairs.map((pair) => pair.key),
    );
    const actor = await callerActor(tx, caller);
    const opened: StoredCase[] = [];
    for (const pair of pairs.filter((candidate) => !taken.has(candidate.key))) {
      const { here, other } = pair;
      opened.push(
        await insertCase(tx, {
          id: randomUUID(),
          kind: 'active-after-grant',
          personId: here.personId,
          countryCode: here.countryCode,
          heldEvent: {
            status: here.status,
            category: here.category,
            effectiveOn: here.effectiveOn,
            validUntil: here.validUntil,
            assessmentId: null,
          },
          conflicting: [
            {
              personId: other.personId,
              samePerson: other.personId === here.personId,
              countryCode: other.countryCode,
              status: other.status,
              category: other.category,
              effectiveOn: other.effectiveOn,
              validUntil: other.validUntil,
            },
          ],
          openedBy: actor,
        }),
      );
      taken.add(pair.key);
    }
    await appendAudit(
      tx,
      opened.flatMap((found) =>
        [...new Set([found.countryCode, ...found.conflicting.map((c) => c.countryCode)])].map(
          (chain) => ({
            ...caller.audit,
            chain,
            action: 'protection.case-opened',
            resourceType: 'protection-case',
            resourceId: found.id,
            detail: {
              persons: [found.personId, ...found.conflicting.map((c) => c.personId)],
              kind: found.kind,
            },
          }),
        ),
      ),
    );
    return {
      opened: opened.map((found) => caseView(caller.principal, found)),
      alreadyOpened: pairs.length - opened.length,
    };
  });
}
