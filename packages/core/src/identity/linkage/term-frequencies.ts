/**
 * How common each family and given name is among the records (#3 item 3): agreeing on a rare
 * surname is stronger evidence than agreeing on Shevchenko, one of the most common Ukrainian
 * surnames. The Fellegi–Sunter score uses it to adjust u of an agreement (frequency-based
 * matching, as Splink's term-frequency adjustment does).
 */
import { GivenNameContext, type GivenNameReading } from './given-name-context.js';
import type { PreparedRecord } from './person-record.js';

/** Share of records carrying each value of a name, and the share typical of agreeing pairs. */
export interface ValueFrequencies {
  readonly shares: ReadonlyMap<string, number>;
  /**
   * The share of the agreed value averaged over pairs that agree (Σf³/Σf²): two records of
   * different people that agree on a name agree mostly on a common one.
   */
  readonly typicalAgreedShare: number;
}

/** Family names by phonetic key, given names by class (Микола and Николай are one value). */
export interface TermFrequencies {
  readonly givenName: ValueFrequencies;
  readonly familyName: ValueFrequencies;
  /** Given names by birth decade and by sex; without it, names are weighed over the register. */
  readonly givenNameContext?: GivenNameReading | undefined;
}

function valueFrequencies(keys: readonly string[]): ValueFrequencies {
  const counts = new Map<string, number>();
  const present = keys.filter((key) => key !== '');
  for (const key of present) {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const shares = new Map([...counts].map(([key, count]) => [key, count / present.length]));
  let squares = 0;
  let cubes = 0;
  for (const share of shares.values()) {
    squares += share ** 2;
    cubes += share ** 3;
  }
  return { shares, typicalAgreedShare: squares > 0 ? cubes / squares : 0 };
}

/**
 * Counts how often each family name and given name occurs among the records.
 * @example countTermFrequencies(records).familyName.shares.get('SEVSENKO') // 0.05 when 1 in 20 is a Shevchenko
 */
export function countTermFrequencies(records: readonly PreparedRecord[]): TermFrequencies {
  const givenNameContext = new GivenNameContext();
  for (const record of records) {
    givenNameContext.add(record);
  }
  return {
    givenName: valueFrequencies(records.map((record) => record.givenClass)),
    familyName: valueFrequencies(records.map((record) => record.familyPhonetic)),
    givenNameContext,
  };
}
