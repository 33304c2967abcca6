// Seeded randomness with named streams. Each stream's sequence depends only on (seed, name), so a
// new draw in one part of the program never shifts the numbers another part sees. No Math.random.

/** 32-bit FNV-1a hash of a string, used to derive stream seeds from names. */
function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32: spreads a 32-bit seed into well-mixed state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** One stream of pseudo-random numbers (sfc32 generator). The state words are kept as signed int32
 *  (`| 0`): the same bits as uint32, but small integers to V8, so a draw allocates nothing. */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed32: number) {
    const mix = splitmix32(seed32);
    this.a = mix() | 0;
    this.b = mix() | 0;
    this.c = mix() | 0;
    this.d = mix() | 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (this.a + this.b + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  bool(probability = 0.5): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal via Box-Muller (one value per call, deterministic). */
  normal(mean = 0, stddev = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal whose median is `median` and whose log has standard deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** A GUID-shaped string (version-4 layout), e.g. for step and action ids. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const s = hex(this.nextUint32()) + hex(this.nextUint32()) + hex(this.nextUint32()) + hex(this.nextUint32());
    const variant = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }

  /** Fisher-Yates shuffle into a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** A seed plus named, independent streams derived from it. */
export class SeededRandom {
  private readonly streams = new Map<string, RandomStream>();
  /** FNV-1a of the seed's decimal text: the basis every stream name is hashed from. */
  private readonly basis: number;

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
    }
    this.basis = hashString(String(seed));
  }

  /** The stream with this name; the same name always returns the same (stateful) stream. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(hashString(name, this.basis));
      this.streams.set(name, s);
    }
    return s;
  }

  /** A fresh stream for (name, index), independent of how many others were made; e.g. one per target. */
  fork(name: string, index: number): RandomStream {
    return new RandomStream(hashString(`${name}#${index}`, this.basis));
  }
}
