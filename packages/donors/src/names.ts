/** A small append-only dictionary of names (registries, populations) to integer ids. */
export class NameTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[];
  /** @param reserved names taking the first ids (e.g. '' for "none") */
  constructor(initial: readonly string[] = []) {
    this.names = [];
    for (const n of initial) this.id(n);
  }
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      if (id > 0xffff) throw new Error(`more than 65,536 distinct names (${name})`);
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  get(name: string): number | undefined {
    return this.ids.get(name);
  }
  name(id: number): string {
    return this.names[id] ?? '';
  }
}
