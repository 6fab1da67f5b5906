/**
 * The records that put two rights into effect (issue 6 item 3): a work authorisation, and a
 * minor's school enrolment (placement in a school comes later). Each needs a status in force in
 * that country on its day, and the right it implements.
 */
import { randomUUID } from 'node:crypto';
import type {
  NewSchoolEnrolment,
  NewWorkAuthorisation,
  SchoolEnrolment,
  SchoolEnrolmentUpdate,
  WorkAuthorisation,
} from '@haven/contract';
import { deriveEntitlements, type EntitlementKind } from '@haven/core';
import { appendAudit } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { idempotentCreate, type ClaimKey } from '../idempotency/idempotent-create.js';
import {
  findSchoolEnrolment,
  insertSchoolEnrolment,
  insertWorkAuthorisation,
  listSchoolEnrolments,
  listStatusEvents,
  listWorkAuthorisations,
  updateSchoolEnrolment,
  type PersonPlace,
} from './queries.js';
import {
  assertCountryInScope,
  callerActor,
  personInScope,
  protectionCountriesOf,
  type Caller,
} from './scope.js';

/** The status in force in the country on the day, and that the right is granted; 422 if not. */
async function assertRight(
  tx: Db,
  place: PersonPlace,
  countryCode: string,
  onDate: string,
  kind: EntitlementKind,
  field: string,
) {
  const timeline = (await listStatusEvents(tx, [place.personId])).filter(
    (event) => event.countryCode === countryCode && event.effectiveOn <= onDate,
  );
  const current = timeline.at(-1) ?? null;
  const right = deriveEntitlements(countryCode, current, place.birthDate, onDate).find(
    (entitlement) => entitlement.kind === kind,
  );
  if (!right?.granted) {
    const message = !right
      ? `No protection status in force in ${countryCode} on ${onDate}`
      : right.conditions.map((condition) => condition.text).join('; ');
    throw new HttpProblem(
      422,
      'right-not-held',
      `The person does not hold the right (${kind}) on ${onDate}`,
      [{ field, in: 'body', message }],
    );
  }
  return { current, right };
}

export async function recordWorkAuthorisation(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewWorkAuthorisation,
  idempotencyKey?: string,
): Promise<WorkAuthorisation> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `work-authorisations:${personId}`, body: input }
    : undefined;
  const created = await idempotentCreate(
    db,
    idempotency,
    (claim) => insertWork(db, caller, personId, input, claim),
    async (id) => {
      const found = (await listWorkAuthorisations(db, personId)).find((w) => w.id === id);
      if (!found) {
        throw new HttpProblem(404, 'not-found', 'No such work authorisation');
      }
      return found;
    },
  );
  return created.value;
}

function insertWork(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewWorkAuthorisation,
  claim: ClaimKey,
): Promise<WorkAuthorisation> {
  return db.transaction(async (tx) => {
    const place = await personInScope(tx, caller.principal, personId, true);
    await assertCountryInScope(tx, caller.principal, input.countryCode);
    if (input.basis === 'employer-notification' && !input.employerNotifiedOn) {
      throw new HttpProblem(400, 'validation-failed', 'The request is not valid', [
        {
          field: 'employerNotifiedOn',
          in: 'body',
          message: 'Is required for an employer notification',
        },
      ]);
    }
    const { right } = await assertRight(
      tx,
      place,
      input.countryCode,
      input.validFrom,
      'right-to-work',
      'validFrom',
    );
    const id = randomUUID();
    await claim(tx, id);
    const authorisation = await insertWorkAuthorisation(tx, {
      id,
      personId,
      countryCode: input.countryCode,
      basis: input.basis,
      validFrom: input.validFrom,
      // The right lasts as long as the status: until its next renewal.
      validUntil: right.nextRenewalOn,
      employerNotifiedOn: input.employerNotifiedOn ?? null,
      recordedBy: await callerActor(tx, caller),
    });
    await appendAudit(tx, [
      {
        ...caller.audit,
        chain: input.countryCode,
        action: 'protection.work-authorisation-recorded',
        resourceType: 'work-authorisation',
        resourceId: authorisation.id,
        detail: { persons: [personId], basis: input.basis },
      },
    ]);
    return authorisation;
  });
}

export async function requestSchoolEnrolment(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewSchoolEnrolment,
  idempotencyKey?: string,
): Promise<SchoolEnrolment> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `school-enrolments:${personId}`, body: input }
    : undefined;
  const created = await idempotentCreate(
    db,
    idempotency,
    (claim) => insertEnrolment(db, caller, personId, input, claim),
    async (id) => {
      const found = (await listSchoolEnrolments(db, personId)).find((e) => e.id === id);
      if (!found) {
        throw new HttpProblem(404, 'not-found', 'No such school enrolment');
      }
      return found;
    },
  );
  return created.value;
}

function insertEnrolment(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewSchoolEnrolment,
  claim: ClaimKey,
): Promise<SchoolEnrolment> {
  return db.transaction(async (tx) => {
    const place = await personInScope(tx, caller.principal, personId, true);
    await assertCountryInScope(tx, caller.principal, input.countryCode);
    await assertRight(tx, place, input.countryCode, input.requestedOn, 'education', 'requestedOn');
    const id = randomUUID();
    await claim(tx, id);
    const enrolment = await insertSchoolEnrolment(tx, {
      id,
      personId,
      countryCode: input.countryCode,
      status: 'requested',
      schoolName: input.schoolName ?? null,
      place: input.place ?? null,
      schoolYear: input.schoolYear ?? null,
      requestedOn: input.requestedOn,
      enrolledOn: null,
      recordedBy: await callerActor(tx, caller),
    });
    await appendAudit(tx, [
      {
        ...caller.audit,
        chain: input.countryCode,
        action: 'protection.school-enrolment-requested',
        resourceType: 'school-enrolment',
        resourceId: enrolment.id,
        detail: { persons: [personId] },
      },
    ]);
    return enrolment;
  });
}

/** requested → enrolled or withdrawn; enrolled → withdrawn. A withdrawn enrolment stays so. */
const NEXT_ENROLMENT_STATUS: Readonly<
  Record<SchoolEnrolment['status'], readonly SchoolEnrolment['status'][]>
> = {
  requested: ['requested', 'enrolled', 'withdrawn'],
  enrolled: ['enrolled', 'withdrawn'],
  withdrawn: ['withdrawn'],
};

export async function changeSchoolEnrolment(
  db: Db,
  caller: Caller,
  id: string,
  input: SchoolEnrolmentUpdate,
): Promise<SchoolEnrolment> {
  return db.transaction(async (tx) => {
    const found = await findSchoolEnrolment(tx, id, protectionCountriesOf(caller.principal));
    if (!found) {
      throw new HttpProblem(404, 'not-found', 'No such school enrolment');
    }
    await personInScope(tx, caller.principal, found.personId, true);
    const status = input.status ?? found.status;
    if (!NEXT_ENROLMENT_STATUS[found.status].includes(status)) {
      throw new HttpProblem(
        409,
        'transition-not-allowed',
        `A school enrolment cannot change from ${found.status} to ${status}`,
        [
          {
            field: 'status',
            in: 'body',
            message: `Allowed next: ${NEXT_ENROLMENT_STATUS[found.status].join(', ')}`,
          },
        ],
      );
    }
    const enrolledOn =
      status === 'enrolled'
        ? (input.enrolledOn ?? found.enrolledOn ?? new Date().toISOString().slice(0, 10))
        : found.enrolledOn;
    if (enrolledOn !== null && enrolledOn < found.requestedOn) {
      throw new HttpProblem(400, 'validation-failed', 'The request is not valid', [
        {
          field: 'enrolledOn',
          in: 'body',
          message: `Must not be before the request (${found.requestedOn})`,
        },
      ]);
    }
    const updated = await updateSchoolEnrolment(tx, {
      ...found,
      status,
      enrolledOn,
      schoolName: input.schoolName ?? found.schoolName,
      place: input.place ?? found.place,
      recordedBy: await callerActor(tx, caller),
    });
    await appendAudit(tx, [
      {
        ...caller.audit,
        chain: found.countryCode,
        action: 'protection.school-enrolment-changed',
        resourceType: 'school-enrolment',
        resourceId: id,
        detail: { persons: [found.personId], status },
      },
    ]);
    return updated;
  });
}
