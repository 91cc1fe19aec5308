// pagevisor's command line. Each subcommand lives in its own file.
import { Command } from 'commander';
import { registerAsm } from './asm.js';
import { registerRun } from './run.js';
import { registerWalk } from './walk.js';
import { registerInspect } from './inspect.js';
import { registerStat } from './stat.js';
import { registerTrace } from './trace.js';
import { registerCompare } from './compare.js';
import { eptLargeArgv } from './machine-options.js';

const program = new Command();
program
  .name('pagevisor')
  .description('A mini x86-64 machine with a hypervisor layer: watch shadow paging and EPT work')
  .version('0.1.0')
  .showSuggestionAfterError(true)
  // A usage mistake exits with status 2 (commander's default is 1, which is
  // also what a guest may return).
  .exitOverride((err) => {
    process.exit(err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2);
  });

registerAsm(program);
registerRun(program);
registerWalk(program);
registerInspect(program);
registerStat(program);
registerTrace(program);
registerCompare(program);

program.parseAsync(eptLargeArgv(process.argv)).catch((e: unknown) => {
  // Only a bug in pagevisor gets here; a user's mistake is reported where it happens.
  console.error(`pagevisor: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(70);
});
