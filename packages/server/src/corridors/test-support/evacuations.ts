import type { LightMyRequestResponse } from 'fastify';
import type { AuthHeaders, TestApi } from '../../test-support/factories.js';

type Json = Record<string, unknown>;

const HOUR_MS = 3_600_000;
export const hoursFrom = (base: Date, hours: number): string =>
  new Date(base.getTime() + hours * HOUR_MS).toISOString();

/** A corridor from Lviv to the Medyka crossing, open now for a day unless overridden. */
export function buildCorridor(overrides: Json = {}, now = new Date()): Json {
  return {
    name: 'Lviv – Medyka',
    countryCode: 'PL',
    origin: {
      name: 'Lviv',
      countryCode: 'UA',
      pcode: 'UA46',
      latitude: 49.8397,
      longitude: 24.0297,
    },
    destination: { name: 'Medyka', countryCode: 'PL', latitude: 49.8039, longitude: 22.9347 },
    route: {
      type: 'LineString',
      coordinates: [
        [24.0297, 49.8397],
        [23.4, 49.83],
        [22.9347, 49.8039],
      ],
    },
    guarantors: ['ICRC'],
    status: 'open',
    windowStart: hoursFrom(now, -1),
    windowEnd: hoursFrom(now, 24),
    ...overrides,
  };
}

/** A bus run to `siteId` leaving now, expected in 6 hours with a 2-hour margin. */
export function buildRun(
  corridorId: string,
  siteId: string,
  overrides: Json = {},
  now = new Date(),
): Json {
  return {
    corridorId,
    kind: 'bus',
    label: 'Bus 1, Lviv – Medyka',
    destinationSiteId: siteId,
    vehicles: [
      { kind: 'bus', label: 'BC 1234 AA', capacity: 50 },
      { kind: 'bus', label: 'BC 5678 AA', capacity: 20 },
    ],
    plannedDepartureAt: hoursFrom(now, 0),
    expectedArrivalAt: hoursFrom(now, 6),
    arrivalMarginMinutes: 120,
    ...overrides,
  };
}

const GIVEN = [
  'Олена',
  'Ірина',
  'Наталія',
  'Тетяна',
  'Оксана',
  'Марія',
  'Світлана',
  'Юлія',
  'Галина',
  'Людмила',
];
const CHILDREN = [
  'Данило',
  'Софія',
  'Максим',
  'Анна',
  'Артем',
  'Вікторія',
  'Богдан',
  'Дарина',
  'Тимур',
  'Злата',
];
const FAMILY = [
  'Шевченко',
  'Коваленко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Олійник',
  'Шевчук',
  'Поліщук',
  'Лисенко',
  'Мельник',
  'Савченко',
  'Руденко',
  'Мороз',
  'Марченко',
  'Павленко',
  'Гончаренко',
  'Кузьменко',
  'Левченко',
  'Карпенко',
  'Романенко',
];

/** A manifest CSV of `households` families of three (a mother and two children): 3 × n people. */
export function manifestCsv(households: number): string {
  const lines = ['household;given_name;family_name;patronymic;sex;birth_date;relationship'];
  for (let h = 0; h < households; h += 1) {
    const family = FAMILY[h % FAMILY.length] ?? 'Шевченко';
    const suffix =
      h >= FAMILY.length ? `-${String.fromCharCode(1072 + Math.floor(h / FAMILY.length))}` : '';
    lines.push(
      `H${h + 1};${GIVEN[h % 10]};${family}${suffix};Іванівна;female;198${h % 10}-0${(h % 9) + 1}-1${h % 10};head`,
    );
    lines.push(
      `H${h + 1};${CHILDREN[h % 10]};${family}${suffix};;male;2012-05-0${(h % 9) + 1};child`,
    );
    lines.push(`H${h + 1};${CHILDREN[(h + 5) % 10]};${family}${suffix};;female;2016;child`);
  }
  return `${lines.join('\n')}\n`;
}

export interface ManifestJson {
  households: {
    id: string;
    reference: string | null;
    members: { id: string; unaccompanied: boolean }[];
  }[];
  boarded: number;
  arrived: number;
}

export const send = (
  api: TestApi,
  method: 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  headers: AuthHeaders,
): Promise<LightMyRequestResponse> =>
  api.app.inject({
    method,
    url,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

/** An open corridor and a run on it as `coordinator`: answers their ids. */
export async function openCorridorWithRun(
  api: TestApi,
  coordinator: AuthHeaders,
  runOverrides: Json = {},
): Promise<{ corridorId: string; runId: string }> {
  const corridor = await api.post('/api/v1/corridors', buildCorridor(), coordinator);
  if (corridor.statusCode !== 201) {
    throw new Error(`corridor: ${corridor.body}`);
  }
  const corridorId = corridor.json<{ id: string }>().id;
  const run = await api.post(
    '/api/v1/evacuation-runs',
    buildRun(corridorId, api.siteId, runOverrides),
    coordinator,
  );
  if (run.statusCode !== 201) {
    throw new Error(`run: ${run.body}`);
  }
  return { corridorId, runId: run.json<{ id: string }>().id };
}

/** A name nobody else in a test has: Cyrillic letters from a UUID. */
export function uniqueName(): string {
  const letters = 'абвгдежзиклмнопр';
  const hex = crypto.randomUUID().replace(/-/g, '').slice(0, 10);
  const name = [...hex].map((digit) => letters[parseInt(digit, 16)] ?? 'а').join('');
  return `Т${name}`;
}

/** One household of a mother and child with names nobody else has. */
export function uniqueHousehold(): Json {
  const familyName = uniqueName();
  return {
    members: [
      {
        givenName: uniqueName(),
        familyName,
        sex: 'female',
        birthDate: '1984-03-02',
        relationshipToHead: 'head',
      },
      {
        givenName: uniqueName(),
        familyName,
        sex: 'male',
        birthDate: '2015',
        relationshipToHead: 'child',
      },
    ],
  };
}

export interface EvacuationScopeFixture {
  readonly corridorId: string;
  readonly foreignCorridorId: string;
  readonly run: EvacuationSide;
  readonly foreignRun: EvacuationSide;
}

export interface EvacuationSide {
  readonly runId: string;
  /** Checked in, with an unaccompanied-child alert. */
  readonly personId: string;
  readonly alertId: string;
  readonly coordinator: AuthHeaders;
}

/**
 * For the access matrix: a run to `siteId` (Poland) and one to `foreignSiteId` (Romania), each
 * with a checked-in unaccompanied child (and so an alert).
 */
export async function evacuationScopeFixture(
  api: TestApi,
  foreignSiteId: string,
): Promise<EvacuationScopeFixture> {
  const side = async (country: string, siteId: string) => {
    const coordinator = await api.as('evacuation-coordinator', {
      countries: [country],
      siteIds: [],
    });
    const corridor = await api.post(
      '/api/v1/corridors',
      buildCorridor({ countryCode: country }),
      coordinator,
    );
    const corridorId = corridor.json<{ id: string }>().id;
    const run = await api.post(
      '/api/v1/evacuation-runs',
      buildRun(corridorId, siteId),
      coordinator,
    );
    const runId = run.json<{ id: string }>().id;
    const child = {
      givenName: uniqueName(),
      familyName: uniqueName(),
      sex: 'female',
      birthDate: '2013',
      relationshipToHead: 'head',
    };
    const manifest = await api.post(
      `/api/v1/evacuation-runs/${runId}/manifest/households`,
      { members: [child] },
      coordinator,
    );
    const personId = manifest.json<ManifestJson>().households[0]?.members[0]?.id ?? '';
    await api.post(
      `/api/v1/evacuation-runs/${runId}/check-ins`,
      { manifestPersonId: personId },
      coordinator,
    );
    const alerts = await api.get(`/api/v1/evacuation-alerts?runId=${runId}`, coordinator);
    const alertId = alerts.json<{ id: string }[]>()[0]?.id ?? '';
    return { corridorId, side: { runId, personId, alertId, coordinator } };
  };
  const home = await side('PL', api.siteId);
  const foreign = await side('RO', foreignSiteId);
  return {
    corridorId: home.corridorId,
    foreignCorridorId: foreign.corridorId,
    run: home.side,
    foreignRun: foreign.side,
  };
}
