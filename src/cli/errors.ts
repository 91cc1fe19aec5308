// A user's mistake on the command line: one line naming the problem, exit 2.
export function fail(message: string): never {
  console.error(`pagevisor: ${message}`);
  process.exit(2);
}
