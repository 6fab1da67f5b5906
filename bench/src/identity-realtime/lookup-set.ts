/**
 * The persons to index and the registrations to look up, with the truth to score against:
 * re-registrations of indexed people (another clerk's spelling, a typo, a swapped date, taken
 * out of the synthetic population so the index holds the person's other registrations only)
 * and registrations of people the index has never seen (people registered once, that once
 * being the lookup); the generator's twins, namesakes and fathers and sons make them hard.
 */
import { generateSyntheticRegistrations } from '../identity/synthetic-registrations.js';
import type { SyntheticRegistration } from '../identity/synthetic-registrations.js';

export interface Lookup {
  readonly registration: SyntheticRegistration;
  /** Ids of the indexed registrations of the same person; empty for a newcomer. */
  readonly truth: ReadonlySet<string>;
}

export interface LookupSet {
  readonly indexed: readonly SyntheticRegistration[];
  /** Re-registrations and newcomers interleaved, as they would arrive. */
  readonly lookups: readonly Lookup[];
}

export interface LookupSetOptions {
  readonly indexedCount: number;
  readonly lookupCount: number;
  /** Share of lookups that are people the index has never seen. */
  readonly newcomerShare: number;
  readonly seed: number;
}

/**
 * Generates a population, keeps `indexedCount` registrations for the index and sets aside
 * `lookupCount` registrations to look up.
 * @example buildLookupSet({ indexedCount: 1000, lookupCount: 100, newcomerShare: 0.2, seed: 1 }).lookups.length // 100
 */
export function buildLookupSet(options: LookupSetOptions): LookupSet {
  const newcomerCount = Math.round(options.lookupCount * options.newcomerShare);
  const returningCount = options.lookupCount - newcomerCount;
  const population = generateSyntheticRegistrations({
    records: options.indexedCount + options.lookupCount,
    seed: options.seed,
  });
  const byPerson = new Map<string, SyntheticRegistration[]>();
  for (const registration of population) {
    const registrations = byPerson.get(registration.entityId) ?? [];
    registrations.push(registration);
    byPerson.set(registration.entityId, registrations);
  }
  const lookedUp: SyntheticRegistration[] = [];
  const setAside = new Set<string>();
  let [returning, newcomers] = [0, 0];
  // The population is shuffled: the first registrations met are a random choice.
  for (const registration of population) {
    const registrations = byPerson.get(registration.entityId) ?? [];
    if (setAside.has(registration.entityId)) {
      continue;
    }
    if (registrations.length >= 2 && returning < returningCount) {
      returning += 1;
      lookedUp.push(registration);
      setAside.add(registration.entityId);
    } else if (registrations.length === 1 && newcomers < newcomerCount) {
      newcomers += 1;
      lookedUp.push(registration);
      setAside.add(registration.entityId);
    }
  }
  const lookedUpIds = new Set(lookedUp.map(({ id }) => id));
  const indexed = population
    .filter(({ id }) => !lookedUpIds.has(id))
    .slice(0, options.indexedCount);
  const indexedByPerson = new Map<string, Set<string>>();
  for (const { id, entityId } of indexed) {
    const ids = indexedByPerson.get(entityId) ?? new Set<string>();
    ids.add(id);
    indexedByPerson.set(entityId, ids);
  }
  const lookups = lookedUp.map((registration): Lookup => ({
    registration,
    truth: indexedByPerson.get(registration.entityId) ?? new Set<string>(),
  }));
  return { indexed, lookups };
}
