import type { RegistrationInput, Site } from '@haven/contract';
import type { ArrivalMode, ConsentPurpose, SiteKind } from '@haven/core';
import type { z } from 'zod';
import { drawHousehold } from './demo/household.js';
import { pickOrigin } from './demo/origins.js';
import { createRandom, type Random } from './demo/random.js';
import { HOST_COUNTRY_WEIGHTS, REGISTRARS } from './demo/sites.js';

export { DEMO_SITES, type DemoSite } from './demo/sites.js';
export { createRandom, type Random } from './demo/random.js';

/** A registration request body as a client sends it (JSON-ready; the contract parses it). */
/** A registration as a client would send it, with the name of the clerk who recorded it. */
export type DemoRegistration = z.input<typeof RegistrationInput> & { readonly registrar: string };

/** Where demo households are registered: existing sites, chosen by host country and kind. */
export type DemoSiteRef = Pick<Site, 'id' | 'countryCode' | 'kind'>;

export interface DemoDataOptions {
  readonly seed: number;
  readonly households: number;
  readonly sites: readonly DemoSiteRef[];
}

const DAY_MS = 86_400_000;
const FIRST_DAY_MS = Date.UTC(2022, 1, 24); // 24 February 2022, the day of the invasion
const LAST_DAY_OFFSET = 96; // 31 May 2022

const ARRIVAL_MODES_BY_KIND: Readonly<
  Record<SiteKind, readonly (readonly [ArrivalMode, number])[]>
> = {
  'border-crossing': [
    ['on-foot', 30],
    ['car', 25],
    ['bus', 25],
    ['train', 10],
    ['evacuation-convoy', 8],
    ['other', 2],
  ],
  'reception-centre': [
    ['train', 45],
    ['bus', 30],
    ['car', 15],
    ['evacuation-convoy', 5],
    ['on-foot', 3],
    ['other', 2],
  ],
  'registration-office': [
    ['train', 35],
    ['bus', 25],
    ['car', 30],
    ['other', 10],
  ],
};

// People arrive at a border crossing on foot: the sites there carry the most registrations.
const KIND_WEIGHTS: Readonly<Record<SiteKind, number>> = {
  'border-crossing': 3,
  'reception-centre': 1.5,
  'registration-office': 1,
};

const OPTIONAL_PURPOSES: readonly (readonly [ConsentPurpose, number])[] = [
  ['sharing-with-partners', 0.8],
  ['contact', 0.7],
  ['family-tracing', 0.3],
];

/**
 * Fictional registrations of spring 2022, the same for the same seed and sites: households of
 * 1–6 people with Ukrainian names, partial birth dates, documents, UNHCR specific needs and consent.
 * @example generateDemoRegistrations({ seed: 2022, households: 300, sites })
 */
export function* demoRegistrations(options: DemoDataOptions): Generator<DemoRegistration> {
  if (options.sites.length === 0) {
    throw new RangeError('Demo registrations need at least one site');
  }
  const random = createRandom(options.seed);
  const siteWeights = options.sites.map(
    (site) =>
      [site, (HOST_COUNTRY_WEIGHTS[site.countryCode] ?? 0.05) * KIND_WEIGHTS[site.kind]] as const,
  );
  for (let i = 0; i < options.households; i++) {
    yield drawRegistration(random, random.weighted(siteWeights));
  }
}

export function generateDemoRegistrations(options: DemoDataOptions): DemoRegistration[] {
  return [...demoRegistrations(options)];
}

function drawRegistration(random: Random, site: DemoSiteRef): DemoRegistration {
  // Arrivals peaked in the first two weeks of March 2022 and fell off through the spring.
  const dayOffset = Math.floor(-Math.log(1 - random.next()) * 20) % (LAST_DAY_OFFSET + 1);
  const registeredAtMs = FIRST_DAY_MS + dayOffset * DAY_MS + random.int(5 * 3600, 21 * 3600) * 1000;
  const registeredAt = new Date(registeredAtMs).toISOString();
  const registrationDay = registeredAt.slice(0, 10);
  const arrivalDate = drawArrivalDate(random, site.kind, registeredAtMs);
  const purposes: ConsentPurpose[] = [
    'registration',
    ...OPTIONAL_PURPOSES.filter(([, probability]) => random.chance(probability)).map(
      ([purpose]) => purpose,
    ),
  ];
  return {
    siteId: site.id,
    registeredAt,
    registrar: random.pick(REGISTRARS[site.countryCode] ?? ['Registrar']),
    originPcode: pickOrigin(random, site.countryCode),
    arrivalMode: random.weighted(ARRIVAL_MODES_BY_KIND[site.kind]),
    ...(arrivalDate === undefined ? {} : { arrivalDate }),
    household: { members: drawHousehold(random, registrationDay) },
    consent: {
      purposes,
      givenByMember: 0,
      method: random.weighted([
        ['verbal', 60],
        ['signed', 35],
        ['electronic', 5],
      ] as const),
    },
  };
}

/** At a crossing people register the day they arrive; inland, a few days later. Sometimes not recorded. */
function drawArrivalDate(
  random: Random,
  kind: SiteKind,
  registeredAtMs: number,
): string | undefined {
  const isRecorded = random.chance(kind === 'border-crossing' ? 0.9 : 0.85);
  const daysBefore = kind === 'border-crossing' ? 0 : random.int(0, 5);
  const arrivedMs = Math.max(FIRST_DAY_MS, registeredAtMs - daysBefore * DAY_MS);
  return isRecorded ? new Date(arrivedMs).toISOString().slice(0, 10) : undefined;
}
