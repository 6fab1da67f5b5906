/**
 * Blocking keys as a pair of 32-bit hashes (FNV-1a with two primes, then mixed), built piece by
 * piece so that a rule with many keys per record (every one-letter deletion of a surname) need
 * not build a string for each. Two keys collide with probability about 2^-64.
 */

/** Builds one key at a time: begin, add its pieces, end (which hands the key over). */
export interface KeyBuilder {
  begin(): void;
  /** Adds the text, leaving out the character at `skipAt` (none when -1). */
  add(text: string, skipAt?: number): void;
  end(): void;
}

/**
 * A builder whose end() calls `onKey` with the key's two hashes.
 * @example createKeyBuilder((high, low) => keys.push([high, low]))
 */
export function createKeyBuilder(onKey: (high: number, low: number) => void): KeyBuilder {
  let h1 = 0;
  let h2 = 0;
  return {
    begin() {
      h1 = 0x811c9dc5;
      h2 = 0x01000193;
    },
    add(text, skipAt = -1) {
      for (let i = 0; i < text.length; i++) {
        if (i === skipAt) {
          continue;
        }
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
    },
    end() {
      let high = h1 ^ (h1 >>> 16);
      high = Math.imul(high, 0x85ebca6b);
      high ^= high >>> 13;
      let low = h2 ^ (h2 >>> 16);
      low = Math.imul(low, 0xc2b2ae35);
      low ^= low >>> 13;
      onKey(high | 0, low | 0);
    },
  };
}
