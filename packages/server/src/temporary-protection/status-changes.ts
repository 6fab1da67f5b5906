/**
 * Status changes on a person's timeline (issue 6 item 2), and the conflict cases they raise.
 *
 * Only one active protection status across countries: a grant while the same person, or another
 * record of the same identity (the newest dedup run's cluster), holds an active status anywhere
 * is not recorded. It is HELD in a protection case with both statuses, and caseworkers resolve
 * it: grant here and cease the other (TPD Art. 26: protection follows the person), keep the
 * existing one, or — when the identity match was wrong — grant.
 */
import { randomUUID } from 'node:crypto';
import type {
  NewStatusEvent,
  ProtectionCase,
  ProtectionCaseResolution,
  StatusEvent,
  StatusEventOutcome,
} from '@haven/contract';
import {
  checkTransition,
  isActiveStatus,
  protectionEndsOn,
  regimeOf,
  type ProtectionCategory,
  type StatusReason,
} from '@haven/core';
import { appendAudit } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import {
  appendStatusEvent,
  findCase,
  findStatusEvent,
  identityOf,
  insertCase,
  latestDecidedAssessment,
  listCases,
  listStatusEvents,
  lockPersons,
  resolveCase,
  statusEventView,
  type Actor,
} from './queries.js';
import { idempotentCreate, type ClaimKey } from '../idempotency/idempotent-create.js';
import { caseView } from './case-view.js';
import {
  assertCountryInScope,
  callerActor,
  personInScope,
  protectionCountriesOf,
  type Caller,
} from './scope.js';

type TimelineEvent = StatusEvent & { personId: string };

/** The current event of each (person, country): the last of the ordered timeline. */
function currentEvents(events: readonly TimelineEvent[]): Map<string, TimelineEvent> {
  const current = new Map<string, TimelineEvent>();
  for (const event of events) {
    current.set(`${event.personId}|${event.countryCode}`, event);
  }
  return current;
}

interface PlannedEvent {
  readonly personId: string;
  readonly countryCode: string;
  readonly status: StatusEvent['status'];
  readonly category: ProtectionCategory | null;
  readonly reason: StatusReason | null;
  readonly effectiveOn: string;
  readonly validUntil: string | null;
  readonly assessmentId: string | null;
}

/** Refuses a change the transition table does not allow, with the table's reason. */
function assertAllowed(current: TimelineEvent | undefined, change: PlannedEvent): void {
  const refusal = checkTransition(current ?? null, change);
  if (!refusal) {
    return;
  }
  const field =
    refusal.code === 'effective-before-current'
      ? 'effectiveOn'
      : refusal.code === 'transition-not-allowed'
        ? 'status'
        : 'reason';
  throw new HttpProblem(
    refusal.code === 'transition-not-allowed' ? 409 : 422,
    refusal.code,
    refusal.message,
    [{ field, in: 'body', message: refusal.message }],
  );
}

/** Appends a planned event and its audit entry. */
async function record(
  tx: Db,
  caller: Caller,
  actor: Actor,
  event: PlannedEvent,
  caseId: string | null,
  id: string = randomUUID(),
): Promise<StatusEvent> {
  const recorded = await appendStatusEvent(tx, {
    id,
    ...event,
    caseId,
    recordedBy: actor,
  });
  await appendAudit(tx, [
    {
      ...caller.audit,
      chain: event.countryCode,
      action: 'protection.status-recorded',
      resourceType: 'protection-status-event',
      resourceId: recorded.id,
      detail: {
        persons: [event.personId],
        status: event.status,
        reason: event.reason,
        caseId,
      },
    },
  ]);
  return recorded;
}

/**
 * Records a status change: allowed transitions only; a grant rests on a confirmed (or
 * overridden-to-eligible) assessment for that country; a grant while active elsewhere is held
 * in a case. With an Idempotency-Key, a resend (a registrar on a bad connection) answers the
 * event or case the first request recorded instead of recording it twice.
 */
export async function recordStatusChange(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewStatusEvent,
  idempotencyKey?: string,
): Promise<StatusEventOutcome> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `protection-status-events:${personId}`, body: input }
    : undefined;
  const { value } = await idempotentCreate(
    db,
    idempotency,
    (claim) => recordOnce(db, caller, personId, input, claim),
    (resourceId) => replayStatusChange(db, caller, personId, resourceId),
  );
  return value;
}

/** The outcome a first request recorded: its event, or the case that holds its grant. */
async function replayStatusChange(
  db: Db,
  caller: Caller,
  personId: string,
  resourceId: string,
): Promise<StatusEventOutcome> {
  return db.transaction(async (tx) => {
    await personInScope(tx, caller.principal, personId, false);
    const event = await findStatusEvent(tx, resourceId);
    if (event) {
      return { outcome: 'recorded', event: statusEventView(event) };
    }
    const held = await findCase(tx, resourceId, protectionCountriesOf(caller.principal));
    if (!held) {
      throw new HttpProblem(404, 'not-found', 'The original request recorded nothing you may see');
    }
    return { outcome: 'held', case: caseView(caller.principal, held.view) };
  });
}

async function recordOnce(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewStatusEvent,
  claim: ClaimKey,
): Promise<StatusEventOutcome> {
  // The event's id, or the case's when the grant is held: what a resend is answered with.
  const resourceId = randomUUID();
  return db.transaction(async (tx) => {
    await claim(tx, resourceId);
    await personInScope(tx, caller.principal, personId, true);
    await assertCountryInScope(tx, caller.principal, input.countryCode);
    const identity = await identityOf(tx, personId);
    await lockPersons(tx, identity);
    const events = await listStatusEvents(tx, identity);
    const current = currentEvents(events);
    const here = current.get(`${personId}|${input.countryCode}`);

    const open = await listCases(tx, {
      countries: [input.countryCode],
      state: 'open',
      personId,
      limit: 1,
    });
    if (open.some((c) => c.countryCode === input.countryCode)) {
      throw new HttpProblem(
        409,
        'case-open',
        'A conflict case about this person is open in this country',
        undefined,
        'Resolve the protection case first',
      );
    }

    let category = here?.category ?? null;
    let assessmentId: string | null = null;
    if (input.status === 'granted') {
      const assessment = await latestDecidedAssessment(tx, personId, input.countryCode);
      if (!assessment?.decision?.eligible || !assessment.decision.category) {
        throw new HttpProblem(
          422,
          'no-confirmed-assessment',
          'Granting needs an eligibility assessment for this country that a caseworker confirmed as eligible',
          [
            {
              field: 'status',
              in: 'body',
              message: assessment
                ? 'The latest decided assessment is not eligible'
                : 'No decided assessment for this country',
            },
          ],
        );
      }
      category = assessment.decision.category;
      assessmentId = assessment.id;
    }

    if (input.reason === 'absence-rule' && !regimeOf(input.countryCode).absenceRule) {
      throw new HttpProblem(
        422,
        'no-absence-rule',
        `The rules data hold no absence rule for ${input.countryCode}`,
        [
          {
            field: 'reason',
            in: 'body',
            message:
              'Only a country with an absence rule (Poland: more than one month abroad) can end a status for absence',
          },
        ],
      );
    }
    const active = isActiveStatus(input.status);
    const periodEnd = protectionEndsOn(regimeOf(input.countryCode), input.effectiveOn);
    if (active && periodEnd === null) {
      throw new HttpProblem(
        422,
        'protection-not-in-force',
        `Temporary protection in ${input.countryCode} does not run on ${input.effectiveOn}`,
        [
          {
            field: 'effectiveOn',
            in: 'body',
            message: 'Outside every protection period in the rules data',
          },
        ],
      );
    }
    const validUntil = active ? (input.validUntil ?? periodEnd) : null;
    if (validUntil !== null && validUntil <= input.effectiveOn) {
      throw new HttpProblem(400, 'validation-failed', 'The request is not valid', [
        { field: 'validUntil', in: 'body', message: 'Must be after effectiveOn' },
      ]);
    }
    const planned: PlannedEvent = {
      personId,
      countryCode: input.countryCode,
      status: input.status,
      category,
      reason: input.reason ?? null,
      effectiveOn: input.effectiveOn,
      validUntil,
      assessmentId,
    };
    assertAllowed(here, planned);
    const actor = await callerActor(tx, caller);

    if (input.status === 'granted') {
      const conflicting = [...current.values()].filter(
        (event) =>
          !(event.personId === personId && event.countryCode === input.countryCode) &&
          isActiveStatus(event.status) &&
          (event.validUntil === null || event.validUntil > input.effectiveOn),
      );
      if (conflicting.length > 0) {
        const held = await insertCase(tx, {
          id: resourceId,
          personId,
          countryCode: input.countryCode,
          heldEvent: {
            status: 'granted',
            category,
            effectiveOn: input.effectiveOn,
            validUntil,
            assessmentId,
          },
          conflicting: conflicting.map((event) => ({
            personId: event.personId,
            samePerson: event.personId === personId,
            countryCode: event.countryCode,
            status: event.status,
            category: event.category,
            effectiveOn: event.effectiveOn,
            validUntil: event.validUntil,
          })),
          openedBy: actor,
        });
        const countries = [
          ...new Set([input.countryCode, ...conflicting.map((e) => e.countryCode)]),
        ];
        await appendAudit(
          tx,
          countries.map((country) => ({
            ...caller.audit,
            chain: country,
            action: 'protection.case-opened',
            resourceType: 'protection-case',
            resourceId: held.id,
            detail: { persons: [...new Set([personId, ...conflicting.map((e) => e.personId)])] },
          })),
        );
        return { outcome: 'held', case: caseView(caller.principal, held) };
      }
    }
    return {
      outcome: 'recorded',
      event: await record(tx, caller, actor, planned, null, resourceId),
    };
  });
}

/**
 * A caseworker resolves a conflict case; the held grant is recorded or dropped accordingly. A
 * resend with the same Idempotency-Key answers the resolved case instead of a 409.
 */
export async function resolveProtectionCase(
  db: Db,
  caller: Caller,
  caseId: string,
  input: ProtectionCaseResolution,
  idempotencyKey?: string,
): Promise<ProtectionCase> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `protection-case-resolutions:${caseId}`, body: input }
    : undefined;
  const { value } = await idempotentCreate(
    db,
    idempotency,
    (claim) => resolveOnce(db, caller, caseId, input, claim),
    async () => {
      const found = await findCase(db, caseId, protectionCountriesOf(caller.principal));
      if (!found) {
        throw new HttpProblem(404, 'not-found', 'No such protection case');
      }
      return caseView(caller.principal, found.view);
    },
  );
  return value;
}

async function resolveOnce(
  db: Db,
  caller: Caller,
  caseId: string,
  input: ProtectionCaseResolution,
  claim: ClaimKey,
): Promise<ProtectionCase> {
  return db.transaction(async (tx) => {
    await claim(tx, caseId);
    const stored = await findCase(tx, caseId, protectionCountriesOf(caller.principal), true);
    if (!stored) {
      throw new HttpProblem(404, 'not-found', 'No such protection case');
    }
    const found = { ...stored.view, countries: stored.countries };
    if (found.state !== 'open') {
      throw new HttpProblem(409, 'case-resolved', 'This case has been resolved');
    }
    await personInScope(tx, caller.principal, found.personId, true);
    await assertCountryInScope(tx, caller.principal, found.countryCode);
    const identity = await identityOf(tx, found.personId);
    await lockPersons(tx, [...new Set([...identity, ...found.conflicting.map((c) => c.personId)])]);
    const actor = await callerActor(tx, caller);
    const held = found.heldEvent;
    const grant: PlannedEvent = {
      personId: found.personId,
      countryCode: found.countryCode,
      status: 'granted',
      category: held.category,
      reason: null,
      effectiveOn: held.effectiveOn,
      validUntil: held.validUntil,
      assessmentId: held.assessmentId,
    };

    // A duplicate found after both grants: the "held" grant is already in force here.
    const alreadyGranted = found.kind === 'active-after-grant';
    const recordGrant = async (): Promise<void> => {
      if (alreadyGranted) {
        return;
      }
      const current = currentEvents(await listStatusEvents(tx, [found.personId]));
      const here = current.get(`${found.personId}|${found.countryCode}`);
      assertAllowed(here, grant);
      await record(tx, caller, actor, grant, found.id);
    };

    switch (input.outcome) {
      case 'keep-existing':
        if (alreadyGranted) {
          // The status elsewhere stays; the one granted here ends (TPD Art. 26).
          const current = currentEvents(await listStatusEvents(tx, [found.personId]));
          const here = current.get(`${found.personId}|${found.countryCode}`);
          if (here && isActiveStatus(here.status)) {
            const cease: PlannedEvent = {
              personId: found.personId,
              countryCode: found.countryCode,
              status: 'ceased',
              category: here.category,
              reason: 'protection-elsewhere',
              effectiveOn: here.effectiveOn,
              validUntil: null,
              assessmentId: null,
            };
            assertAllowed(here, cease);
            await record(tx, caller, actor, cease, found.id);
          }
        }
        break;
      case 'not-same-person':
        if (found.conflicting.some((c) => c.samePerson)) {
          throw new HttpProblem(
            422,
            'same-person',
            'The conflicting status is this person’s own record',
            [
              {
                field: 'outcome',
                in: 'body',
                message: 'Choose keep-existing or grant-here-cease-elsewhere',
              },
            ],
          );
        }
        await recordGrant();
        break;
      case 'grant-here-cease-elsewhere': {
        const missing = found.countries.filter(
          (c) => !protectionCountriesOf(caller.principal).includes(c),
        );
        if (missing.length > 0) {
          throw new HttpProblem(
            403,
            'country-out-of-scope',
            'Your role may not do this',
            undefined,
            `Ceasing the status elsewhere needs a caseworker whose countries include ${missing.join(', ')}`,
          );
        }
        const current = currentEvents(
          await listStatusEvents(
            tx,
            found.conflicting.map((c) => c.personId),
          ),
        );
        for (const other of found.conflicting) {
          const event = current.get(`${other.personId}|${other.countryCode}`);
          if (!event || !isActiveStatus(event.status)) {
            continue;
          }
          const cease: PlannedEvent = {
            personId: other.personId,
            countryCode: other.countryCode,
            status: 'ceased',
            category: event.category,
            reason: 'protection-elsewhere',
            effectiveOn:
              event.effectiveOn > held.effectiveOn ? event.effectiveOn : held.effectiveOn,
            validUntil: null,
            assessmentId: null,
          };
          assertAllowed(event, cease);
          await record(tx, caller, actor, cease, found.id);
        }
        await recordGrant();
        break;
      }
    }
    if (
      !(await resolveCase(tx, caseId, {
        outcome: input.outcome,
        reason: input.reason,
        resolvedBy: actor,
      }))
    ) {
      throw new HttpProblem(409, 'case-resolved', 'This case has been resolved');
    }
    await appendAudit(
      tx,
      found.countries.map((country) => ({
        ...caller.audit,
        chain: country,
        action: 'protection.case-resolved',
        resourceType: 'protection-case',
        resourceId: caseId,
        detail: {
          persons: [...new Set([found.personId, ...found.conflicting.map((c) => c.personId)])],
          outcome: input.outcome,
        },
      })),
    );
    const resolved = await findCase(tx, caseId, found.countries);
    if (!resolved) {
      throw new Error('protection case vanished during its resolution');
    }
    return caseView(caller.principal, resolved.view);
  });
}
