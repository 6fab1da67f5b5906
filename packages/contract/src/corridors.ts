// contract: ready
/*
 * Humanitarian corridors and evacuations (issue 5). All paths under /api/v1.
 *
 *   GET    /corridors                                  corridors:read         list, current status, route, evacuated total
 *   POST   /corridors                                  evacuations:manage     create (CorridorInput → Corridor, 201)
 *   GET    /corridors/:id                              corridors:read         one corridor with its status history
 *   POST   /corridors/:id/status-changes               evacuations:manage     append a status change (CorridorStatusChangeInput → Corridor)
 *   PATCH  /corridors/:id                              evacuations:manage     change name, route (diversion) or guarantors (CorridorUpdate → Corridor); audited
 *   GET    /statistics/evacuations                     corridors:read         figures: evacuated per corridor per day and total (counts only)
 *   GET    /evacuation-runs                            corridors:read         runs in scope (EvacuationRunQuery → EvacuationRun[]); `operational` null unless you hold evacuations:operational in scope
 *   GET    /evacuation-runs/export                     corridors:read         the same list as text/csv; operational columns only with evacuations:operational
 *   POST   /evacuation-runs                            evacuations:manage     create (EvacuationRunInput → EvacuationRun, 201); 422 `closed-corridor-reason-required` unless the corridor is open or closedCorridorReason is given
 *   GET    /evacuation-runs/:id                        corridors:read         one run (redacted like the list)
 *   PATCH  /evacuation-runs/:id                        evacuations:manage     status / actual times / headcount (EvacuationRunUpdate → EvacuationRun)
 *   POST   /evacuation-runs/:id/checkpoint-passages    evacuations:operational record a checkpoint passage (→ EvacuationRun, 201)
 *   POST   /evacuation-runs/:id/incidents              evacuations:operational record an incident (→ EvacuationRun, 201)
 *   POST   /evacuation-runs/:id/diversions             evacuations:manage     divert a run to another reception site (DiversionInput → EvacuationRun, 201); check-in is then expected there
 *   GET    /evacuation-runs/:id/manifest               manifests:read         households and persons boarded, with arrival state (person read: audited)
 *   POST   /evacuation-runs/:id/manifest/households    evacuations:manage     quick entry of one household (ManifestHouseholdInput → Manifest, 201)
 *   POST   /evacuation-runs/:id/manifest/import        evacuations:manage     CSV, .xlsx or .ods import, all or nothing (ManifestImportInput → ManifestImportResult, 201)
 *   DELETE /evacuation-runs/:id/manifest/households/:householdId  evacuations:manage  remove a household entered by mistake (none checked in) → 204
 *   POST   /evacuation-runs/:id/check-ins              arrivals:check-in      check in a manifest person/household or an unexpected arrival (CheckInInput → CheckInResult); idempotent
 *   POST   /manifest-persons/:id/registration-link     arrivals:check-in      link a checked-in manifest person to the registered person (RegistrationLinkInput → ManifestPerson)
 *   GET    /evacuation-runs/:id/reconciliation         manifests:read         boarded / arrived / missing / unexpected, evaluated now (Reconciliation)
 *   GET    /evacuation-alerts                          evacuation-alerts:handle  alerts in scope, evaluated live (EvacuationAlertQuery → EvacuationAlert[])
 *   POST   /evacuation-alerts/:id/acknowledgement      evacuation-alerts:handle  acknowledge (audited) → EvacuationAlert
 *
 * Who holds what (core access/policy.ts): evacuation-coordinator (country scope = the
 * destination site's country of a run, the corridor's countryCode for a corridor) holds all;
 * registrars (site scope) hold corridors:read, manifests:read and arrivals:check-in for runs
 * bound for their sites; caseworkers hold corridors:read and evacuation-alerts:handle (child
 * protection); analysts hold corridors:read (figures, corridors, redacted runs).
 */
import { CORRIDOR_STATUSES, RELATIONSHIPS, checkTimeWindow, isKnownTimeZone } from '@haven/core';
import { z } from 'zod';
import {
  BirthDate,
  CalendarDate,
  CountryAlpha2,
  CountryAlpha3,
  Id,
  NationalityCode,
  PersonName,
  SingleLine,
  Timestamp,
  UkrainePcode,
} from './fields.js';
import {
  ArrivalMode,
  DocumentType,
  Relationship,
  Sex,
  SiteSummary,
  ChildCareStatus,
} from './registrations.js';

export { CORRIDOR_STATUSES };
export const CorridorStatus = z.enum(CORRIDOR_STATUSES);
export type CorridorStatus = z.infer<typeof CorridorStatus>;

export const EVACUATION_RUN_KINDS = ['convoy', 'bus', 'train'] as const;
export const EvacuationRunKind = z.enum(EVACUATION_RUN_KINDS);

export const EVACUATION_RUN_STATUSES = ['planned', 'departed', 'arrived', 'cancelled'] as const;
export const EvacuationRunStatus = z.enum(EVACUATION_RUN_STATUSES);

export const INCIDENT_KINDS = ['shelling', 'blockage', 'diversion', 'breakdown', 'other'] as const;
export const IncidentKind = z.enum(INCIDENT_KINDS);

export const EVACUATION_ALERT_KINDS = [
  'missing-after-arrival-window',
  'unaccompanied-child',
  'unexpected-arrival',
  'arrival-at-other-site',
] as const;
export const EvacuationAlertKind = z.enum(EVACUATION_ALERT_KINDS);

export const EvacuationAlertStatus = z.enum(['open', 'acknowledged', 'resolved']);

const Latitude = z.number().min(-90).max(90);

/** An IANA time zone name, e.g. 'Europe/Kyiv'. */
export const TimeZone = z
  .string()
  .max(64, 'Must be at most 64 characters')
  .refine(isKnownTimeZone, 'Unknown IANA time zone');
const Longitude = z.number().min(-180).max(180);

/** A window whose end is not after its start is refused, naming the end field. */
const refineWindow =
  <K extends string>(startField: K, endField: K) =>
  (value: Partial<Record<K, string>>, ctx: z.RefinementCtx): void => {
    if (checkTimeWindow({ start: value[startField], end: value[endField] })) {
      ctx.addIssue({
        code: 'custom',
        path: [endField],
        message: `Must be after ${startField}`,
      });
    }
  };

// ---------------------------------------------------------------- places and routes

export const CorridorPlaceInput = z
  .strictObject({
    name: SingleLine(200),
    countryCode: CountryAlpha2,
    pcode: UkrainePcode.optional().describe('For a place in Ukraine: its oblast or raion P-code'),
    latitude: Latitude,
    longitude: Longitude,
  })
  .meta({ id: 'NewCorridorPlace' });

export const CorridorPlace = z
  .object({
    name: z.string(),
    countryCode: z.string(),
    pcode: z.string().nullable(),
    latitude: z.number(),
    longitude: z.number(),
  })
  .meta({ id: 'CorridorPlace' });

/** A GeoJSON (RFC 7946) LineString: [longitude, latitude] positions. */
export const RouteLineString = z
  .strictObject({
    type: z.literal('LineString'),
    coordinates: z
      .array(z.tuple([Longitude, Latitude]))
      .min(2, 'A route has at least two positions')
      .max(5000),
  })
  .meta({ id: 'RouteLineString' });
export type RouteLineString = z.infer<typeof RouteLineString>;

// ---------------------------------------------------------------- corridors

export const CorridorStatusChangeInput = z
  .strictObject({
    status: CorridorStatus,
    windowStart: Timestamp.optional().describe('Start of the agreed window (for planned/open)'),
    windowEnd: Timestamp.optional().describe('End of the agreed window; must be after windowStart'),
    reason: SingleLine(1000).optional(),
  })
  .superRefine(refineWindow('windowStart', 'windowEnd'))
  .meta({ id: 'NewCorridorStatusChange' });
export type CorridorStatusChangeInput = z.infer<typeof CorridorStatusChangeInput>;

export const CorridorInput = z
  .strictObject({
    name: SingleLine(200),
    countryCode: CountryAlpha2.describe(
      'Country whose evacuation coordinators manage the corridor (where it ends)',
    ),
    origin: CorridorPlaceInput,
    destination: CorridorPlaceInput,
    route: RouteLineString,
    guarantors: z.array(SingleLine(200)).max(20).default([]),
    timeZone: TimeZone.optional().describe(
      "IANA time zone whose calendar days the figures count in; default: the origin country's (Europe/Kyiv for Ukraine)",
    ),
    status: CorridorStatus.default('planned').describe('Initial status'),
    windowStart: Timestamp.optional(),
    windowEnd: Timestamp.optional(),
  })
  .superRefine(refineWindow('windowStart', 'windowEnd'))
  .meta({ id: 'NewCorridor' });
export type CorridorInput = z.infer<typeof CorridorInput>;

/** A change of name, route (a diversion) or guarantors; status changes go to status-changes. */
export const CorridorUpdate = z
  .strictObject({
    name: SingleLine(200).optional(),
    route: RouteLineString.optional(),
    guarantors: z.array(SingleLine(200)).max(20).optional(),
  })
  .meta({ id: 'CorridorUpdate' });
export type CorridorUpdate = z.infer<typeof CorridorUpdate>;

export const CorridorStatusChange = z
  .object({
    status: CorridorStatus,
    windowStart: z.string().nullable(),
    windowEnd: z.string().nullable(),
    reason: z.string().nullable(),
    changedBy: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'CorridorStatusChange' });

export const Corridor = z
  .object({
    id: z.string(),
    name: z.string(),
    countryCode: z.string(),
    origin: CorridorPlace,
    destination: CorridorPlace,
    route: RouteLineString,
    guarantors: z.array(z.string()),
    timeZone: z.string().describe('IANA time zone of its figures’ days'),
    status: CorridorStatus.describe('Current status: the latest change'),
    windowStart: z.string().nullable().describe('Window of the latest change'),
    windowEnd: z.string().nullable(),
    isWindowOpen: z.boolean().describe('Open now: status open and now inside its window'),
    statusHistory: z.array(CorridorStatusChange).describe('Oldest first; append-only'),
    evacuatedTotal: z.number().int().describe('Arrived through this corridor (see figures)'),
    canManage: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Corridor' });
export type Corridor = z.infer<typeof Corridor>;

// ---------------------------------------------------------------- evacuation runs

export const VehicleInput = z
  .strictObject({
    kind: SingleLine(50).describe("e.g. 'bus', 'train car', 'ambulance'"),
    label: SingleLine(100).optional().describe('Plate or number; operational'),
    capacity: z.number().int().min(1).max(5000),
  })
  .meta({ id: 'NewVehicle' });

export const Vehicle = z
  .object({ kind: z.string(), label: z.string().nullable(), capacity: z.number().int() })
  .meta({ id: 'Vehicle' });

export const EvacuationRunInput = z
  .strictObject({
    corridorId: Id,
    kind: EvacuationRunKind,
    label: SingleLine(200).describe("e.g. 'Convoy 3, Mariupol – Zaporizhzhia'"),
    destinationSiteId: Id.optional().describe(
      "Haven reception site where the run arrives (its country decides scope). Without one (a run ending inside Ukraine) the corridor's country decides scope and no manifest or check-in is possible",
    ),
    vehicles: z.array(VehicleInput).max(500).default([]),
    plannedDepartureAt: Timestamp,
    expectedArrivalAt: Timestamp.describe('Must be after plannedDepartureAt'),
    arrivalMarginMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(120)
      .describe('Grace after expectedArrivalAt before a person not arrived is missing'),
    reportedHeadcount: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe('People carried when no manifest is kept (mass evacuation by train)'),
    closedCorridorReason: SingleLine(1000)
      .optional()
      .describe('Required when the corridor is not open now'),
  })
  .superRefine(refineWindow('plannedDepartureAt', 'expectedArrivalAt'))
  .meta({ id: 'NewEvacuationRun' });
export type EvacuationRunInput = z.infer<typeof EvacuationRunInput>;

export const EvacuationRunUpdate = z
  .strictObject({
    status: EvacuationRunStatus.optional(),
    actualDepartureAt: Timestamp.optional(),
    actualArrivalAt: Timestamp.optional(),
    expectedArrivalAt: Timestamp.optional(),
    arrivalMarginMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .optional(),
    reportedHeadcount: z.number().int().min(0).max(1_000_000).nullable().optional(),
  })
  .meta({ id: 'EvacuationRunUpdate' });
export type EvacuationRunUpdate = z.infer<typeof EvacuationRunUpdate>;

export const CheckpointPassageInput = z
  .strictObject({
    name: SingleLine(200),
    passedAt: Timestamp,
    latitude: Latitude.optional(),
    longitude: Longitude.optional(),
    note: SingleLine(1000).optional(),
  })
  .meta({ id: 'NewCheckpointPassage' });

export const CheckpointPassage = z
  .object({
    id: z.string(),
    name: z.string(),
    passedAt: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    note: z.string().nullable(),
    recordedBy: z.string(),
  })
  .meta({ id: 'CheckpointPassage' });

export const IncidentInput = z
  .strictObject({
    kind: IncidentKind,
    occurredAt: Timestamp,
    latitude: Latitude.optional(),
    longitude: Longitude.optional(),
    placeName: SingleLine(200).optional(),
    description: SingleLine(2000).optional(),
  })
  .meta({ id: 'NewIncident' });

export const Incident = z
  .object({
    id: z.string(),
    kind: IncidentKind,
    occurredAt: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    placeName: z.string().nullable(),
    description: z.string().nullable(),
    recordedBy: z.string(),
  })
  .meta({ id: 'Incident' });

export const DiversionInput = z
  .strictObject({
    siteId: Id.describe('The reception site the run now goes to; in your scope'),
    reason: SingleLine(1000),
    incidentId: Id.optional().describe(
      'The diversion incident already recorded on this run; without one, one is recorded',
    ),
    divertedAt: Timestamp.optional().describe('Defaults to now'),
    expectedArrivalAt: Timestamp.optional().describe('The new expected arrival at the new site'),
  })
  .meta({ id: 'NewDiversion' });
export type DiversionInput = z.infer<typeof DiversionInput>;

export const Diversion = z
  .object({
    id: z.string(),
    fromSiteId: z.string(),
    toSite: SiteSummary,
    reason: z.string(),
    incidentId: z.string(),
    divertedAt: z.string(),
    divertedBy: z.string(),
  })
  .meta({ id: 'Diversion' });

/**
 * Operationally sensitive (issue 5 item 6): positions, vehicles and timings. Present only for
 * callers holding evacuations:operational with the run in scope; null for everyone else.
 */
export const EvacuationRunOperational = z
  .object({
    plannedDepartureAt: z.string(),
    expectedArrivalAt: z.string(),
    actualDepartureAt: z.string().nullable(),
    arrivalDeadline: z.string().describe('expectedArrivalAt + arrivalMarginMinutes'),
    arrivalMarginMinutes: z.number().int(),
    vehicles: z.array(Vehicle),
    checkpointPassages: z.array(CheckpointPassage),
    incidents: z.array(Incident),
    diversions: z.array(Diversion).describe('Oldest first'),
  })
  .meta({ id: 'EvacuationRunOperational' });

export const EvacuationRun = z
  .object({
    id: z.string(),
    corridorId: z.string(),
    corridorName: z.string(),
    kind: EvacuationRunKind,
    label: z.string(),
    destinationSite: SiteSummary.nullable().describe('Null for a run not ending at a Haven site'),
    divertedTo: SiteSummary.nullable().describe(
      'The site the run was diverted to, where check-in is now expected; null when not diverted',
    ),
    status: EvacuationRunStatus,
    capacity: z.number().int().describe('Sum of vehicle capacities'),
    reportedHeadcount: z.number().int().nullable(),
    boarded: z.number().int().describe('People on the manifest'),
    arrived: z.number().int().describe('Manifest people checked in'),
    unexpected: z.number().int().describe('Checked in though not on the manifest'),
    actualArrivalAt: z.string().nullable().describe('Shown to all once the run has arrived'),
    closedCorridorReason: z.string().nullable(),
    operational: EvacuationRunOperational.nullable(),
    canManage: z.boolean(),
    canCheckIn: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'EvacuationRun' });
export type EvacuationRun = z.infer<typeof EvacuationRun>;

// No component id: query parameters are inlined for OpenAPI.
export const EvacuationRunQuery = z.strictObject({
  corridorId: Id.optional(),
  destinationSiteId: Id.optional(),
  status: EvacuationRunStatus.optional(),
});
export type EvacuationRunQuery = z.infer<typeof EvacuationRunQuery>;

// ---------------------------------------------------------------- manifests

export const ManifestPersonInput = z
  .strictObject({
    givenName: PersonName,
    familyName: PersonName,
    patronymic: PersonName.optional(),
    sex: Sex,
    birthDate: BirthDate,
    nationality: NationalityCode.default('UKR'),
    relationshipToHead: Relationship,
    documentType: DocumentType.optional(),
    documentNumber: SingleLine(40).optional(),
    documentIssuingCountry: CountryAlpha3.optional().describe('Defaults to UKR with a document'),
  })
  .refine((p) => (p.documentType === undefined) === (p.documentNumber === undefined), {
    path: ['documentNumber'],
    message: 'Give both the document type and number, or neither',
  })
  .meta({ id: 'NewManifestPerson' });
export type ManifestPersonInput = z.infer<typeof ManifestPersonInput>;

export const ManifestHouseholdInput = z
  .strictObject({
    reference: SingleLine(100)
      .optional()
      .describe("The coordinator's own household label, e.g. a family card number"),
    members: z.array(ManifestPersonInput).min(1).max(30),
  })
  .meta({ id: 'NewManifestHousehold' });
export type ManifestHouseholdInput = z.infer<typeof ManifestHouseholdInput>;

/**
 * CSV header names (first line). Required: household, given_name, family_name, sex, birth_date.
 * Optional: patronymic, nationality (alpha-3, default UKR), relationship (default: first row of a
 * household 'head', others 'other-relative'), document_type, document_number, document_country.
 * Rows sharing a `household` value form one household. Separator `,` or `;`; UTF-8 (BOM allowed).
 */
export const MANIFEST_CSV_REQUIRED_COLUMNS = [
  'household',
  'given_name',
  'family_name',
  'sex',
  'birth_date',
] as const;
export const MANIFEST_CSV_OPTIONAL_COLUMNS = [
  'patronymic',
  'nationality',
  'relationship',
  'document_type',
  'document_number',
  'document_country',
] as const;

/** The spreadsheet formats a manifest may come in besides CSV: the first sheet, header row first. */
export const MANIFEST_SPREADSHEET_FORMATS = ['xlsx', 'ods'] as const;
export type ManifestSpreadsheetFormat = (typeof MANIFEST_SPREADSHEET_FORMATS)[number];
/** A spreadsheet file of at most 4 MiB, as base64 (4/3 of its size). */
export const MANIFEST_SPREADSHEET_MAX_BYTES = 4 * 1024 * 1024;
const SpreadsheetBase64 = z
  .base64({ message: 'Must be the file as base64' })
  .min(1, 'Must not be empty')
  .max(Math.ceil(MANIFEST_SPREADSHEET_MAX_BYTES / 3) * 4, 'Must be at most 4 MB');

export const ManifestImportInput = z
  .strictObject({
    csv: z
      .string()
      .min(1, 'Must not be empty')
      .max(5_000_000, 'Must be at most 5 MB')
      .optional()
      .describe('The CSV text; see MANIFEST_CSV_REQUIRED_COLUMNS'),
    xlsx: SpreadsheetBase64.optional().describe(
      'An Excel workbook (.xlsx), base64: the first sheet, with the CSV columns as its header row',
    ),
    ods: SpreadsheetBase64.optional().describe(
      'An OpenDocument spreadsheet (.ods), base64: the first sheet, with the CSV columns as its header row',
    ),
  })
  .refine(
    (input) => [input.csv, input.xlsx, input.ods].filter((x) => x !== undefined).length === 1,
    { path: ['csv'], message: 'Give exactly one of csv, xlsx, ods' },
  )
  .meta({ id: 'ManifestImport' });
export type ManifestImportInput = z.infer<typeof ManifestImportInput>;

export const ManifestPersonArrival = z
  .object({
    arrivedAt: z.string(),
    siteId: z.string(),
    checkedInBy: z.string(),
  })
  .meta({ id: 'ManifestPersonArrival' });

export const ManifestPerson = z
  .object({
    id: z.string(),
    householdId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    patronymic: z.string().nullable(),
    sex: Sex,
    birthDate: z.string(),
    nationality: z.string(),
    relationshipToHead: Relationship,
    documentType: DocumentType.nullable(),
    documentNumber: z.string().nullable(),
    documentIssuingCountry: z.string().nullable(),
    unaccompanied: z.boolean().describe('A child under 18 in a manifest household with no adult'),
    unexpected: z.boolean().describe('Not on the manifest: checked in on arrival'),
    arrival: ManifestPersonArrival.nullable(),
    registrationPersonId: z.string().nullable(),
    sourceLine: z
      .number()
      .int()
      .nullable()
      .describe('CSV line or spreadsheet row it was imported from'),
  })
  .meta({ id: 'ManifestPerson' });
export type ManifestPerson = z.infer<typeof ManifestPerson>;

export const ManifestHousehold = z
  .object({
    id: z.string(),
    reference: z.string().nullable(),
    members: z.array(ManifestPerson),
  })
  .meta({ id: 'ManifestHousehold' });

export const Manifest = z
  .object({
    runId: z.string(),
    households: z.array(ManifestHousehold),
    boarded: z.number().int(),
    arrived: z.number().int(),
  })
  .meta({ id: 'Manifest' });
export type Manifest = z.infer<typeof Manifest>;

export const ManifestImportResult = z
  .object({
    households: z.number().int(),
    persons: z.number().int(),
    manifest: Manifest,
  })
  .meta({ id: 'ManifestImportResult' });

// ---------------------------------------------------------------- check-in

export const CheckInInput = z
  .strictObject({
    manifestPersonId: Id.optional(),
    manifestHouseholdId: Id.optional().describe('Check in every member of the household'),
    unexpectedPerson: ManifestPersonInput.optional().describe(
      'Someone not on the manifest: allowed, recorded and flagged',
    ),
    arrivedAt: Timestamp.optional().describe('Defaults to now'),
    siteId: Id.optional().describe(
      'Where the check-in happens. Default: where the run is expected (its diversion site, else its destination). Another site in your scope is allowed and flagged arrival-at-other-site',
    ),
  })
  .refine(
    (c) =>
      [c.manifestPersonId, c.manifestHouseholdId, c.unexpectedPerson].filter((x) => x !== undefined)
        .length === 1,
    {
      path: ['manifestPersonId'],
      message: 'Give exactly one of manifestPersonId, manifestHouseholdId, unexpectedPerson',
    },
  )
  .meta({ id: 'NewCheckIn' });
export type CheckInInput = z.infer<typeof CheckInInput>;

/**
 * One member of the registration form, pre-filled from the manifest (RegistrationInput's
 * PersonInput plus manifestPersonId: drop that key before POST /registrations, which is strict,
 * then link with POST /manifest-persons/:id/registration-link).
 */
export const RegistrationDraftMember = z
  .object({
    manifestPersonId: z
      .string()
      .describe('Not part of PersonInput: remove before POST /registrations; use to link back'),
    givenName: z.string(),
    familyName: z.string(),
    patronymic: z.string().optional(),
    sex: Sex,
    birthDate: z.string(),
    nationality: z.string(),
    relationshipToHead: Relationship,
    childCareStatus: ChildCareStatus.optional(),
    documents: z.array(
      z.object({ type: DocumentType, issuingCountry: z.string(), number: z.string() }),
    ),
    specificNeeds: z.array(z.object({ code: z.string() })),
  })
  .meta({ id: 'RegistrationDraftMember' });

/** A RegistrationInput without consent: the registrar completes it with the family. */
export const RegistrationDraft = z
  .object({
    siteId: z.string(),
    originPcode: z.string().nullable().describe("The corridor origin's P-code when it has one"),
    arrivalMode: ArrivalMode,
    arrivalDate: CalendarDate,
    household: z.object({ members: z.array(RegistrationDraftMember) }),
  })
  .meta({ id: 'RegistrationDraft' });
export type RegistrationDraft = z.infer<typeof RegistrationDraft>;

export const CheckInArrival = z
  .object({
    manifestPersonId: z.string(),
    arrivedAt: z.string(),
    alreadyCheckedIn: z
      .boolean()
      .describe('True when this answers an earlier check-in (idempotent)'),
    unexpected: z.boolean(),
    unaccompanied: z.boolean(),
  })
  .meta({ id: 'CheckInArrival' });

export const CheckInFlag = z
  .object({
    kind: EvacuationAlertKind,
    manifestPersonId: z.string(),
    message: z.string(),
  })
  .meta({ id: 'CheckInFlag' });

export const CheckInResult = z
  .object({
    runId: z.string(),
    arrivals: z.array(CheckInArrival),
    flags: z.array(CheckInFlag),
    registrationDraft: RegistrationDraft,
  })
  .meta({ id: 'CheckInResult' });
export type CheckInResult = z.infer<typeof CheckInResult>;

export const RegistrationLinkInput = z
  .strictObject({
    registrationPersonId: Id.describe('The person created by the registration made from the draft'),
  })
  .meta({ id: 'NewRegistrationLink' });

// ---------------------------------------------------------------- reconciliation and alerts

export const ReconciliationPerson = z
  .object({
    manifestPersonId: z.string(),
    householdId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string(),
    unaccompanied: z.boolean(),
  })
  .meta({ id: 'ReconciliationPerson' });

export const Reconciliation = z
  .object({
    runId: z.string(),
    runStatus: EvacuationRunStatus,
    boarded: z.number().int(),
    arrived: z.number().int(),
    notYetArrived: z.number().int().describe('Boarded, not arrived, not yet overdue'),
    missing: z.number().int().describe('Boarded, not arrived, past expected arrival + margin'),
    unexpected: z.number().int(),
    unaccompaniedChildren: z.number().int(),
    isOverdue: z.boolean().describe('Now is past expected arrival + margin'),
    missingPersons: z.array(ReconciliationPerson),
    unexpectedPersons: z.array(ReconciliationPerson),
    evaluatedAt: z.string(),
  })
  .meta({ id: 'Reconciliation' });
export type Reconciliation = z.infer<typeof Reconciliation>;

export const EvacuationAlert = z
  .object({
    id: z.string(),
    kind: EvacuationAlertKind,
    status: EvacuationAlertStatus,
    runId: z.string(),
    runLabel: z.string(),
    corridorId: z.string(),
    destinationSite: SiteSummary,
    manifestPersonId: z.string().nullable(),
    person: z
      .object({ givenName: z.string(), familyName: z.string(), birthDate: z.string() })
      .nullable(),
    raisedAt: z.string(),
    resolvedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'EvacuationAlert' });
export type EvacuationAlert = z.infer<typeof EvacuationAlert>;

// No component id: query parameters are inlined for OpenAPI.
export const EvacuationAlertQuery = z.strictObject({
  status: EvacuationAlertStatus.optional().describe('Default: open and acknowledged'),
  kind: EvacuationAlertKind.optional(),
  runId: Id.optional(),
});
export type EvacuationAlertQuery = z.infer<typeof EvacuationAlertQuery>;

// ---------------------------------------------------------------- figures

// No component id: query parameters are inlined for OpenAPI.
export const EvacuationFiguresQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  corridorId: Id.optional(),
});

export const EvacuatedOnDay = z
  .object({ day: z.string(), evacuated: z.number().int() })
  .meta({ id: 'EvacuatedOnDay' });

export const EvacuationFigures = z
  .object({
    total: z.number().int(),
    corridorCount: z.number().int(),
    days: z.array(EvacuatedOnDay).describe('All corridors, by arrival day'),
    corridors: z.array(
      z.object({
        corridorId: z.string(),
        name: z.string(),
        status: CorridorStatus,
        origin: CorridorPlace,
        destination: CorridorPlace,
        route: RouteLineString,
        total: z.number().int(),
        days: z.array(EvacuatedOnDay),
      }),
    ),
    method: z
      .string()
      .describe('How the figures are counted (manifest arrivals, else reported headcount)'),
  })
  .meta({ id: 'EvacuationFigures' });
export type EvacuationFigures = z.infer<typeof EvacuationFigures>;

/** Re-exported for forms: the relationships a manifest row may give. */
export const MANIFEST_RELATIONSHIPS = RELATIONSHIPS;
