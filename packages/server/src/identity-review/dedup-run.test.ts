import { RegistrationInput } from '@haven/contract';
import { transliterateUkrainian } from '@haven/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../audit/append.js';
import { queryRows } from '../db/open.js';
import { planRegistration } from '../registrations/plan.js';
import { recordRegistrations } from '../registrations/record.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';
import { queueReviewPair } from '../test-support/review-pairs.js';
import { runIdentityDedup } from './dedup-run.js';

const GIVEN = ['Андрій', 'Богдан', 'Василь', 'Григорій', 'Дмитро', 'Євген', 'Захар', 'Ігор'];
const ROOTS = ['Бабич', 'Гнат', 'Дорош', 'Жук', 'Зозул', 'Кармел', 'Лагод', 'Мартин', 'Нестер'];
const ENDINGS = ['енко', 'ук', 'ишин', 'ець'];

let api: TestApi;
/** Person ids by a label of the test's own. */
const ids = new Map<string, string>();
const idOf = (label: string): string => ids.get(label) ?? '';

/**
 * A register for EM to learn from: one person per household, every third registered twice
 * (Cyrillic at one visit, Latin at the next), and a pair of twins, whom only a person can tell
 * apart from a duplicate.
 */
async function seedRegister(): Promise<void> {
  const households: { label: string; members: Record<string, unknown>[] }[] = [];
  let n = 0;
  for (const root of ROOTS) {
    for (const ending of ENDINGS) {
      for (const given of GIVEN.slice(0, 5)) {
        n += 1;
        const person = {
          givenName: given,
          familyName: root + ending,
          patronymic: undefined,
          sex: 'male',
          birthDate: `19${50 + (n % 50)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
          documents: [],
          specificNeeds: [],
        };
        households.push({ label: `p${n}`, members: [person] });
        if (n % 3 === 0) {
          households.push({
            label: `q${n}`,
            members: [
              {
                ...person,
                givenName: transliterateUkrainian(given),
                familyName: transliterateUkrainian(root + ending),
              },
            ],
          });
        }
      }
    }
  }
  const twin = {
    familyName: 'Гайдамакич',
    patronymic: 'Петрівна',
    sex: 'female',
    birthDate: '2012-05-01',
    documents: [],
    specificNeeds: [],
  };
  households.push({
    label: 'twins',
    members: [
      { ...twin, givenName: 'Олена', relationshipToHead: 'head' },
      { ...twin, givenName: 'Ганна', relationshipToHead: 'sibling' },
    ],
  });
  const plans = households.map(({ members }) =>
    planRegistration(
      RegistrationInput.parse(
        buildRegistration(api.siteId, {
          household: { members: members.map((member) => buildPerson(member)) },
        }),
      ),
      new Date().toISOString(),
      'seed',
    ),
  );
  await recordRegistrations(api.database.db, api.keyring, plans, {
    actor: operatorActor('test'),
    countryOfSite: () => 'PL',
  });
  households.forEach(({ label, members }, index) => {
    members.forEach((_, position) => {
      const id = plans[index]?.members[position]?.id ?? '';
      ids.set(position === 0 ? label : `${label}-${position}`, id);
    });
  });
}

const clusterOf = async (): Promise<Map<string, string>> => {
  const rows = await queryRows<{ person_id: string; cluster_id: string }>(
    api.database.db,
    sql`SELECT person_id, cluster_id FROM identity_clusters`,
  );
  return new Map(rows.map((row) => [row.person_id, row.cluster_id]));
};

const pendingPairs = () =>
  queryRows<{
    id: string;
    person_a_id: string;
    person_b_id: string;
    match_probability: number;
    queued_because: string;
  }>(
    api.database.db,
    sql`SELECT id, person_a_id, person_b_id, match_probability, queued_because
      FROM identity_review_pairs WHERE decision IS NULL`,
  );

const decide = async (pairId: string, decision: string) => {
  const response = await api.post(`/api/v1/identity-review/pairs/${pairId}/decision`, {
    decision,
  });
  expect(response.statusCode, response.body).toBe(200);
};

const RUN = { randomPairs: 5000 } as const;

beforeAll(async () => {
  api = await startTestApi();
  await seedRegister();
});
afterAll(() => api.close());

describe('haven identity dedup over the database', { timeout: 60_000 }, () => {
  it('writes every person into one cluster, queues the uncertain pairs, and audits the run', async () => {
    const { run } = await runIdentityDedup(api.database.db, api.keyring, { ...RUN, chunkSize: 50 });
    const clusters = await clusterOf();
    expect(clusters.size).toBe(run.persons);
    expect(run.persons).toBe(ids.size);
    // A person registered in Cyrillic and again in Latin is one identity.
    expect(clusters.get(idOf('p3'))).toBe(clusters.get(idOf('q3')));
    expect(clusters.get(idOf('p1'))).not.toBe(clusters.get(idOf('p2')));
    // Twins are not merged on a weight: they wait for a reviewer.
    expect(clusters.get(idOf('twins'))).not.toBe(clusters.get(idOf('twins-1')));
    const twins = [idOf('twins'), idOf('twins-1')].sort();
    const pending = await pendingPairs();
    expect(pending.some((p) => p.person_a_id === twins[0] && p.person_b_id === twins[1])).toBe(
      true,
    );
    // Each pair says why it is asked: held apart at the link probability, uncertain below it.
    for (const pair of pending) {
      expect(pair.queued_because).toBe(
        Number(pair.match_probability) >= run.linkProbability ? 'held-apart' : 'uncertain',
      );
    }

    const [runRow] = await queryRows<{
      persons: number;
      review_pairs: number;
      twins_rule: { isApplied: boolean; pairs: number };
    }>(
      api.database.db,
      sql`SELECT persons, review_pairs, twins_rule FROM identity_dedup_runs WHERE id = ${run.id}`,
    );
    expect(runRow).toMatchObject({ persons: run.persons, review_pairs: run.reviewPairs });
    // The demo register keeps its given names: twins were held apart, and the run says so.
    expect(runRow?.twins_rule.isApplied).toBe(true);
    const audit = await queryRows<{ chain: string; actor: string; applied: boolean }>(
      api.database.db,
      sql`SELECT chain, actor, (detail->>'twinsRuleApplied')::boolean AS applied FROM audit_log
        WHERE action = 'identity.dedup' AND resource_id = ${run.id}`,
    );
    expect(audit).toEqual([{ chain: 'system', actor: 'operator:identity dedup', applied: true }]);
  });

  it('follows the decisions at the next run: a cannot-link splits, a must-link joins', async () => {
    const twins = (await pendingPairs()).find((p) =>
      [p.person_a_id, p.person_b_id].includes(idOf('twins')),
    );
    await decide(twins?.id ?? '', 'different-people');
    await decide(
      await queueReviewPair(api.database.db, idOf('p6'), idOf('q6')),
      'different-people',
    );
    await decide(await queueReviewPair(api.database.db, idOf('p1'), idOf('p2')), 'same-person');

    const { run } = await runIdentityDedup(api.database.db, api.keyring, RUN);
    expect(run).toMatchObject({ mustLinks: 1, cannotLinks: 2, constraintConflicts: 0 });
    const clusters = await clusterOf();
    expect(clusters.get(idOf('p6'))).not.toBe(clusters.get(idOf('q6')));
    expect(clusters.get(idOf('p1'))).toBe(clusters.get(idOf('p2')));
    expect(clusters.get(idOf('p3'))).toBe(clusters.get(idOf('q3')));
    // A decided pair is never queued again.
    expect((await pendingPairs()).some((p) => p.id === twins?.id)).toBe(false);
    // The new run replaced the old result whole.
    const runs = await queryRows<{ run_id: string }>(
      api.database.db,
      sql`SELECT DISTINCT run_id FROM identity_clusters`,
    );
    expect(runs).toEqual([{ run_id: run.id }]);
  });

  it('leaves erased persons out of the clusters and the queue', async () => {
    expect((await clusterOf()).has(idOf('q3'))).toBe(true);
    const erased = await api.post(
      `/api/v1/persons/${idOf('q3')}/erasure`,
      { mode: 'erase', reason: 'Request 1/2026' },
      api.admin,
    );
    expect(erased.statusCode, erased.body).toBe(200);
    // At once, not only at the next run: an erased person is in no identity.
    expect((await clusterOf()).has(idOf('q3'))).toBe(false);
    const { run } = await runIdentityDedup(api.database.db, api.keyring, RUN);
    const clusters = await clusterOf();
    expect(clusters.has(idOf('q3'))).toBe(false);
    expect(run.persons).toBe(ids.size - 1);
    const pending = await pendingPairs();
    expect(pending.some((p) => p.person_a_id === idOf('q3') || p.person_b_id === idOf('q3'))).toBe(
      false,
    );
  });
});
