/**
 * A small open-addressing table from feature index to a number, reused across documents: a document
 * costs O(its features) with no sorting and no 2^20-cell scratch array to walk through the cache.
 * Entries come out in insertion order.
 */
export class Counter {
  private keys = new Int32Array(1 << 12);
  private vals = new Float64Array(1 << 12);
  /** Slot s is live when stamp[s] === gen: clearing is one increment. */
  private stamp = new Uint32Array(1 << 12);
  private gen = 1;
  private order = new Int32Array(1 << 11);
  private n = 0;
  private mask = (1 << 12) - 1;

  /** Empties the table, making room for about `expected` distinct keys. */
  reset(expected: number): void {
    let size = this.keys.length;
    if (expected * 2 > size) {
      while (expected * 2 > size) size *= 2;
      this.keys = new Int32Array(size);
      this.vals = new Float64Array(size);
      this.stamp = new Uint32Array(size);
      this.order = new Int32Array(size >> 1);
      this.mask = size - 1;
      this.gen = 0;
    }
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    this.n = 0;
  }

  add(key: number, delta: number): void {
    let s = Math.imul(key, 0x9e3779b1) >>> 0;
    s &= this.mask;
    for (;;) {
      if (this.stamp[s] !== this.gen) {
        if (this.n === this.order.length) {
          // More keys than reset() was told: rehash into a larger table.
          this.growTo(this.keys.length * 2);
          this.add(key, delta);
          return;
        }
        this.stamp[s] = this.gen;
        this.keys[s] = key;
        this.vals[s] = delta;
        this.order[this.n++] = s;
        return;
      }
      if (this.keys[s] === key) {
        this.vals[s] = this.vals[s]! + delta;
        return;
      }
      s = (s + 1) & this.mask;
    }
  }

  get size(): number {
    return this.n;
  }

  /** Visits every entry, in insertion order. */
  forEach(fn: (key: number, value: number) => void): void {
    for (let j = 0; j < this.n; j++) {
      const s = this.order[j]!;
      fn(this.keys[s]!, this.vals[s]!);
    }
  }

  keyAt(j: number): number {
    return this.keys[this.order[j]!]!;
  }

  valueAt(j: number): number {
    return this.vals[this.order[j]!]!;
  }

  private growTo(size: number): void {
    const entries: [number, number][] = [];
    this.forEach((k, v) => entries.push([k, v]));
    this.keys = new Int32Array(size);
    this.vals = new Float64Array(size);
    this.stamp = new Uint32Array(size);
    this.order = new Int32Array(size >> 1);
    this.mask = size - 1;
    this.gen = 1;
    this.n = 0;
    for (const [k, v] of entries) this.add(k, v);
  }
}
