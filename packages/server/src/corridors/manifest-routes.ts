import { randomUUID } from 'node:crypto';
import {
  Manifest,
  ManifestHouseholdInput,
  ManifestImportInput,
  ManifestImportResult,
  Problem,
} from '@haven/contract';
import { unaccompaniedMembers, type Principal } from '@haven/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import {
  CSV_SOURCE,
  parseManifestCsv,
  refuseDuplicates,
  sourceRowField,
  type ManifestSource,
  type ParsedManifestHousehold,
} from './manifest-csv.js';
import { parseManifestSpreadsheet } from './manifest-sheet.js';
import {
  deleteManifestHousehold,
  insertManifestHouseholds,
  listManifestPersons,
  type ManifestHouseholdPlan,
  type ManifestPersonRecord,
} from './manifest-queries.js';
import type { CorridorRouteOptions } from './options.js';
import { runInScope, runNotFound } from './run-routes.js';
import type { RunRecord } from './run-queries.js';
import { canManageRun, manifestPersonView } from './view.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const HouseholdParams = z.strictObject({
  id: z.uuid({ message: 'Must be a UUID' }),
  householdId: z.uuid({ message: 'Must be a UUID' }),
});
const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};

/** The manifest grouped by household, as the contract answers it. */
export function manifestView(run: RunRecord, persons: readonly ManifestPersonRecord[]): Manifest {
  const households = new Map<string, Manifest['households'][number]>();
  for (const person of persons) {
    const household = households.get(person.householdId) ?? {
      id: person.householdId,
      reference: person.householdReference,
      members: [],
    };
    household.members.push(manifestPersonView(person));
    households.set(person.householdId, household);
  }
  const onManifest = persons.filter((p) => !p.unexpected);
  return {
    runId: run.id,
    households: [...households.values()],
    boarded: onManifest.length,
    arrived: onManifest.filter((p) => p.arrivedAt !== null).length,
  };
}

/** Audits that these manifest persons were shown (they are persons: issue 4). */
export const manifestReadAudit = (
  request: FastifyRequest,
  principal: Principal,
  run: RunRecord,
  action: string,
  personIds: readonly string[],
) => ({
  ...auditActor(request, principal),
  chain: run.countryCode,
  action,
  resourceType: 'evacuation-run',
  resourceId: run.id,
  detail: { persons: [...personIds] },
});

/** A run whose manifest the caller may change now, locked for the change. */
async function runForManifestChange(db: Db, principal: Principal, id: string): Promise<RunRecord> {
  const run = await runInScope(db, principal, id, true);
  if (!canManageRun(principal, run)) {
    throw runNotFound();
  }
  if (run.destinationSite === null) {
    throw new HttpProblem(
      422,
      'run-without-site',
      'This run does not end at a Haven reception site: it has no manifest to check in against',
    );
  }
  if (run.status === 'cancelled') {
    throw new HttpProblem(409, 'run-cancelled', 'The run was cancelled');
  }
  return run;
}

/** A 5 MB CSV, or a 4 MB spreadsheet as base64, with room for the JSON around it. */
const IMPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** The file of an import, whichever format it came in, through the one validation path. */
function parseManifestFile(input: ManifestImportInput): {
  households: ParsedManifestHousehold[];
  source: ManifestSource;
} {
  if (input.xlsx !== undefined) {
    return parseManifestSpreadsheet(input.xlsx, 'xlsx');
  }
  if (input.ods !== undefined) {
    return parseManifestSpreadsheet(input.ods, 'ods');
  }
  return { households: parseManifestCsv(input.csv ?? ''), source: CSV_SOURCE };
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Assigns ids and derives who is an unaccompanied child in each household. */
function planHouseholds(
  households: readonly ParsedManifestHousehold[] | readonly ManifestHouseholdInput[],
  now: Date,
): ManifestHouseholdPlan[] {
  return households.map((household) => {
    const unaccompanied = unaccompaniedMembers(household.members, today(now));
    return {
      id: randomUUID(),
      reference: household.reference ?? null,
      members: household.members.map((member, i) => ({
        ...member,
        id: randomUUID(),
        unaccompanied: unaccompanied[i] ?? false,
        sourceLine: 'sourceLine' in member ? member.sourceLine : null,
      })),
    };
  });
}

const existingEntries = (persons: readonly ManifestPersonRecord[]) =>
  persons
    .filter((p) => !p.unexpected)
    .map((p) => ({
      givenName: p.givenName,
      familyName: p.familyName,
      patronymic: p.patronymic ?? undefined,
      birthDate: p.birthDate,
      documentType: p.documentType ?? undefined,
      documentNumber: p.documentNumber ?? undefined,
      label:
        p.sourceLine === null
          ? 'an entry already on the manifest'
          : `line ${p.sourceLine} of an earlier import`,
    }));

export const manifestRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  { db, keyring, now = () => new Date() },
) => {
  /** Stores planned households with their audit entry, all or nothing. */
  const store = async (
    request: FastifyRequest,
    principal: Principal,
    runId: string,
    plan: (run: RunRecord, existing: ManifestPersonRecord[]) => ManifestHouseholdPlan[],
  ): Promise<{ run: RunRecord; households: ManifestHouseholdPlan[]; manifest: Manifest }> =>
    db.transaction(async (tx) => {
      const run = await runForManifestChange(tx, principal, runId);
      const households = plan(run, await listManifestPersons(tx, keyring, run.id));
      await insertManifestHouseholds(tx, keyring, run.id, households, principal.username);
      const persons = await listManifestPersons(tx, keyring, run.id);
      await appendAudit(tx, [
        {
          ...auditActor(request, principal),
          chain: run.countryCode,
          action: 'manifest.add',
          resourceType: 'evacuation-run',
          resourceId: run.id,
          detail: { persons: households.flatMap((h) => h.members.map((m) => m.id)) },
        },
        // The answer shows the whole manifest: a read of everyone on it.
        manifestReadAudit(
          request,
          principal,
          run,
          'manifest.read',
          persons.map((p) => p.id),
        ),
      ]);
      return { run, households, manifest: manifestView(run, persons) };
    });

  app.get(
    '/evacuation-runs/:id/manifest',
    {
      schema: {
        summary: 'Who boarded a run, household by household, with their arrival',
        description:
          'For evacuation coordinators of the run and registrars of its destination site. Every read is audited.',
        tags: ['corridors'],
        params: IdParams,
        response: { 200: Manifest, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return db.transaction(async (tx) => {
        const run = await runInScope(tx, principal, request.params.id);
        const persons = await listManifestPersons(tx, keyring, run.id);
        await appendAudit(tx, [
          manifestReadAudit(
            request,
            principal,
            run,
            'manifest.read',
            persons.map((p) => p.id),
          ),
        ]);
        return manifestView(run, persons);
      });
    },
  );

  app.post(
    '/evacuation-runs/:id/manifest/households',
    {
      schema: {
        summary: 'Quick entry of one household boarding a run',
        description:
          'Someone already on the manifest (same name and birth date in any script, or same document) is refused with 422 duplicate-persons.',
        tags: ['corridors'],
        params: IdParams,
        body: ManifestHouseholdInput,
        response: { 201: Manifest, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { manifest } = await store(request, principal, request.params.id, (_run, existing) => {
        refuseDuplicates(
          existingEntries(existing),
          request.body.members.map((m, i) => ({
            ...m,
            label: `Member ${i + 1}`,
            field: `members[${i}]`,
          })),
        );
        return planHouseholds([request.body], now());
      });
      return reply.code(201).send(manifest);
    },
  );

  app.post(
    '/evacuation-runs/:id/manifest/import',
    {
      schema: {
        summary: 'Import a manifest from CSV or a spreadsheet (.xlsx, .ods), all or nothing',
        description:
          'Body: {"csv": "<the file text>"}, or {"xlsx": "<base64>"} or {"ods": "<base64>"} for a spreadsheet: its first sheet, the header in its first non-empty row, dates as date cells or text; rows are named by their number in the sheet (field xlsx.row12.birth_date). A spreadsheet that unpacks to more than 32 MB → 413 spreadsheet-too-large; a body over 8 MB → 413 body-too-large. Required columns: household, given_name, family_name, sex, birth_date; optional: patronymic, nationality, relationship, document_type, document_number, document_country. Separator , or ;. Missing columns → 400 missing-columns listing them; invalid cells → 400 naming each line and column; the same person twice (in the file or already on the manifest) → 422 duplicate-persons naming the lines. Nothing is stored unless everything is valid.',
        tags: ['corridors'],
        params: IdParams,
        body: ManifestImportInput,
        response: { 201: ManifestImportResult, ...problems, 413: Problem },
      },
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { households: parsed, source } = parseManifestFile(request.body);
      const { households, manifest } = await store(
        request,
        principal,
        request.params.id,
        (_run, existing) => {
          refuseDuplicates(
            existingEntries(existing),
            parsed.flatMap((h) =>
              h.members.map((m) => ({
                ...m,
                label: `${source.unit} ${m.sourceLine}`,
                field: sourceRowField(source, m.sourceLine),
              })),
            ),
          );
          return planHouseholds(parsed, now());
        },
      );
      return reply.code(201).send({
        households: households.length,
        persons: households.reduce((sum, h) => sum + h.members.length, 0),
        manifest,
      });
    },
  );

  app.delete(
    '/evacuation-runs/:id/manifest/households/:householdId',
    {
      schema: {
        summary: 'Remove a household entered by mistake (nobody of it checked in)',
        tags: ['corridors'],
        params: HouseholdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction(async (tx) => {
        const run = await runForManifestChange(tx, principal, request.params.id);
        const persons = (await listManifestPersons(tx, keyring, run.id)).filter(
          (p) => p.householdId === request.params.householdId,
        );
        const outcome = await deleteManifestHousehold(tx, run.id, request.params.householdId);
        if (outcome === 'not-found') {
          throw new HttpProblem(404, 'not-found', 'No such household on this manifest');
        }
        if (outcome === 'arrived') {
          throw new HttpProblem(
            409,
            'already-arrived',
            'Someone of this household has checked in: it stays on the manifest',
          );
        }
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: run.countryCode,
            action: 'manifest.remove-household',
            resourceType: 'evacuation-run',
            resourceId: run.id,
            detail: { persons: persons.map((p) => p.id) },
          },
        ]);
      });
      return reply.code(204).send(null);
    },
  );
};
