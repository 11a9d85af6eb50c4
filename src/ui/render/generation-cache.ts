/**
 * A memo with a bounded size and no bookkeeping per hit: entries live in the current
 * generation; when it is full it becomes the old one (the one before is dropped), and an old
 * entry that is used again moves to the current one. What a frame still uses survives; what
 * scrolled away is forgotten within two generations.
 */
export class GenerationCache<K, V> {
  private current = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, make: (key: K) => V): V {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const value = this.old.get(key) ?? make(key);
    if (this.current.size >= this.limit) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return value;
  }
}
