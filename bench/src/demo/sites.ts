import type { SiteInput } from '@haven/contract';
import type { z } from 'zod';

export type DemoSite = z.input<typeof SiteInput>;

/**
 * Border crossings and reception points used in 2022, with approximate real coordinates
 * (WGS 84, to about 1 km). The crossings are named after the host-country side.
 */
export const DEMO_SITES: readonly DemoSite[] = [
  {
    name: 'Medyka',
    countryCode: 'PL',
    kind: 'border-crossing',
    latitude: 49.8039,
    longitude: 22.9347,
  },
  {
    name: 'Dorohusk',
    countryCode: 'PL',
    kind: 'border-crossing',
    latitude: 51.1658,
    longitude: 23.8045,
  },
  {
    name: 'Hrebenne',
    countryCode: 'PL',
    kind: 'border-crossing',
    latitude: 50.257,
    longitude: 23.576,
  },
  {
    name: 'Korczowa',
    countryCode: 'PL',
    kind: 'border-crossing',
    latitude: 49.9575,
    longitude: 23.0869,
  },
  {
    name: 'Przemyśl Główny station',
    countryCode: 'PL',
    kind: 'reception-centre',
    latitude: 49.7838,
    longitude: 22.7762,
  },
  {
    name: 'Kraków registration office',
    countryCode: 'PL',
    kind: 'registration-office',
    latitude: 50.0614,
    longitude: 19.9366,
  },
  {
    name: 'Warsaw — Ptak Expo',
    countryCode: 'PL',
    kind: 'reception-centre',
    latitude: 52.0985,
    longitude: 20.8046,
  },
  { name: 'Siret', countryCode: 'RO', kind: 'border-crossing', latitude: 47.97, longitude: 26.05 },
  {
    name: 'Isaccea',
    countryCode: 'RO',
    kind: 'border-crossing',
    latitude: 45.2697,
    longitude: 28.4592,
  },
  {
    name: 'Suceava reception centre',
    countryCode: 'RO',
    kind: 'reception-centre',
    latitude: 47.6514,
    longitude: 26.2556,
  },
  {
    name: 'Bucharest — Romexpo',
    countryCode: 'RO',
    kind: 'reception-centre',
    latitude: 44.4768,
    longitude: 26.0612,
  },
  {
    name: 'Záhony',
    countryCode: 'HU',
    kind: 'border-crossing',
    latitude: 48.4058,
    longitude: 22.1758,
  },
  {
    name: 'Beregsurány',
    countryCode: 'HU',
    kind: 'border-crossing',
    latitude: 48.164,
    longitude: 22.547,
  },
  {
    name: 'Budapest — Nyugati station',
    countryCode: 'HU',
    kind: 'reception-centre',
    latitude: 47.5107,
    longitude: 19.056,
  },
  {
    name: 'Vyšné Nemecké',
    countryCode: 'SK',
    kind: 'border-crossing',
    latitude: 48.666,
    longitude: 22.26,
  },
  { name: 'Ubľa', countryCode: 'SK', kind: 'border-crossing', latitude: 48.908, longitude: 22.4 },
  {
    name: 'Košice registration office',
    countryCode: 'SK',
    kind: 'registration-office',
    latitude: 48.7164,
    longitude: 21.2611,
  },
  { name: 'Palanca', countryCode: 'MD', kind: 'border-crossing', latitude: 46.41, longitude: 30.1 },
  {
    name: 'Otaci',
    countryCode: 'MD',
    kind: 'border-crossing',
    latitude: 48.4306,
    longitude: 27.7931,
  },
  {
    name: 'Chișinău — Moldexpo',
    countryCode: 'MD',
    kind: 'reception-centre',
    latitude: 47.0189,
    longitude: 28.838,
  },
];

/** Rough share of registrations per host country in spring 2022 (UNHCR ODP border-crossing series). */
export const HOST_COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
  PL: 0.58,
  RO: 0.14,
  HU: 0.1,
  SK: 0.07,
  MD: 0.11,
};

/** Fictional registrars: staff and volunteers of each host country. */
export const REGISTRARS: Readonly<Record<string, readonly string[]>> = {
  PL: [
    'Anna Nowak',
    'Piotr Kowalski',
    'Katarzyna Wiśniewska',
    'Tomasz Wójcik',
    'Magdalena Kamińska',
  ],
  RO: ['Ioana Popescu', 'Andrei Ionescu', 'Elena Dumitru', 'Mihai Stan'],
  HU: ['Katalin Nagy', 'Zoltán Kovács', 'Eszter Szabó'],
  SK: ['Jana Horváthová', 'Martin Kováč', 'Lucia Vargová'],
  MD: ['Ana Rusu', 'Ion Ceban', 'Natalia Cojocaru'],
};
