/**
 * The blocks of the real-time match index (#3 item 4): for each blocking key, the records that
 * carry it. A million persons carry about twenty million keys, several million of them distinct;
 * a Map of strings to arrays would hold a few hundred bytes per key and V8 refuses a Map above
 * 2^24 entries. Here a key is a 64-bit hash in an open-addressing table and each block is a
 * linked list in typed arrays: about 32 bytes per distinct key and 8 per (key, record).
 * Two distinct keys meet in one block only if both 32-bit hashes agree (odds ~10⁻⁶ at a million
 * persons), which merely adds a candidate to a lookup: every candidate is compared anyway.
 */

/** A cell is four int32 side by side, so that a probe touches one cache line. */
const CELL = 4;
const [HASH_A, HASH_B, HEAD, SIZE] = [0, 1, 2, 3];
/** Marks a cell that never held a key; a key whose block emptied keeps its cell. */
const UNUSED = -2;
/** Ends a block's list, and marks a key whose block is empty. */
const END = -1;
const INITIAL_CELLS = 1 << 10;
/** Share of cells in use above which the table is rebuilt (to at most half in use). */
const MAX_LOAD = 0.7;
const INITIAL_ENTRIES = 1 << 12;

/**
 * Two 32-bit hashes of a key in one pass (FNV-1a from two bases), the rule's number mixed
 * into both so that keys of different rules never share a block.
 */
function hashesOf(rule: number, key: string, into: Int32Array): void {
  let a = Math.imul(0x811c9dc5 ^ rule, 0x01000193);
  let b = Math.imul(0x9e3779b9 ^ rule, 0x000193a7);
  for (let at = 0; at < key.length; at++) {
    const code = key.charCodeAt(at);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x000193a7);
  }
  // A final mix, since the table reads the low bits and FNV leaves them weakest.
  a ^= a >>> 15;
  a = Math.imul(a, 0x2c1b3c6d);
  into[0] = a ^ (a >>> 12);
  b ^= b >>> 16;
  b = Math.imul(b, 0x297a2d39);
  into[1] = b ^ (b >>> 15);
}

function newCells(count: number): Int32Array<ArrayBuffer> {
  const cells = new Int32Array(count * CELL);
  for (let cell = 0; cell < count; cell++) {
    cells[cell * CELL + HEAD] = UNUSED;
  }
  return cells;
}

function grown(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}

/** Blocking keys, each under the number of its rule, to the records (small integers) that carry them. */
export class BlockTable {
  #cells = newCells(INITIAL_CELLS);
  #cellCount = INITIAL_CELLS;
  #usedCells = 0;
  #entryMember = new Int32Array(INITIAL_ENTRIES);
  #entryNext = new Int32Array(INITIAL_ENTRIES);
  #entryCount = 0;
  /** Entries freed by removal, chained through #entryNext. */
  #freeEntry = END;
  readonly #hashes = new Int32Array(2);

  /** Pairs of (key, member) held. */
  get entryCount(): number {
    return this.#entryCount;
  }

  /** Bytes held by the typed arrays. */
  get byteLength(): number {
    return this.#cells.byteLength + this.#entryMember.byteLength + this.#entryNext.byteLength;
  }

  /**
   * Makes room for this many (key, member) pairs and, when given, this many distinct keys, so
   * that a bulk load does not copy the entries again and again as they grow, nor rebuild the
   * table of keys midway.
   */
  reserve(entryCount: number, keyCount = 0): void {
    const length = this.#entryMember.length;
    if (entryCount > length) {
      // Still geometric: loads in chunks would otherwise copy everything once per chunk.
      const next = Math.max(entryCount, Math.ceil(length * 1.5));
      this.#entryMember = grown(this.#entryMember, next);
      this.#entryNext = grown(this.#entryNext, next);
    }
    if (keyCount / this.#cellCount > MAX_LOAD) {
      this.#rehash(keyCount / MAX_LOAD);
    }
  }

  /** Puts a member in the key's block; the caller adds a member to a block at most once. */
  add(rule: number, key: string, member: number): void {
    const at = this.#cellFor(rule, key, true) * CELL;
    let entry = this.#freeEntry;
    if (entry === END) {
      entry = this.#entryCount;
      if (entry === this.#entryMember.length) {
        this.#entryMember = grown(this.#entryMember, Math.ceil(entry * 1.5));
        this.#entryNext = grown(this.#entryNext, Math.ceil(entry * 1.5));
      }
    } else {
      this.#freeEntry = this.#entryNext[entry] ?? END;
    }
    const cells = this.#cells;
    this.#entryCount += 1;
    this.#entryMember[entry] = member;
    this.#entryNext[entry] = cells[at + HEAD] ?? END;
    cells[at + HEAD] = entry;
    cells[at + SIZE] = (cells[at + SIZE] ?? 0) + 1;
  }

  /** Takes a member out of the key's block; false when it was not there. */
  remove(rule: number, key: string, member: number): boolean {
    const cell = this.#cellFor(rule, key, false);
    if (cell === END) {
      return false;
    }
    const at = cell * CELL;
    const cells = this.#cells;
    let previous = END;
    for (let entry = cells[at + HEAD] ?? END; entry !== END;) {
      const next = this.#entryNext[entry] ?? END;
      if (this.#entryMember[entry] === member) {
        if (previous === END) {
          cells[at + HEAD] = next;
        } else {
          this.#entryNext[previous] = next;
        }
        this.#entryNext[entry] = this.#freeEntry;
        this.#freeEntry = entry;
        this.#entryCount -= 1;
        cells[at + SIZE] = (cells[at + SIZE] ?? 1) - 1;
        return true;
      }
      previous = entry;
      entry = next;
    }
    return false;
  }

  /** The key's block as a handle for sizeOf and forEachMember, or -1 when it has none. */
  find(rule: number, key: string): number {
    return this.#cellFor(rule, key, false);
  }

  sizeOf(block: number): number {
    return this.#cells[block * CELL + SIZE] ?? 0;
  }

  forEachMember(block: number, visit: (member: number) => void): void {
    const [members, next] = [this.#entryMember, this.#entryNext];
    for (let entry = this.#cells[block * CELL + HEAD] ?? END; entry >= 0;) {
      visit(members[entry] ?? 0);
      entry = next[entry] ?? END;
    }
  }

  /** The key's cell, created when asked; END when absent and not created. */
  #cellFor(rule: number, key: string, isCreated: boolean): number {
    hashesOf(rule, key, this.#hashes);
    const [hashA, hashB] = [this.#hashes[0] ?? 0, this.#hashes[1] ?? 0];
    let cells = this.#cells;
    let mask = this.#cellCount - 1;
    let cell = hashA & mask;
    for (;;) {
      const at = cell * CELL;
      if (cells[at + HEAD] === UNUSED) {
        break;
      }
      if (cells[at + HASH_A] === hashA && cells[at + HASH_B] === hashB) {
        return cell;
      }
      cell = (cell + 1) & mask;
    }
    if (!isCreated) {
      return END;
    }
    if ((this.#usedCells + 1) / this.#cellCount > MAX_LOAD) {
      this.#rehash(0);
      cells = this.#cells;
      mask = this.#cellCount - 1;
      cell = hashA & mask;
      while (cells[cell * CELL + HEAD] !== UNUSED) {
        cell = (cell + 1) & mask;
      }
    }
    this.#usedCells += 1;
    const at = cell * CELL;
    cells[at + HASH_A] = hashA;
    cells[at + HASH_B] = hashB;
    cells[at + HEAD] = END;
    cells[at + SIZE] = 0;
    return cell;
  }

  /**
   * Moves the non-empty blocks into a table sized for them (and for at least minCells cells);
   * empty blocks are dropped here.
   */
  #rehash(minCells: number): void {
    const [from, fromCount] = [this.#cells, this.#cellCount];
    let live = 0;
    for (let cell = 0; cell < fromCount; cell++) {
      live += (from[cell * CELL + SIZE] ?? 0) > 0 ? 1 : 0;
    }
    let count = INITIAL_CELLS;
    while (count < (live + 1) * 2 || count < minCells) {
      count *= 2;
    }
    const mask = count - 1;
    const cells = newCells(count);
    for (let source = 0; source < fromCount; source++) {
      const head = from[source * CELL + HEAD] ?? UNUSED;
      if (head < 0) {
        continue;
      }
      const hashA = from[source * CELL + HASH_A] ?? 0;
      let cell = hashA & mask;
      while (cells[cell * CELL + HEAD] !== UNUSED) {
        cell = (cell + 1) & mask;
      }
      const at = cell * CELL;
      cells[at + HASH_A] = hashA;
      cells[at + HASH_B] = from[source * CELL + HASH_B] ?? 0;
      cells[at + HEAD] = head;
      cells[at + SIZE] = from[source * CELL + SIZE] ?? 0;
    }
    this.#cells = cells;
    this.#cellCount = count;
    this.#usedCells = live;
  }
}
