// A binary min-heap of events by time. Ties break by insertion order, so the output order is deterministic.

interface Entry<T> {
  at: number
  seq: number
  value: T
}

export class TimeHeap<T> {
  private readonly items: Entry<T>[] = []
  private seq = 0

  get size(): number {
    return this.items.length
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.items[0]?.at ?? Infinity
  }

  push(at: number, value: T): void {
    this.items.push({ at, seq: this.seq++, value })
    this.up(this.items.length - 1)
  }

  pop(): T | undefined {
    const top = this.items[0]
    const last = this.items.pop()
    if (top === undefined || last === undefined) return undefined
    if (this.items.length > 0) {
      this.items[0] = last
      this.down(0)
    }
    return top.value
  }

  private less(i: number, j: number): boolean {
    const a = this.items[i] as Entry<T>
    const b = this.items[j] as Entry<T>
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }

  private swap(i: number, j: number): void {
    const tmp = this.items[i] as Entry<T>
    this.items[i] = this.items[j] as Entry<T>
    this.items[j] = tmp
  }

  private up(i: number): void {
    for (let child = i; child > 0; ) {
      const parent = (child - 1) >> 1
      if (!this.less(child, parent)) return
      this.swap(child, parent)
      child = parent
    }
  }

  private down(i: number): void {
    for (let parent = i; ; ) {
      const left = 2 * parent + 1
      const right = left + 1
      let smallest = parent
      if (left < this.items.length && this.less(left, smallest)) smallest = left
      if (right < this.items.length && this.less(right, smallest)) smallest = right
      if (smallest === parent) return
      this.swap(parent, smallest)
      parent = smallest
    }
  }
}
