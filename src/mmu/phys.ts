// Physical memory: ONE ArrayBuffer, the machine's RAM.
//
// In native mode this is guest RAM (GPA = HPA). In the hypervisor modes it is host RAM and the CPU
// always accesses it by HPA (the MMU's job is to turn a linear address into an HPA).
// Physical addresses are plain numbers (MAXPHYADDR = 40, so they are exact in a double).
// All accessors are little-endian; 64-bit values travel as two 32-bit halves (lo = bits 31:0,
// hi = bits 63:32), never as BigInt.
//
// An access outside [0, size) never wraps: it throws PhysAccessError, a distinct error type the CPU
// turns into a clean machine stop ("bus error at HPA ...").

/** Thrown for a physical access that is not entirely inside RAM. */
export class PhysAccessError extends Error {
  constructor(
    /** physical address of the first byte */
    readonly addr: number,
    /** access width in bytes */
    readonly width: number,
    readonly write: boolean,
    /** RAM size in bytes, for the message */
    readonly ramSize: number,
  ) {
    super(
      `physical ${write ? 'write' : 'read'} of ${width} byte(s) at 0x${hex(addr)} is outside RAM ` +
        `(0x0..0x${hex(ramSize)})`,
    );
    this.name = 'PhysAccessError';
  }
}

function hex(n: number): string {
  return Number.isFinite(n) && n >= 0 ? n.toString(16) : String(n);
}

export class PhysMem {
  declare readonly buffer: ArrayBuffer;
  declare readonly u8: Uint8Array;
  declare readonly dv: DataView;
  /** size in bytes */
  declare readonly size: number;

  /** @param size RAM size in bytes: a positive multiple of 4096 (at most 2 GiB, an ArrayBuffer limit) */
  constructor(size: number) {
    if (!Number.isInteger(size) || size <= 0 || size % 4096 !== 0 || size > 0x8000_0000) {
      throw new RangeError(`RAM size must be a positive multiple of 4096 up to 2 GiB, got ${size}`);
    }
    this.buffer = new ArrayBuffer(size);
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
    this.size = size;
  }

  /** True when [pa, pa + width) lies inside RAM. NaN and negative addresses are outside. */
  contains(pa: number, width: number): boolean {
    return pa >= 0 && pa + width <= this.size;
  }

  private fail(pa: number, width: number, write: boolean): never {
    throw new PhysAccessError(pa, width, write, this.size);
  }

  read8(pa: number): number {
    if (!(pa >= 0 && pa < this.size)) this.fail(pa, 1, false);
    return this.u8[pa]!;
  }
  read16(pa: number): number {
    if (!(pa >= 0 && pa + 2 <= this.size)) this.fail(pa, 2, false);
    return this.dv.getUint16(pa, true);
  }
  /** unsigned 32-bit read */
  read32(pa: number): number {
    if (!(pa >= 0 && pa + 4 <= this.size)) this.fail(pa, 4, false);
    return this.dv.getUint32(pa, true);
  }
  /** bits 31:0 of the qword at pa (checks the whole qword) */
  read64lo(pa: number): number {
    if (!(pa >= 0 && pa + 8 <= this.size)) this.fail(pa, 8, false);
    return this.dv.getUint32(pa, true);
  }
  /** bits 63:32 of the qword at pa (checks the whole qword) */
  read64hi(pa: number): number {
    if (!(pa >= 0 && pa + 8 <= this.size)) this.fail(pa, 8, false);
    return this.dv.getUint32(pa + 4, true);
  }
  /** Reads the qword at pa into out[i] (lo) and out[i + 1] (hi). */
  read64(pa: number, out: Uint32Array, i = 0): void {
    if (!(pa >= 0 && pa + 8 <= this.size)) this.fail(pa, 8, false);
    out[i] = this.dv.getUint32(pa, true);
    out[i + 1] = this.dv.getUint32(pa + 4, true);
  }

  write8(pa: number, v: number): void {
    if (!(pa >= 0 && pa < this.size)) this.fail(pa, 1, true);
    this.u8[pa] = v;
  }
  write16(pa: number, v: number): void {
    if (!(pa >= 0 && pa + 2 <= this.size)) this.fail(pa, 2, true);
    this.dv.setUint16(pa, v, true);
  }
  write32(pa: number, v: number): void {
    if (!(pa >= 0 && pa + 4 <= this.size)) this.fail(pa, 4, true);
    this.dv.setUint32(pa, v, true);
  }
  write64(pa: number, lo: number, hi: number): void {
    if (!(pa >= 0 && pa + 8 <= this.size)) this.fail(pa, 8, true);
    this.dv.setUint32(pa, lo, true);
    this.dv.setUint32(pa + 4, hi, true);
  }

  /** Copies bytes into RAM (loader helper); checked like any write. */
  load(pa: number, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (!(pa >= 0 && pa + bytes.length <= this.size)) this.fail(pa, bytes.length, true);
    this.u8.set(bytes, pa);
  }
}
