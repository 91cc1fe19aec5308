// The VMM's device model for port I/O exits (what QEMU does with KVM_EXIT_IO), the same devices as
// the native machine (src/cpu/machine.ts, docs/boot.md): port 0xE9 OUT writes a console byte and IN
// reads 0xE9; port 0xF4 OUT (any size) stops the VM with the value as exit code; every other port
// reads all ones and drops writes.

import { PORT_CONSOLE, PORT_EXIT } from '../cpu/machine.js';

export class PortDevices {
  private bytes: number[] = [];
  /** set by an OUT to the exit port */
  exitCode: number | null = null;

  constructor(private readonly consoleLimit = 1 << 20) {}

  /** Returns true when the port is assigned to a device. */
  portIn(port: number, size: number): { value: number; assigned: boolean } {
    if (port === PORT_CONSOLE) return { value: PORT_CONSOLE, assigned: true };
    return { value: size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff, assigned: false };
  }

  portOut(port: number, _size: number, value: number): boolean {
    if (port === PORT_CONSOLE) {
      this.bytes.push(value & 0xff);
      if (this.bytes.length > this.consoleLimit) this.bytes = this.bytes.slice(-this.consoleLimit);
      return true;
    }
    if (port === PORT_EXIT) {
      this.exitCode = value >>> 0;
      return true;
    }
    return false;
  }

  /** Console output as text (Latin-1: one character per byte), as the native machine gives it. */
  get console(): string {
    let s = '';
    for (let i = 0; i < this.bytes.length; i += 8192) s += String.fromCharCode(...this.bytes.slice(i, i + 8192));
    return s;
  }
}
