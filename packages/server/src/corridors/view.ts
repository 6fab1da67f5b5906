import type {
  Corridor,
  EvacuationAlert,
  EvacuationRun,
  ManifestPerson,
  Reconciliation,
} from '@haven/contract';
import {
  arrivalDeadline,
  can,
  isCorridorOpenAt,
  isRunInScope,
  reconcileRun,
  seesOperational,
  type CorridorStatus,
  type Principal,
  type RunPlace,
} from '@haven/core';
import type { AlertRecord } from './alert-queries.js';
import type { CorridorRecord } from './corridor-queries.js';
import type { ManifestPersonRecord } from './manifest-queries.js';
import type { RunRecord } from './run-queries.js';

/** The latest change is the current status; a corridor always has one (written with it). */
export function currentStatus(corridor: CorridorRecord): {
  status: CorridorStatus;
  windowStart: string | null;
  windowEnd: string | null;
} {
  const latest = corridor.statusHistory.at(-1);
  return {
    status: latest?.status ?? 'planned',
    windowStart: latest?.windowStart ?? null,
    windowEnd: latest?.windowEnd ?? null,
  };
}

export const canManageCorridor = (principal: Principal, corridor: { countryCode: string }) =>
  can(principal, 'evacuations:manage') && principal.countries.includes(corridor.countryCode);

export function corridorView(
  principal: Principal,
  corridor: CorridorRecord,
  evacuatedTotal: number,
  now: Date,
): Corridor {
  const current = currentStatus(corridor);
  return {
    ...corridor,
    ...current,
    isWindowOpen: isCorridorOpenAt(current, now),
    evacuatedTotal,
    canManage: canManageCorridor(principal, corridor),
  };
}

/** Where a run belongs for scope (core RunPlace): its destination, and its diversion site. */
export const runPlaceOf = (run: RunRecord): RunPlace => ({
  siteId: run.destinationSite?.id ?? null,
  countryCode: run.countryCode,
  divertedTo:
    run.divertedSite === null
      ? null
      : { siteId: run.divertedSite.id, countryCode: run.divertedSite.countryCode },
});

/** The site check-in is expected at: the latest diversion's, else the destination. */
export const expectedSiteOf = (run: RunRecord) => run.divertedSite ?? run.destinationSite;

export const canManageRun = (principal: Principal, run: RunRecord): boolean =>
  can(principal, 'evacuations:manage') && isRunInScope(principal, runPlaceOf(run));

/**
 * A run as this caller may see it: positions, vehicles and timings only for evacuation
 * coordinators in scope (issue 5 item 6); the arrival time for everyone once it arrived.
 */
export function runView(principal: Principal, run: RunRecord): EvacuationRun {
  const sees = seesOperational(principal, runPlaceOf(run));
  return {
    id: run.id,
    corridorId: run.corridorId,
    corridorName: run.corridorName,
    kind: run.kind,
    label: run.label,
    destinationSite: run.destinationSite,
    divertedTo: run.divertedSite,
    status: run.status,
    capacity: run.capacity,
    reportedHeadcount: run.reportedHeadcount,
    boarded: run.boarded,
    arrived: run.arrived,
    unexpected: run.unexpected,
    actualArrivalAt: run.status === 'arrived' ? run.actualArrivalAt : null,
    closedCorridorReason: run.closedCorridorReason,
    operational: sees
      ? {
          plannedDepartureAt: run.plannedDepartureAt,
          expectedArrivalAt: run.expectedArrivalAt,
          actualDepartureAt: run.actualDepartureAt,
          arrivalDeadline: arrivalDeadline(run).toISOString(),
          arrivalMarginMinutes: run.arrivalMarginMinutes,
          vehicles: run.vehicles,
          checkpointPassages: run.checkpointPassages,
          incidents: run.incidents,
          diversions: run.diversions,
        }
      : null,
    canManage: canManageRun(principal, run),
    canCheckIn:
      run.destinationSite !== null &&
      run.status !== 'cancelled' &&
      can(principal, 'arrivals:check-in') &&
      isRunInScope(principal, runPlaceOf(run)),
    createdAt: run.createdAt,
    createdBy: run.createdBy,
  };
}

export function manifestPersonView(person: ManifestPersonRecord): ManifestPerson {
  return {
    id: person.id,
    householdId: person.householdId,
    givenName: person.givenName,
    familyName: person.familyName,
    patronymic: person.patronymic,
    sex: person.sex,
    birthDate: person.birthDate,
    nationality: person.nationality,
    relationshipToHead: person.relationshipToHead,
    documentType: person.documentType,
    documentNumber: person.documentNumber,
    documentIssuingCountry: person.documentIssuingCountry,
    unaccompanied: person.unaccompanied,
    unexpected: person.unexpected,
    arrival:
      person.arrivedAt === null
        ? null
        : {
            arrivedAt: person.arrivedAt,
            siteId: person.arrivalSiteId ?? '',
            checkedInBy: person.checkedInBy ?? '',
          },
    registrationPersonId: person.registrationPersonId,
    sourceLine: person.sourceLine,
  };
}

export function reconciliationView(
  run: RunRecord,
  persons: readonly ManifestPersonRecord[],
  now: Date,
): Reconciliation {
  const result = reconcileRun(
    run,
    persons.map((p) => ({ id: p.id, arrivedAt: p.arrivedAt, unexpected: p.unexpected })),
    now,
  );
  const byId = new Map(persons.map((p) => [p.id, p]));
  const summary = (id: string) => {
    const p = byId.get(id);
    return {
      manifestPersonId: id,
      householdId: p?.householdId ?? '',
      givenName: p?.givenName ?? '',
      familyName: p?.familyName ?? '',
      birthDate: p?.birthDate ?? '',
      unaccompanied: p?.unaccompanied ?? false,
    };
  };
  return {
    runId: run.id,
    runStatus: run.status,
    boarded: result.boarded,
    arrived: result.arrived,
    notYetArrived: result.notYetArrived,
    missing: result.missing,
    unexpected: result.unexpected,
    unaccompaniedChildren: persons.filter((p) => p.unaccompanied).length,
    isOverdue: result.isOverdue,
    missingPersons: result.missingIds.map(summary),
    unexpectedPersons: result.unexpectedIds.map(summary),
    evaluatedAt: now.toISOString(),
  };
}

export function alertView(alert: AlertRecord): EvacuationAlert {
  return {
    id: alert.id,
    kind: alert.kind,
    status:
      alert.resolvedAt !== null
        ? 'resolved'
        : alert.acknowledgedAt !== null
          ? 'acknowledged'
          : 'open',
    runId: alert.runId,
    runLabel: alert.runLabel,
    corridorId: alert.corridorId,
    destinationSite: alert.destinationSite,
    manifestPersonId: alert.manifestPersonId,
    person: alert.person,
    raisedAt: alert.raisedAt,
    resolvedAt: alert.resolvedAt,
    acknowledgedAt: alert.acknowledgedAt,
    acknowledgedBy: alert.acknowledgedBy,
  };
}
