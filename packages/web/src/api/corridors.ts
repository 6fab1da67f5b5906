import {
  CheckInResult,
  Corridor,
  EvacuationAlert,
  EvacuationFigures,
  EvacuationRun,
  Manifest,
  ManifestImportResult,
  ManifestPerson,
  Reconciliation,
  type CheckInInput,
  type CorridorInput,
  type CorridorStatusChangeInput,
  type EvacuationAlertQuery,
  type EvacuationRunInput,
  type EvacuationRunQuery,
  type EvacuationRunUpdate,
  type ManifestHouseholdInput,
  type ManifestImportInput,
  type DiversionInput,
} from '@haven/contract';
import { useQuery } from '@tanstack/react-query';
import { jsonBody, request, send } from './client.js';

// Corridors, evacuation runs, manifests, check-in and alerts (issue 5): the typed client and the
// query keys every page of the area shares.

/** How often the reconciliation and alerts are asked again while a page shows them. */
export const LIVE_REFRESH_MS = 15_000;

const id = (value: string): string => encodeURIComponent(value);

function queryString(search: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (value !== undefined && value !== '') {
      params.set(name, value);
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A write sent with an Idempotency-Key: resending it after a lost answer stores it once. */
const keyedJson = (method: string, body: unknown, idempotencyKey: string): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
  body: JSON.stringify(body),
});

export const listCorridors = (): Promise<Corridor[]> => request('/corridors', Corridor.array());

export const getCorridor = (corridorId: string): Promise<Corridor> =>
  request(`/corridors/${id(corridorId)}`, Corridor);

export const createCorridor = (input: CorridorInput): Promise<Corridor> =>
  request('/corridors', Corridor, jsonBody('POST', input));

export const changeCorridorStatus = (
  corridorId: string,
  input: CorridorStatusChangeInput,
): Promise<Corridor> =>
  request(`/corridors/${id(corridorId)}/status-changes`, Corridor, jsonBody('POST', input));

export const getEvacuationFigures = (): Promise<EvacuationFigures> =>
  request('/statistics/evacuations', EvacuationFigures);

export const listEvacuationRuns = (query: EvacuationRunQuery): Promise<EvacuationRun[]> =>
  request(`/evacuation-runs${queryString(query)}`, EvacuationRun.array());

export const getEvacuationRun = (runId: string): Promise<EvacuationRun> =>
  request(`/evacuation-runs/${id(runId)}`, EvacuationRun);

export const createEvacuationRun = (input: EvacuationRunInput): Promise<EvacuationRun> =>
  request('/evacuation-runs', EvacuationRun, jsonBody('POST', input));

export const updateEvacuationRun = (
  runId: string,
  update: EvacuationRunUpdate,
): Promise<EvacuationRun> =>
  request(`/evacuation-runs/${id(runId)}`, EvacuationRun, jsonBody('PATCH', update));

export const recordCheckpointPassage = (
  runId: string,
  input: { name: string; passedAt: string; note?: string },
): Promise<EvacuationRun> =>
  request(
    `/evacuation-runs/${id(runId)}/checkpoint-passages`,
    EvacuationRun,
    jsonBody('POST', input),
  );

export const recordIncident = (
  runId: string,
  input: { kind: string; occurredAt: string; placeName?: string; description?: string },
): Promise<EvacuationRun> =>
  request(`/evacuation-runs/${id(runId)}/incidents`, EvacuationRun, jsonBody('POST', input));

/** Divert a run to another reception site: check-in is then expected there. */
export const divertEvacuationRun = (runId: string, input: DiversionInput): Promise<EvacuationRun> =>
  request(`/evacuation-runs/${id(runId)}/diversions`, EvacuationRun, jsonBody('POST', input));

export const getManifest = (runId: string): Promise<Manifest> =>
  request(`/evacuation-runs/${id(runId)}/manifest`, Manifest);

export const addManifestHousehold = (
  runId: string,
  input: ManifestHouseholdInput,
  idempotencyKey: string,
): Promise<Manifest> =>
  request(
    `/evacuation-runs/${id(runId)}/manifest/households`,
    Manifest,
    keyedJson('POST', input, idempotencyKey),
  );

/** A manifest file: CSV text, or an .xlsx / .ods spreadsheet as base64. */
export const importManifest = (
  runId: string,
  file: ManifestImportInput,
  idempotencyKey: string,
): Promise<ReturnType<(typeof ManifestImportResult)['parse']>> =>
  request(
    `/evacuation-runs/${id(runId)}/manifest/import`,
    ManifestImportResult,
    keyedJson('POST', file, idempotencyKey),
  );

export async function removeManifestHousehold(runId: string, householdId: string): Promise<void> {
  await send(`/evacuation-runs/${id(runId)}/manifest/households/${id(householdId)}`, {
    method: 'DELETE',
  });
}

/** Idempotent on the server: checking in someone already arrived answers the first arrival. */
export const checkIn = (runId: string, input: CheckInInput): Promise<CheckInResult> =>
  request(`/evacuation-runs/${id(runId)}/check-ins`, CheckInResult, jsonBody('POST', input));

/** Ties a checked-in person to the person their registration created. */
export const linkRegistration = (
  manifestPersonId: string,
  registrationPersonId: string,
): Promise<ManifestPerson> =>
  request(
    `/manifest-persons/${id(manifestPersonId)}/registration-link`,
    ManifestPerson,
    jsonBody('POST', { registrationPersonId }),
  );

export const getReconciliation = (runId: string): Promise<Reconciliation> =>
  request(`/evacuation-runs/${id(runId)}/reconciliation`, Reconciliation);

export const listEvacuationAlerts = (query: EvacuationAlertQuery): Promise<EvacuationAlert[]> =>
  request(`/evacuation-alerts${queryString(query)}`, EvacuationAlert.array());

export const acknowledgeEvacuationAlert = (alertId: string): Promise<EvacuationAlert> =>
  request(`/evacuation-alerts/${id(alertId)}/acknowledgement`, EvacuationAlert, {
    method: 'POST',
  });

// ---------------------------------------------------------------- query keys and hooks

export const corridorKeys = {
  all: ['corridors'] as const,
  one: (corridorId: string) => ['corridors', 'one', corridorId] as const,
  figures: ['evacuation-figures'] as const,
  runs: (query: EvacuationRunQuery) => ['evacuation-runs', 'list', query] as const,
  run: (runId: string) => ['evacuation-runs', 'one', runId] as const,
  manifest: (runId: string) => ['evacuation-runs', 'manifest', runId] as const,
  reconciliation: (runId: string) => ['evacuation-runs', 'reconciliation', runId] as const,
  alerts: (query: EvacuationAlertQuery) => ['evacuation-alerts', query] as const,
};

export function useCorridors() {
  return useQuery({ queryKey: corridorKeys.all, queryFn: listCorridors });
}

export function useCorridor(corridorId: string) {
  return useQuery({
    queryKey: corridorKeys.one(corridorId),
    queryFn: () => getCorridor(corridorId),
  });
}

export function useEvacuationFigures() {
  return useQuery({ queryKey: corridorKeys.figures, queryFn: getEvacuationFigures });
}

export function useEvacuationRuns(
  query: EvacuationRunQuery,
  options: { isLive?: boolean; isEnabled?: boolean } = {},
) {
  return useQuery({
    queryKey: corridorKeys.runs(query),
    queryFn: () => listEvacuationRuns(query),
    enabled: options.isEnabled ?? true,
    ...(options.isLive ? { refetchInterval: LIVE_REFRESH_MS } : {}),
  });
}

export function useEvacuationRun(runId: string) {
  return useQuery({ queryKey: corridorKeys.run(runId), queryFn: () => getEvacuationRun(runId) });
}

export function useManifest(
  runId: string,
  options: { isEnabled?: boolean; isLive?: boolean } = {},
) {
  return useQuery({
    queryKey: corridorKeys.manifest(runId),
    queryFn: () => getManifest(runId),
    enabled: options.isEnabled ?? true,
    ...(options.isLive ? { refetchInterval: LIVE_REFRESH_MS } : {}),
  });
}

/** Boarded against arrived, evaluated by the server each time: live while the page is open. */
export function useReconciliation(runId: string, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: corridorKeys.reconciliation(runId),
    queryFn: () => getReconciliation(runId),
    enabled: options.isEnabled ?? true,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useEvacuationAlerts(
  query: EvacuationAlertQuery,
  options: { isEnabled?: boolean } = {},
) {
  return useQuery({
    queryKey: corridorKeys.alerts(query),
    queryFn: () => listEvacuationAlerts(query),
    enabled: options.isEnabled ?? true,
    refetchInterval: LIVE_REFRESH_MS,
  });
}
