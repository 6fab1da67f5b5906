/**
 * Cash assistance over HTTP (issue 6 item 4). Thin: parse, call this folder's functions (which
 * scope by the programme's country, decide through @haven/core, store, post and audit in one
 * transaction), present. Endpoints and permissions: contract/src/cash-assistance.ts.
 */
import {
  Batch,
  BatchList,
  OptionalIdempotencyKeyHeader,
  CashIdParams,
  Enrolment,
  EnrolmentClosure,
  EnrolmentPage,
  Hold,
  HoldDecision,
  HoldPage,
  HoldQuery,
  Ledger,
  NewBatch,
  NewEnrolment,
  NewProgramme,
  PageQuery,
  PaymentPage,
  PersonCashAssistance,
  Problem,
  Programme,
  ProgrammeDetail,
  ProgrammeList,
  ProgrammeTemplateList,
  ReconciliationReport,
} from '@haven/contract';
import { PROGRAMME_TEMPLATES } from '@haven/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { auditActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import { buildBatch } from './batches.js';
import { listBatches, listPayments, readBatch } from './batch-reads.js';
import { actorOfPrincipal, reaches, type CashActor } from './caller.js';
import {
  closeEnrolment,
  enrolHousehold,
  listEnrolments,
  personCashAssistance,
  readEnrolment,
} from './enrolments.js';
import { decideHold, listHolds } from './holds.js';
import { readLedger } from './ledger-reads.js';
import {
  createProgramme,
  listProgrammes,
  programmeDetail,
  programmeInScope,
  programmeView,
} from './programmes.js';
import { exportBatch, reconcileBatch } from './provider-files.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const tags = ['cash assistance'];
/** A provider's result file for a million-person batch stays well under this. */
const RESULT_FILE_LIMIT_BYTES = 100 * 1024 * 1024;

function actorOf(request: FastifyRequest): CashActor {
  const principal = principalOf(request);
  return actorOfPrincipal(principal, auditActor(request, principal));
}

export const cashAssistanceRoutes: FastifyPluginAsyncZod<{ db: Db; keyring: Keyring }> = async (
  app,
  { db, keyring },
) => {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: RESULT_FILE_LIMIT_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.get(
    '/cash/programme-templates',
    {
      schema: {
        summary: 'Programme rules data: transfer values, periods and their sources',
        tags,
        response: { 200: ProgrammeTemplateList, ...problems },
      },
    },
    (request) => {
      const actor = actorOf(request);
      return {
        items: PROGRAMME_TEMPLATES.filter((template) => reaches(actor, template.countryCode)),
      };
    },
  );

  app.get(
    '/cash/programmes',
    {
      schema: {
        summary: 'Cash programmes in your countries',
        tags,
        response: { 200: ProgrammeList, ...problems },
      },
    },
    async (request) => ({ items: (await listProgrammes(db, actorOf(request))).map(programmeView) }),
  );

  app.post(
    '/cash/programmes',
    {
      schema: {
        summary: 'Open a programme from a rules template',
        description:
          'The figures, currency, periods and source are copied from the template with its version; the ledger accounts are opened.',
        tags,
        headers: OptionalIdempotencyKeyHeader,
        body: NewProgramme,
        response: { 201: Programme, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          programmeView(
            await createProgramme(
              db,
              actorOf(request),
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
        ),
  );

  app.get(
    '/cash/programmes/:id',
    {
      schema: {
        summary: 'A programme with its counts and ledger balances',
        tags,
        params: CashIdParams,
        response: { 200: ProgrammeDetail, ...problems },
      },
    },
    async (request) => {
      const detail = await programmeDetail(db, actorOf(request), request.params.id);
      return { ...programmeView(detail), ...detail };
    },
  );

  app.get(
    '/cash/programmes/:id/enrolments',
    {
      schema: {
        summary: 'Enrolments of a programme',
        tags,
        params: CashIdParams,
        querystring: PageQuery,
        response: { 200: EnrolmentPage, ...problems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const programme = await programmeInScope(db, actor, request.params.id);
      return listEnrolments(db, actor, programme, request.query.after, request.query.limit);
    },
  );

  app.post(
    '/cash/programmes/:id/enrolments',
    {
      schema: {
        summary: 'Enrol a household',
        description:
          'Each enrolled member must hold an active protection status in the programme country (422 names each member refused and why: ceased, not active, none). 409 when the household or a member is already enrolled.',
        tags,
        params: CashIdParams,
        headers: OptionalIdempotencyKeyHeader,
        body: NewEnrolment,
        response: { 201: Enrolment, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await enrolHousehold(
            db,
            actorOf(request),
            request.params.id,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  );

  app.get(
    '/cash/enrolments/:id',
    {
      schema: {
        summary: 'An enrolment with its members and payment schedule',
        tags,
        params: CashIdParams,
        response: { 200: Enrolment, ...problems },
      },
    },
    (request) => readEnrolment(db, actorOf(request), request.params.id),
  );

  app.post(
    '/cash/enrolments/:id/closure',
    {
      schema: {
        summary: 'Close an enrolment from a day, with a reason',
        tags,
        params: CashIdParams,
        headers: OptionalIdempotencyKeyHeader,
        body: EnrolmentClosure,
        response: { 200: Enrolment, ...problems },
      },
    },
    (request) =>
      closeEnrolment(
        db,
        actorOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      ),
  );

  app.get(
    '/persons/:id/cash-assistance',
    {
      schema: {
        summary: "A person's enrolments, payments and holds",
        tags,
        params: CashIdParams,
        response: { 200: PersonCashAssistance, ...problems },
      },
    },
    (request) => personCashAssistance(db, actorOf(request), request.params.id),
  );

  app.get(
    '/cash/programmes/:id/batches',
    {
      schema: {
        summary: 'Disbursement batches of a programme',
        tags,
        params: CashIdParams,
        response: { 200: BatchList, ...problems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const programme = await programmeInScope(db, actor, request.params.id);
      return { items: await listBatches(db, actor, programme) };
    },
  );

  app.post(
    '/cash/programmes/:id/batches',
    {
      schema: {
        summary: 'Build the disbursement batch of a period (idempotent)',
        description:
          'Pays each due household for its members with an active status whose identity (cluster, across countries) was not paid for an overlapping period of the same assistance kind; holds the others for review. 201 when built; 200 with the existing batch when the period was built before.',
        tags,
        params: CashIdParams,
        body: NewBatch,
        response: { 200: Batch, 201: Batch, ...problems },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const programme = await programmeInScope(db, actor, request.params.id);
      const built = await buildBatch(db, actor, programme, request.body.period);
      return reply
        .status(built.created ? 201 : 200)
        .send(await readBatch(db, actor, built.batchId));
    },
  );

  app.get(
    '/cash/batches/:id',
    {
      schema: {
        summary: 'A batch with its totals and ledger proof',
        tags,
        params: CashIdParams,
        response: { 200: Batch, ...problems },
      },
    },
    (request) => readBatch(db, actorOf(request), request.params.id),
  );

  app.get(
    '/cash/batches/:id/payments',
    {
      schema: {
        summary: "A batch's payment lines",
        tags,
        params: CashIdParams,
        querystring: PageQuery,
        response: { 200: PaymentPage, ...problems },
      },
    },
    (request) =>
      listPayments(
        db,
        actorOf(request),
        request.params.id,
        request.query.after,
        request.query.limit,
      ),
  );

  app.get(
    '/cash/batches/:id/export',
    {
      schema: {
        summary: 'The payment file for the provider (CSV)',
        description:
          'The outstanding lines of the batch: reference, the recipient’s Latin name, birth date and document number, amount, currency, period. Cells that a spreadsheet would run as formulas are neutralised.',
        tags,
        params: CashIdParams,
        response: { 200: z.string().describe('text/csv'), ...problems },
      },
    },
    async (request, reply) => {
      const csv = await exportBatch(db, keyring, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="batch-${request.params.id}.csv"`)
        .send(csv);
    },
  );

  app.post(
    '/cash/batches/:id/reconciliation',
    {
      schema: {
        summary: "Import the provider's result file (text/csv)",
        description:
          'Columns: reference, outcome (paid|failed), amount, currency, provider_reference, failure_reason. An invalid file (bad outcome, amount, or a currency other than the batch’s) is refused whole (400, each cell named). Lines that do not match a payment are reported as mismatches and not recorded. Resending the same file with the same Idempotency-Key answers the first import; another file with that key is a 409.',
        tags,
        params: CashIdParams,
        headers: OptionalIdempotencyKeyHeader,
        body: z.string().max(RESULT_FILE_LIMIT_BYTES),
        response: { 201: ReconciliationReport, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await reconcileBatch(
            db,
            actorOf(request),
            request.params.id,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  );

  app.get(
    '/cash/holds',
    {
      schema: {
        summary: 'Held payments for review',
        tags,
        querystring: HoldQuery,
        response: { 200: HoldPage, ...problems },
      },
    },
    (request) =>
      listHolds(db, actorOf(request), {
        programmeId: request.query.programmeId,
        batchId: request.query.batchId,
        state: request.query.state,
        after: request.query.after,
        limit: request.query.limit,
      }),
  );

  app.post(
    '/cash/holds/:id/decision',
    {
      schema: {
        summary: 'Release or cancel a held payment, with a reason',
        description:
          'A release re-checks the protection status (422 when ceased) and pays the household its top-up — or, when the household cap was already reached, records a zero-amount line so the person counts as covered for the period. A decided hold is final (409); resending with the same Idempotency-Key and body answers the decided hold.',
        tags,
        params: CashIdParams,
        headers: OptionalIdempotencyKeyHeader,
        body: HoldDecision,
        response: { 200: Hold, ...problems },
      },
    },
    (request) =>
      decideHold(
        db,
        actorOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      ),
  );

  app.get(
    '/cash/programmes/:id/ledger',
    {
      schema: {
        summary: 'Trial balance and latest postings of a programme',
        tags,
        params: CashIdParams,
        response: { 200: Ledger, ...problems },
      },
    },
    (request) => readLedger(db, actorOf(request), request.params.id),
  );
};
