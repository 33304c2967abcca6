import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../harness/core/random.js';

const draw = (r: SeededRandom, name: string, n: number) => Array.from({ length: n }, () => r.stream(name).nextUint32());

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and stream name', () => {
    expect(draw(new SeededRandom(42), 'fleet', 5)).toEqual(draw(new SeededRandom(42), 'fleet', 5));
  });

  it('gives a different sequence for another seed', () => {
    expect(draw(new SeededRandom(42), 'fleet', 5)).not.toEqual(draw(new SeededRandom(43), 'fleet', 5));
  });

  it('keeps named streams independent: draws on one never shift another', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    draw(a, 'noise', 1000);
    expect(draw(a, 'fixture', 5)).toEqual(draw(b, 'fixture', 5));
  });

  it('forks per index independently of creation order', () => {
    const r = new SeededRandom(9);
    const third = r.fork('target', 3).nextUint32();
    r.fork('target', 1).nextUint32();
    expect(new SeededRandom(9).fork('target', 3).nextUint32()).toBe(third);
    expect(r.fork('target', 4).nextUint32()).not.toBe(third);
  });

  it('keeps int() within inclusive bounds and hits both ends', () => {
    const s = new SeededRandom(1).stream('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = s.int(3, 6);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('makes GUID-shaped version-4 ids', () => {
    const id = new SeededRandom(5).stream('ids').uuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('rejects seeds outside 32 bits', () => {
    expect(() => new SeededRandom(-1)).toThrow(RangeError);
    expect(() => new SeededRandom(2 ** 32)).toThrow(RangeError);
    expect(() => new SeededRandom(1.5)).toThrow(RangeError);
  });
});
