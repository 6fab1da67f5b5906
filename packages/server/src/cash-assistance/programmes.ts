/** Cash programmes: opened from a rules template, read within the caller's countries. */
import { randomUUID } from 'node:crypto';
import type { NewProgramme, Programme } from '@haven/contract';
import {
  findProgrammeTemplate,
  type AssistanceKind,
  type Currency,
  type ProgrammeTemplate,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import { idempotentCreate, type ClaimKey } from '../idempotency/idempotent-create.js';
import { notFound, reaches, type CashActor } from './caller.js';
import { ledgerBalances, openLedgerAccounts } from './ledger.js';

/** A programme as the rules need it: its transfer value and schedule are core's types. */
export type ProgrammeRecord = Programme;

interface ProgrammeRow {
  id: string;
  name: string;
  country_code: string;
  currency: Currency;
  assistance_kind: AssistanceKind;
  template_id: string;
  rules_version: number;
  first_person_minor: string;
  additional_person_minor: string;
  household_cap_minor: string | null;
  periods_per_enrolment: number;
  valid_from: string;
  valid_to: string;
  source_title: string;
  source_url: string | null;
  source_verified: boolean;
  created_at: string;
  created_by_name: string;
}

const PROGRAMME_COLUMNS = sql`id, name, country_code, currency, assistance_kind, template_id,
  rules_version, first_person_minor::text, additional_person_minor::text,
  household_cap_minor::text, periods_per_enrolment,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
  source_title, source_url, source_verified,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  created_by_name`;

function programmeOf(row: ProgrammeRow): ProgrammeRecord {
  return {
    id: row.id,
    name: row.name,
    countryCode: row.country_code,
    currency: row.currency,
    assistanceKind: row.assistance_kind,
    templateId: row.template_id,
    rulesVersion: row.rules_version,
    transfer: {
      firstPersonMinor: Number(row.first_person_minor),
      additionalPersonMinor: Number(row.additional_person_minor),
      householdCapMinor: row.household_cap_minor === null ? null : Number(row.household_cap_minor),
    },
    periodsPerEnrolment: row.periods_per_enrolment,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: { title: row.source_title, url: row.source_url, verified: row.source_verified },
    createdAt: row.created_at,
    createdByName: row.created_by_name,
  };
}

/** The programme when the actor reaches its country; 404 otherwise. */
export async function programmeInScope(
  executor: Db,
  actor: CashActor,
  programmeId: string,
): Promise<ProgrammeRecord> {
  const [row] = await queryRows<ProgrammeRow>(
    executor,
    sql`SELECT ${PROGRAMME_COLUMNS} FROM cash_programmes WHERE id = ${programmeId}`,
  );
  if (!row || !reaches(actor, row.country_code)) {
    throw notFound('programme');
  }
  return programmeOf(row);
}

export async function listProgrammes(executor: Db, actor: CashActor): Promise<ProgrammeRecord[]> {
  const rows = await queryRows<ProgrammeRow>(
    executor,
    sql`SELECT ${PROGRAMME_COLUMNS} FROM cash_programmes
         WHERE ${actor.countries === null} OR country_code = ANY(${sql.param([...(actor.countries ?? [])])}::text[])
         ORDER BY valid_from DESC, name`,
  );
  return rows.map(programmeOf);
}

/** Opens a programme from a rules template in the template's country, with its ledger. */
export async function createProgramme(
  db: Db,
  actor: CashActor,
  input: NewProgramme,
  idempotencyKey?: string,
): Promise<ProgrammeRecord> {
  const template = findProgrammeTemplate(input.templateId);
  if (!template) {
    throw fieldProblem('templateId', 'body', 'Unknown programme template');
  }
  if (!reaches(actor, template.countryCode)) {
    throw new HttpProblem(
      403,
      'forbidden',
      `You may open programmes only in your countries; this template pays in ${template.countryCode}`,
    );
  }
  const id = randomUUID();
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: 'cash-programmes', body: input }
    : undefined;
  const created = await idempotentCreate(
    db,
    idempotency,
    (claim) => insertProgramme(db, actor, template, input, id, claim),
    (resourceId) => programmeInScope(db, actor, resourceId),
  );
  return created.value;
}

async function insertProgramme(
  db: Db,
  actor: CashActor,
  template: ProgrammeTemplate,
  input: NewProgramme,
  id: string,
  claim: ClaimKey,
): Promise<ProgrammeRecord> {
  return db.transaction(async (tx) => {
    await claim(tx, id);
    await tx.execute(
      sql`INSERT INTO cash_programmes (id, name, country_code, currency, assistance_kind,
            template_id, rules_version, first_person_minor, additional_person_minor,
            household_cap_minor, periods_per_enrolment, valid_from, valid_to, source_title,
            source_url, source_verified, created_at, created_by, created_by_name)
          VALUES (${id}, ${input.name ?? template.name}, ${template.countryCode},
            ${template.currency}, ${template.assistanceKind}, ${template.id}, ${template.version},
            ${template.transfer.firstPersonMinor}, ${template.transfer.additionalPersonMinor},
            ${template.transfer.householdCapMinor}, ${template.periodsPerEnrolment},
            ${template.validFrom}, ${template.validTo}, ${template.source.title},
            ${template.source.url}, ${template.source.verified}, now(), ${actor.userId},
            ${actor.name})`,
    );
    await openLedgerAccounts(tx, id, template.currency);
    await appendAudit(tx, [
      {
        ...actor.audit,
        chain: template.countryCode,
        action: 'cash-programme.create',
        resourceType: 'cash-programme',
        resourceId: id,
        detail: { templateId: template.id, rulesVersion: template.version },
      },
    ]);
    return programmeInScope(tx, actor, id);
  });
}

export async function programmeDetail(executor: Db, actor: CashActor, programmeId: string) {
  const programme = await programmeInScope(executor, actor, programmeId);
  const [counts] = await queryRows<{
    enrolments: number;
    persons: number;
    batches: number;
    holds: number;
  }>(
    executor,
    sql`SELECT
          (SELECT count(*)::int FROM cash_enrolments
            WHERE programme_id = ${programmeId} AND closed_on IS NULL) AS enrolments,
          (SELECT count(*)::int FROM cash_enrolment_members m
             JOIN cash_enrolments e ON e.id = m.enrolment_id
            WHERE e.programme_id = ${programmeId} AND e.closed_on IS NULL) AS persons,
          (SELECT count(*)::int FROM cash_batches WHERE programme_id = ${programmeId}) AS batches,
          (SELECT count(*)::int FROM cash_holds h
            WHERE h.programme_id = ${programmeId}
              AND NOT EXISTS (SELECT 1 FROM cash_hold_decisions d WHERE d.hold_id = h.id)) AS holds`,
  );
  return {
    ...programme,
    activeEnrolments: counts?.enrolments ?? 0,
    enrolledPersons: counts?.persons ?? 0,
    batches: counts?.batches ?? 0,
    openHolds: counts?.holds ?? 0,
    balances: await ledgerBalances(executor, programmeId),
  };
}

/** The contract's Programme: the record without the rules-only fields. */
export function programmeView(programme: ProgrammeRecord): Programme {
  return {
    id: programme.id,
    name: programme.name,
    countryCode: programme.countryCode,
    currency: programme.currency,
    assistanceKind: programme.assistanceKind,
    templateId: programme.templateId,
    rulesVersion: programme.rulesVersion,
    transfer: programme.transfer,
    periodsPerEnrolment: programme.periodsPerEnrolment,
    validFrom: programme.validFrom,
    validTo: programme.validTo,
    source: programme.source,
    createdAt: programme.createdAt,
    createdByName: programme.createdByName,
  };
}
