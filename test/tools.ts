// Oracles the tests compare against (nasm, objdump, qemu). On a developer's
// machine a missing tool skips its tests with a visible message; in CI
// (PAGEVISOR_REQUIRE_TOOLS=1) a missing tool fails them instead.
import { execFileSync } from 'node:child_process';

const cache = new Map<string, boolean>();

export function hasTool(name: string): boolean {
  let ok = cache.get(name);
  if (ok === undefined) {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      ok = true;
    } catch {
      ok = false;
    }
    cache.set(name, ok);
  }
  return ok;
}

export const toolsRequired = process.env.PAGEVISOR_REQUIRE_TOOLS === '1';

/**
 * Whether tests needing `name` should be skipped. Throws when the tool is
 * missing but required, so the suite fails loudly instead of skipping.
 */
export function skipWithout(name: string): boolean {
  if (hasTool(name)) return false;
  if (toolsRequired) throw new Error(`${name} is required (PAGEVISOR_REQUIRE_TOOLS=1) but not installed`);
  console.warn(`[pagevisor] skipping tests that need '${name}': not installed (apt-get install ${name === 'objdump' ? 'binutils' : name})`);
  return true;
}
