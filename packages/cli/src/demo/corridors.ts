import { randomUUID } from 'node:crypto';
import { createRandom, type Random } from '@haven/bench';
import {
  CorridorInput,
  EvacuationRunInput,
  ManifestHouseholdInput,
  type CorridorStatusChangeInput,
} from '@haven/contract';
import {
  canChangeCorridorStatus,
  defaultCorridorTimeZone,
  unaccompaniedMembers,
  type CorridorStatus,
} from '@haven/core';
import {
  appendAudit,
  appendStatusChange,
  findCorridorIdByName,
  insertCorridor,
  insertManifestHouseholds,
  insertRun,
  operatorActor,
  updateRun,
  type Db,
  type Keyring,
} from '@haven/server';

/** The demo corridors all leave from Ukraine: their days are Kyiv days. */
const KYIV = defaultCorridorTimeZone('UA') ?? 'Europe/Kyiv';

type Position = [longitude: number, latitude: number];

interface DemoPlace {
  readonly name: string;
  readonly pcode: string;
  readonly at: Position;
}

interface DemoCorridor {
  readonly name: string;
  readonly origin: DemoPlace;
  readonly destination: DemoPlace;
  /** Towns the route passes, in order. */
  readonly via: readonly Position[];
  readonly guarantors: readonly string[];
  /** People evacuated through it in March 2022 (rounded, of the order reported). */
  readonly evacuated: number;
  /** Days of March 2022 with runs. */
  readonly days: readonly number[];
  readonly suspensions: readonly { readonly day: number; readonly reason: string }[];
  readonly finalStatus: 'open' | 'suspended' | 'closed';
  readonly kinds: readonly ('bus' | 'train' | 'convoy')[];
}

const ZAPORIZHZHIA: DemoPlace = { name: 'Zaporizhzhia', pcode: 'UA2306', at: [35.1396, 47.8388] };
const SHELLING = 'Ceasefire not observed: shelling along the route';

/**
 * The seven humanitarian corridors agreed in March 2022 (as reported by OCHA and the ICRC), with
 * approximate routes and windows. About 300,000 people left through them in the month; the
 * split between corridors and days here is illustrative, not a historical record.
 */
export const DEMO_CORRIDORS: readonly DemoCorridor[] = [
  {
    name: 'Mariupol – Zaporizhzhia',
    origin: { name: 'Mariupol', pcode: 'UA1414', at: [37.5434, 47.0971] },
    destination: ZAPORIZHZHIA,
    via: [
      [36.7845, 46.7553],
      [35.7105, 47.2514],
      [35.2805, 47.4392],
    ],
    guarantors: ['ICRC', 'UN OCHA'],
    evacuated: 80_000,
    days: [14, 15, 16, 17, 18, 20, 21, 22, 24, 25, 27, 28, 30],
    suspensions: [
      { day: 19, reason: SHELLING },
      { day: 23, reason: 'Convoy held at a checkpoint near Berdiansk' },
      { day: 29, reason: SHELLING },
    ],
    finalStatus: 'suspended',
    kinds: ['convoy', 'bus'],
  },
  {
    name: 'Enerhodar – Zaporizhzhia',
    origin: { name: 'Enerhodar', pcode: 'UA2304', at: [34.6573, 47.4989] },
    destination: ZAPORIZHZHIA,
    via: [[35.2805, 47.4392]],
    guarantors: ['ICRC'],
    evacuated: 20_000,
    days: [9, 10, 12, 14, 16, 19, 23, 26],
    suspensions: [{ day: 11, reason: SHELLING }],
    finalStatus: 'closed',
    kinds: ['bus', 'convoy'],
  },
  {
    name: 'Sumy – Poltava',
    origin: { name: 'Sumy', pcode: 'UA5908', at: [34.7981, 50.9077] },
    destination: { name: 'Poltava', pcode: 'UA5308', at: [34.5514, 49.5883] },
    via: [
      [34.4817, 50.5857],
      [34.0003, 50.3703],
      [33.2667, 50.3697],
    ],
    guarantors: ['ICRC', 'UNHCR'],
    evacuated: 60_000,
    days: [8, 9, 10, 11, 12, 13, 15, 17, 19],
    suspensions: [{ day: 14, reason: 'Road to Lebedyn blocked' }],
    finalStatus: 'closed',
    kinds: ['bus', 'convoy'],
  },
  {
    name: 'Izium – Lozova',
    origin: { name: 'Izium', pcode: 'UA6304', at: [37.2561, 49.2082] },
    destination: { name: 'Lozova', pcode: 'UA6310', at: [36.2728, 48.8893] },
    via: [[37.0179, 48.9069]],
    guarantors: ['ICRC'],
    evacuated: 30_000,
    days: [9, 10, 11, 13, 15, 18, 21],
    suspensions: [{ day: 12, reason: SHELLING }],
    finalStatus: 'closed',
    kinds: ['bus', 'train'],
  },
  {
    name: 'Volnovakha – Pokrovsk',
    origin: { name: 'Volnovakha', pcode: 'UA1404', at: [37.4996, 47.6004] },
    destination: { name: 'Pokrovsk', pcode: 'UA1416', at: [37.1757, 48.2827] },
    via: [[37.2833, 47.9831]],
    guarantors: ['ICRC'],
    evacuated: 25_000,
    days: [6, 9, 10, 12, 14],
    suspensions: [{ day: 7, reason: SHELLING }],
    finalStatus: 'closed',
    kinds: ['bus', 'train'],
  },
  {
    name: 'Kyiv region (Irpin, Bucha, Hostomel) – Kyiv',
    origin: { name: 'Irpin, Bucha, Hostomel', pcode: 'UA3208', at: [30.2506, 50.5218] },
    destination: { name: 'Kyiv', pcode: 'UA8000', at: [30.5234, 50.4501] },
    via: [
      [30.2651, 50.5697],
      [30.2206, 50.5435],
      [30.3756, 50.4822],
    ],
    guarantors: ['ICRC', 'UN OCHA'],
    evacuated: 60_000,
    days: [8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 25, 28],
    suspensions: [{ day: 17, reason: 'Bridge at Irpin destroyed: route diverted' }],
    finalStatus: 'open',
    kinds: ['bus', 'convoy'],
  },
  {
    name: 'Kharkiv region (Balakliia) – Kharkiv',
    origin: { name: 'Balakliia', pcode: 'UA6304', at: [36.8386, 49.4627] },
    destination: { name: 'Kharkiv', pcode: 'UA6312', at: [36.2304, 49.9935] },
    via: [[36.6883, 49.8367]],
    guarantors: ['ICRC'],
    evacuated: 25_000,
    days: [10, 11, 13, 15, 17, 20, 24],
    suspensions: [{ day: 12, reason: SHELLING }],
    finalStatus: 'closed',
    kinds: ['bus', 'train'],
  },
];

const day = (march: number, hourUtc: number, minute = 0) =>
  new Date(Date.UTC(2022, 2, march, hourUtc, minute)).toISOString();

const placeInput = (place: DemoPlace, countryCode: string) => ({
  name: place.name,
  countryCode,
  pcode: place.pcode,
  latitude: place.at[1],
  longitude: place.at[0],
});

/** The status history of a demo corridor, oldest first, checked against the transition rules. */
export function demoStatusHistory(
  corridor: DemoCorridor,
): (CorridorStatusChangeInput & { changedAt: string })[] {
  const first = Math.min(...corridor.days);
  const events: (CorridorStatusChangeInput & { changedAt: string })[] = [
    {
      status: 'planned' as const,
      changedAt: day(first - 1, 16),
      reason: 'Agreed in principle by both parties',
    },
    ...corridor.days.map((d) => ({
      status: 'open' as const,
      // 08:00–18:00 Kyiv time (UTC+2 until the 27th).
      windowStart: day(d, 6),
      windowEnd: day(d, 16),
      changedAt: day(d, 5, 30),
    })),
    ...corridor.suspensions.map((s) => ({
      status: 'suspended' as const,
      reason: s.reason,
      changedAt: day(s.day, 7),
    })),
  ].sort((a, b) => (a.changedAt < b.changedAt ? -1 : 1));
  if (corridor.finalStatus !== 'open') {
    events.push({
      status: corridor.finalStatus,
      reason: corridor.finalStatus === 'closed' ? 'No further agreement' : SHELLING,
      changedAt: day(31, 18),
    });
  }
  let current: CorridorStatus | undefined;
  for (const event of events) {
    if (!canChangeCorridorStatus(current, event.status)) {
      throw new Error(`${corridor.name}: ${current ?? 'new'} → ${event.status} is not allowed`);
    }
    current = event.status;
  }
  return events;
}

/** Splits `total` into `parts` positive whole numbers by random weights. */
function split(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  shares[shares.length - 1] = total - shares.slice(0, -1).reduce((a, b) => a + b, 0);
  return shares;
}

const GIVEN_FEMALE = ['Олена', 'Ірина', 'Наталія', 'Тетяна', 'Оксана', 'Марія', 'Світлана', 'Юлія'];
const GIVEN_MALE = ['Андрій', 'Олександр', 'Сергій', 'Віктор', 'Микола', 'Петро', 'Іван', 'Юрій'];
const CHILDREN = ['Данило', 'Софія', 'Максим', 'Анна', 'Артем', 'Вікторія', 'Богдан', 'Злата'];
const FAMILY = [
  'Гнатюк',
  'Дорошенко',
  'Кравець',
  'Литвиненко',
  'Онищенко',
  'Федорук',
  'Ярошенко',
  'Zhuk',
];

/** Fictional households of a small evacuation bus: families, and two children travelling alone. */
export function demoManifest(random: Random): ManifestHouseholdInput[] {
  const households: ManifestHouseholdInput[] = [];
  for (let h = 0; h < 7; h += 1) {
    const familyName = FAMILY[h] === 'Zhuk' ? 'Жук' : (FAMILY[h] ?? 'Гнатюк');
    const mother = {
      givenName: random.pick(GIVEN_FEMALE),
      familyName,
      patronymic: random.pick(['Іванівна', 'Петрівна', 'Миколаївна']),
      sex: 'female',
      birthDate: `19${random.int(60, 95)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
      relationshipToHead: 'head',
    };
    const children = Array.from({ length: random.int(1, 3) }, (_, i) => ({
      givenName: CHILDREN[(h + i * 3) % CHILDREN.length] ?? 'Данило',
      familyName,
      sex: i % 2 === 0 ? 'male' : 'female',
      birthDate: `20${random.int(10, 21)}-0${random.int(1, 9)}-0${random.int(1, 9)}`,
      relationshipToHead: 'child',
    }));
    const grandfather = random.chance(0.3)
      ? [
          {
            givenName: random.pick(GIVEN_MALE),
            familyName,
            sex: 'male',
            birthDate: `194${random.int(0, 9)}`,
            relationshipToHead: 'parent',
          },
        ]
      : [];
    households.push(
      ManifestHouseholdInput.parse({
        reference: `Family card ${101 + h}`,
        members: [mother, ...children, ...grandfather],
      }),
    );
  }
  households.push(
    ManifestHouseholdInput.parse({
      reference: 'Children from the Mariupol shelter',
      members: [
        {
          givenName: 'Марко',
          familyName: 'Кость',
          sex: 'male',
          birthDate: '2012-11-02',
          relationshipToHead: 'head',
        },
        {
          givenName: 'Ліна',
          familyName: 'Кость',
          sex: 'female',
          birthDate: '2013',
          relationshipToHead: 'sibling',
        },
      ],
    }),
  );
  return households;
}

export interface DemoEvacuations {
  readonly corridors: number;
  readonly runs: number;
  readonly evacuated: number;
  readonly manifestPersons: number;
}

/**
 * Loads the seven corridors of March 2022 with their runs (reported headcounts, about 300,000 in
 * all) and a small live run from Lviv to the Medyka crossing with a named, fictional manifest,
 * due within hours of loading. Loads nothing when the corridors are already there.
 */
export async function loadDemoCorridors(
  db: Db,
  keyring: Keyring,
  sites: readonly { id: string; name: string; countryCode: string }[],
  seed: number,
  now = new Date(),
): Promise<DemoEvacuations> {
  const first = DEMO_CORRIDORS[0];
  if (!first || (await findCorridorIdByName(db, first.name)) !== undefined) {
    return { corridors: 0, runs: 0, evacuated: 0, manifestPersons: 0 };
  }
  const random = createRandom(seed);
  const coordinator = 'demo.coordinator';
  let runs = 0;
  let evacuated = 0;
  let manifestPersons = 0;
  const written: { chain: string; id: string }[] = [];
  await db.transaction(async (tx) => {
    for (const demo of DEMO_CORRIDORS) {
      const id = randomUUID();
      const input = CorridorInput.parse({
        name: demo.name,
        countryCode: 'UA',
        origin: placeInput(demo.origin, 'UA'),
        destination: placeInput(demo.destination, 'UA'),
        route: {
          type: 'LineString',
          coordinates: [demo.origin.at, ...demo.via, demo.destination.at],
        },
        guarantors: demo.guarantors,
      });
      await insertCorridor(tx, id, { ...input, timeZone: KYIV }, coordinator);
      for (const change of demoStatusHistory(demo)) {
        const { changedAt, ...rest } = change;
        await appendStatusChange(tx, randomUUID(), id, rest, coordinator, changedAt);
      }
      written.push({ chain: 'UA', id });
      const perDay = split(random, demo.evacuated, demo.days.length);
      for (const [i, d] of demo.days.entries()) {
        const runsToday = random.int(1, 3);
        for (const [n, headcount] of split(random, perDay[i] ?? 0, runsToday).entries()) {
          const kind = random.pick(demo.kinds);
          const departure = day(d, 6, random.int(0, 59));
          const arrival = day(d, random.int(11, 15), random.int(0, 59));
          const runId = randomUUID();
          await insertRun(tx, {
            id: runId,
            countryCode: 'UA',
            createdBy: coordinator,
            input: EvacuationRunInput.parse({
              corridorId: id,
              kind,
              label: `${kind === 'train' ? 'Train' : kind === 'bus' ? 'Buses' : 'Convoy'} ${n + 1}, ${d} March`,
              // Buses of 50 seats, or train cars of 80.
              vehicles: Array.from(
                { length: Math.max(1, Math.ceil(headcount / (kind === 'train' ? 80 : 50))) },
                () => ({
                  kind: kind === 'train' ? 'train car' : 'bus',
                  capacity: kind === 'train' ? 80 : 50,
                }),
              ),
              plannedDepartureAt: departure,
              expectedArrivalAt: day(d, 16),
              reportedHeadcount: headcount,
            }),
          });
          await updateRun(tx, runId, {
            status: 'arrived',
            actualDepartureAt: departure,
            actualArrivalAt: arrival,
            expectedArrivalAt: day(d, 16),
            arrivalMarginMinutes: 120,
            reportedHeadcount: headcount,
          });
          runs += 1;
          evacuated += headcount;
        }
      }
    }

    // A live run today: the demo registrar at Medyka checks these people in.
    const medyka = sites.find((s) => s.name === 'Medyka' && s.countryCode === 'PL');
    if (medyka) {
      const corridorId = randomUUID();
      const hours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
      const lviv: DemoPlace = { name: 'Lviv', pcode: 'UA4606', at: [24.0297, 49.8397] };
      const corridor = CorridorInput.parse({
        name: 'Lviv – Medyka',
        countryCode: 'PL',
        origin: placeInput(lviv, 'UA'),
        destination: { name: 'Medyka', countryCode: 'PL', latitude: 49.8039, longitude: 22.9347 },
        route: {
          type: 'LineString',
          coordinates: [lviv.at, [23.4215, 49.8263], [23.0086, 49.8126], [22.9347, 49.8039]],
        },
        guarantors: ['UNHCR', 'Polish Red Cross'],
        status: 'open',
        windowStart: hours(-3),
        windowEnd: hours(21),
      });
      await insertCorridor(tx, corridorId, { ...corridor, timeZone: KYIV }, coordinator);
      await appendStatusChange(
        tx,
        randomUUID(),
        corridorId,
        { status: 'open', windowStart: corridor.windowStart, windowEnd: corridor.windowEnd },
        coordinator,
        hours(-3),
      );
      const runId = randomUUID();
      await insertRun(tx, {
        id: runId,
        countryCode: 'PL',
        createdBy: coordinator,
        input: EvacuationRunInput.parse({
          corridorId,
          kind: 'bus',
          label: 'Bus 7, Lviv – Medyka',
          destinationSiteId: medyka.id,
          vehicles: [{ kind: 'bus', label: 'BC 4711 AE', capacity: 50 }],
          plannedDepartureAt: hours(-2),
          expectedArrivalAt: hours(3),
        }),
      });
      await updateRun(tx, runId, {
        status: 'departed',
        actualDepartureAt: hours(-2),
        actualArrivalAt: null,
        expectedArrivalAt: hours(3),
        arrivalMarginMinutes: 120,
        reportedHeadcount: null,
      });
      const today = now.toISOString().slice(0, 10);
      const households = demoManifest(random).map((household) => {
        const unaccompanied = unaccompaniedMembers(household.members, today);
        return {
          id: randomUUID(),
          reference: household.reference ?? null,
          members: household.members.map((member, i) => ({
            ...member,
            id: randomUUID(),
            unaccompanied: unaccompanied[i] ?? false,
            sourceLine: null,
          })),
        };
      });
      await insertManifestHouseholds(tx, keyring, runId, households, coordinator);
      manifestPersons = households.reduce((sum, h) => sum + h.members.length, 0);
      written.push({ chain: 'PL', id: corridorId });
      runs += 1;
    }
    const byChain = new Map<string, string[]>();
    for (const { chain, id } of written) {
      byChain.set(chain, [...(byChain.get(chain) ?? []), id]);
    }
    await appendAudit(
      tx,
      [...byChain].map(([chain, corridorIds]) => ({
        ...operatorActor('demo-data'),
        chain,
        action: 'corridor.demo-load',
        resourceType: 'corridor',
        resourceId: null,
        detail: { corridorIds },
      })),
    );
  });
  return { corridors: written.length, runs, evacuated, manifestPersons };
}
