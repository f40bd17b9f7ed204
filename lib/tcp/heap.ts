/**
 * Binary min-heap ordered by (t, n): simulated time, then insertion order, so events at the
 * same instant run first-in first-out (deterministic ties).
 */
export type HeapItem = { t: number; n: number };

export class Heap<T extends HeapItem> {
  private a: T[] = [];

  get size(): number {
    return this.a.length;
  }

  peek(): T | undefined {
    return this.a[0];
  }

  push(item: T): void {
    const a = this.a;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as T;
      if (parent.t < item.t || (parent.t === item.t && parent.n < item.n)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    const n = a.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let child = a[l] as T;
      if (r < n) {
        const right = a[r] as T;
        if (right.t < child.t || (right.t === child.t && right.n < child.n)) {
          c = r;
          child = right;
        }
      }
      if (last.t < child.t || (last.t === child.t && last.n < child.n)) break;
      a[i] = child;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
