// `pagevisor asm FILE`: assemble to a flat binary, optionally with a listing.
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assemble } from '../asm/assemble.js';
import { formatDiagnostic } from '../asm/diagnostics.js';
import { formatListing } from '../asm/listing.js';
import { parseDefines, collect } from './options.js';

export function registerAsm(program: Command) {
  program
    .command('asm')
    .description('assemble a NASM-syntax guest program into a flat binary (byte-identical to nasm -f bin)')
    .argument('<file>', 'assembly source (.asm)')
    .option('-o, --output <file>', 'output binary (default: FILE with .bin)')
    .option('-l, --listing <file>', 'write a listing in the shape of nasm -l ("-" for standard output)')
    .option('-D, --define <name[=value]>', 'define a preprocessor macro (repeatable)', collect, [])
    .option('-I, --include <dir>', 'add a directory to the %include/incbin search path (repeatable)', collect, [])
    .action((file: string, opts: { output?: string; listing?: string; define: string[]; include: string[] }) => {
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (e) {
        console.error(`pagevisor asm: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? e}`);
        process.exit(2);
      }
      const defines = parseDefines(opts.define);
      if (typeof defines === 'string') {
        console.error(`pagevisor asm: ${defines}`);
        process.exit(2);
      }
      // NASM searches the working directory and -I; the source's own directory comes last, so
      // guests that include their library (guests/lib/pv.inc) assemble from anywhere.
      const result = assemble(source, { file, defines, includePaths: [...opts.include, dirname(file) + '/'] });
      for (const d of result.diagnostics) console.error(formatDiagnostic(d));
      if (!result.ok) {
        const n = result.diagnostics.filter((d) => d.severity === 'error').length;
        console.error(`pagevisor asm: ${n} error${n === 1 ? '' : 's'}, nothing written`);
        process.exit(1);
      }
      const out = opts.output ?? file.replace(/\.(asm|s|nasm)$/i, '') + '.bin';
      try {
        writeFileSync(out, result.bytes);
        if (opts.listing) {
          const listing = formatListing(result, file, source.split(/\r?\n/));
          if (opts.listing === '-') process.stdout.write(listing);
          else writeFileSync(opts.listing, listing);
        }
      } catch (e) {
        console.error(`pagevisor asm: cannot write output: ${(e as Error).message}`);
        process.exit(2);
      }
      if (opts.listing !== '-') console.error(`${out}: ${result.bytes.length} bytes at origin 0x${result.origin.toString(16)}`);
    });
}
