import {
  Batch,
  BatchList,
  Enrolment,
  EnrolmentPage,
  Hold,
  HoldPage,
  Ledger,
  PaymentPage,
  PersonCashAssistance,
  Programme,
  ProgrammeDetail,
  ProgrammeList,
  ProgrammeTemplateList,
  ReconciliationReport,
  type EnrolmentClosure,
  type HoldDecision,
  type NewBatch,
  type NewEnrolment,
  type NewProgramme,
} from '@haven/contract';
import { useQuery } from '@tanstack/react-query';
import { jsonBody, request, send } from './client.js';

// Cash assistance (issue 6 item 4): typed calls on the contract and the query hooks the welfare
// pages share. Amounts are integers of the currency's minor unit with their currency.

const path = (...parts: readonly string[]) =>
  parts.map((part) => `/${encodeURIComponent(part)}`).join('');

type Data<T extends { parse(data: unknown): unknown }> = ReturnType<T['parse']>;
export type ProgrammeDetailData = Data<typeof ProgrammeDetail>;
export type ProgrammeListData = Data<typeof ProgrammeList>;
export type ProgrammeTemplateListData = Data<typeof ProgrammeTemplateList>;
export type EnrolmentPageData = Data<typeof EnrolmentPage>;
export type BatchListData = Data<typeof BatchList>;
export type PaymentPageData = Data<typeof PaymentPage>;
export type HoldPageData = Data<typeof HoldPage>;
export type LedgerData = Data<typeof Ledger>;

export const cashKeys = {
  all: ['cash'] as const,
  templates: ['cash', 'templates'] as const,
  programmes: ['cash', 'programmes'] as const,
  programme: (id: string) => ['cash', 'programme', id] as const,
  enrolments: (programmeId: string) => ['cash', 'programme', programmeId, 'enrolments'] as const,
  batches: (programmeId: string) => ['cash', 'programme', programmeId, 'batches'] as const,
  ledger: (programmeId: string) => ['cash', 'programme', programmeId, 'ledger'] as const,
  enrolment: (id: string) => ['cash', 'enrolment', id] as const,
  batch: (id: string) => ['cash', 'batch', id] as const,
  payments: (batchId: string) => ['cash', 'batch', batchId, 'payments'] as const,
  holds: (filter: HoldFilter) => ['cash', 'holds', filter] as const,
  person: (personId: string) => ['cash', 'person', personId] as const,
};

export interface HoldFilter {
  readonly programmeId?: string;
  readonly batchId?: string;
  readonly state?: 'open' | 'released' | 'cancelled';
}

function queryOf(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value) {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function listProgrammeTemplates(): Promise<ProgrammeTemplateListData> {
  return request('/cash/programme-templates', ProgrammeTemplateList);
}

export function listProgrammes(): Promise<ProgrammeListData> {
  return request('/cash/programmes', ProgrammeList);
}

export function openProgramme(input: NewProgramme): Promise<Programme> {
  return request('/cash/programmes', Programme, jsonBody('POST', input));
}

export function getProgramme(id: string): Promise<ProgrammeDetailData> {
  return request(path('cash', 'programmes', id), ProgrammeDetail);
}

export function listEnrolments(programmeId: string, after?: string): Promise<EnrolmentPageData> {
  return request(
    `${path('cash', 'programmes', programmeId)}/enrolments${queryOf({ after })}`,
    EnrolmentPage,
  );
}

export function enrolHousehold(programmeId: string, input: NewEnrolment): Promise<Enrolment> {
  return request(
    `${path('cash', 'programmes', programmeId)}/enrolments`,
    Enrolment,
    jsonBody('POST', input),
  );
}

export function getEnrolment(id: string): Promise<Enrolment> {
  return request(path('cash', 'enrolments', id), Enrolment);
}

export function closeEnrolment(id: string, input: EnrolmentClosure): Promise<Enrolment> {
  return request(`${path('cash', 'enrolments', id)}/closure`, Enrolment, jsonBody('POST', input));
}

export function getPersonCashAssistance(personId: string): Promise<PersonCashAssistance> {
  return request(`${path('persons', personId)}/cash-assistance`, PersonCashAssistance);
}

export function listBatches(programmeId: string): Promise<BatchListData> {
  return request(`${path('cash', 'programmes', programmeId)}/batches`, BatchList);
}

/** Builds the batch of a period; building it again answers the batch already built. */
export function buildBatch(programmeId: string, input: NewBatch): Promise<Batch> {
  return request(
    `${path('cash', 'programmes', programmeId)}/batches`,
    Batch,
    jsonBody('POST', input),
  );
}

export function getBatch(id: string): Promise<Batch> {
  return request(path('cash', 'batches', id), Batch);
}

export function listPayments(batchId: string, after?: string): Promise<PaymentPageData> {
  return request(`${path('cash', 'batches', batchId)}/payments${queryOf({ after })}`, PaymentPage);
}

/** The provider's CSV of a batch, as a file to save. */
export async function exportBatch(batchId: string): Promise<Blob> {
  const response = await send(`${path('cash', 'batches', batchId)}/export`, {
    headers: { accept: 'text/csv' },
  });
  return response.blob();
}

/** Imports the provider's result file (CSV) for a batch. */
export function reconcileBatch(batchId: string, csv: string): Promise<ReconciliationReport> {
  return request(`${path('cash', 'batches', batchId)}/reconciliation`, ReconciliationReport, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
}

export function listHolds(filter: HoldFilter, after?: string): Promise<HoldPageData> {
  return request(`/cash/holds${queryOf({ ...filter, after })}`, HoldPage);
}

export function decideHold(id: string, input: HoldDecision): Promise<Hold> {
  return request(`${path('cash', 'holds', id)}/decision`, Hold, jsonBody('POST', input));
}

export function getLedger(programmeId: string): Promise<LedgerData> {
  return request(`${path('cash', 'programmes', programmeId)}/ledger`, Ledger);
}

/** The rules data changes with a release, not during a shift. */
export function useProgrammeTemplates() {
  return useQuery({
    queryKey: cashKeys.templates,
    queryFn: listProgrammeTemplates,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useProgrammes() {
  return useQuery({ queryKey: cashKeys.programmes, queryFn: listProgrammes });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: cashKeys.programme(id), queryFn: () => getProgramme(id) });
}

export function useBatch(id: string) {
  return useQuery({ queryKey: cashKeys.batch(id), queryFn: () => getBatch(id) });
}

export function useHolds(filter: HoldFilter) {
  return useQuery({ queryKey: cashKeys.holds(filter), queryFn: () => listHolds(filter) });
}

export function usePersonCashAssistance(personId: string) {
  return useQuery({
    queryKey: cashKeys.person(personId),
    queryFn: () => getPersonCashAssistance(personId),
  });
}
