/**
 * A remembered small value (a comparison level) per ordered pair of ids, in typed arrays with
 * open addressing: millions of entries without a JavaScript object each, so the garbage
 * collector never walks them. When full it forgets everything and starts again, which keeps
 * memory fixed; the values are cheap to recompute.
 */
export interface PairMemo {
  /** The value remembered for (a, b), or -1. */
  get(a: number, b: number): number;
  set(a: number, b: number, value: number): void;
}

/**
 * @example const memo = createPairMemo(1 << 20); memo.set(3, 7, 2); memo.get(3, 7) // 2
 */
export function createPairMemo(capacity: number): PairMemo {
  let size = 1;
  while (size < capacity * 2) {
    size *= 2;
  }
  const mask = size - 1;
  const firsts = new Int32Array(size).fill(-1);
  const seconds = new Int32Array(size);
  const values = new Int8Array(size);
  let count = 0;
  const slotOf = (a: number, b: number): number => {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    let slot = h & mask;
    while (firsts[slot] !== -1 && (firsts[slot] !== a || seconds[slot] !== b)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  };
  return {
    get(a, b) {
      const slot = slotOf(a, b);
      return firsts[slot] === -1 ? -1 : (values[slot] ?? -1);
    },
    set(a, b, value) {
      if (count >= capacity) {
        firsts.fill(-1);
        count = 0;
      }
      const slot = slotOf(a, b);
      if (firsts[slot] === -1) {
        count += 1;
      }
      firsts[slot] = a;
      seconds[slot] = b;
      values[slot] = value;
    },
  };
}
