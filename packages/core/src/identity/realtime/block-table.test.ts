import { describe, expect, it } from 'vitest';
import { BlockTable } from './block-table.js';

const membersOf = (table: BlockTable, key: string): number[] => {
  const members: number[] = [];
  const block = table.find(0, key);
  if (block !== -1) {
    table.forEachMember(block, (member) => members.push(member));
  }
  return members.sort((a, b) => a - b);
};

describe('BlockTable', () => {
  it('lists the members of a key and nothing for an unknown key', () => {
    const table = new BlockTable();
    table.add(0, 'SEVSENKO|1980', 1);
    table.add(0, 'SEVSENKO|1980', 7);
    table.add(0, 'KOVALENKO|1980', 2);
    expect(membersOf(table, 'SEVSENKO|1980')).toEqual([1, 7]);
    expect(table.sizeOf(table.find(0, 'SEVSENKO|1980'))).toBe(2);
    expect(table.find(0, 'SEVSENKO|1981')).toBe(-1);
    expect(table.entryCount).toBe(3);
  });

  it('keeps the same key of two rules apart', () => {
    const table = new BlockTable();
    table.add(0, 'SEVSENKO', 1);
    table.add(1, 'SEVSENKO', 2);
    expect(table.sizeOf(table.find(0, 'SEVSENKO'))).toBe(1);
    expect(table.sizeOf(table.find(1, 'SEVSENKO'))).toBe(1);
  });

  it('takes a member out of one block only', () => {
    const table = new BlockTable();
    table.add(0, 'a', 1);
    table.add(0, 'a', 2);
    table.add(0, 'b', 1);
    expect(table.remove(0, 'a', 1)).toBe(true);
    expect(table.remove(0, 'a', 1)).toBe(false);
    expect(table.remove(0, 'c', 1)).toBe(false);
    expect(membersOf(table, 'a')).toEqual([2]);
    expect(membersOf(table, 'b')).toEqual([1]);
    expect(table.entryCount).toBe(2);
  });

  it('keeps every block through growth, reuse of freed entries and rebuilds', () => {
    const table = new BlockTable();
    const expected = new Map<string, number[]>();
    for (let member = 0; member < 30_000; member++) {
      for (const key of [`k${String(member % 5000)}`, `even${String(member % 2)}`]) {
        table.add(0, key, member);
        const members = expected.get(key) ?? [];
        members.push(member);
        expected.set(key, members);
      }
      // Blocks that empty and never come back are dropped when the table is rebuilt.
      table.add(0, `once${String(member)}`, member);
      table.remove(0, `once${String(member)}`, member);
    }
    expect(table.entryCount).toBe(60_000);
    for (const [key, members] of expected) {
      expect(membersOf(table, key)).toEqual(members);
    }
    expect(table.find(0, 'once12')).toBe(-1);
  });

  it('grows no array while filling the room reserved for it, and keeps what it held', () => {
    const table = new BlockTable();
    table.add(0, 'early', 1);
    // 20 000 keys of 2 members each: reserved at once, before the keys come in.
    table.reserve(40_001, 20_001);
    const reservedBytes = table.byteLength;
    for (let member = 0; member < 40_000; member++) {
      table.add(0, `k${String(member % 20_000)}`, member);
    }
    expect(table.byteLength).toBe(reservedBytes);
    expect(membersOf(table, 'early')).toEqual([1]);
    expect(membersOf(table, 'k7')).toEqual([7, 20_007]);
  });
});
