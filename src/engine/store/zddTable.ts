// The trace's zone_device_data strings. They are many (one per page a device holds) and travel
// unchanged from record to record of the same frame, so each frame remembers its last one and
// its id: a new id is taken once per allocation of another string, not on every lock, unlock
// and put. The strings have a table of their own, not the interner: one met again in another
// frame just gets a second id (ids are only read back as strings), and no hash map grows per
// page.
export class ZddTable {
  private readonly frameZdd: (string | undefined)[][] = [];
  private readonly frameZddId: number[][] = [];
  // Stryker disable next-line ArrayDeclaration: ids are only read back through at(), which a leading entry shifts along with them
  private readonly zdds: string[] = [];

  /** The id of `zdd` in device `dev`'s `frame` (ids start at 1; 0 stands for null). */
  id(zdd: string, dev: number, frame: number): number {
    // One array per device: frames are handed out lowest first, so each grows densely.
    // Stryker disable next-line ArrayDeclaration: a leading entry is no zdd string, so that frame's first lookup misses as on an empty array
    const known = (this.frameZdd[dev] ??= []);
    const ids = (this.frameZddId[dev] ??= []);
    if (known[frame] !== zdd) {
      known[frame] = zdd;
      ids[frame] = this.zdds.push(zdd);
    }
    return ids[frame];
  }

  at(id: number): string | null {
    return id === 0 ? null : this.zdds[id - 1];
  }
}
