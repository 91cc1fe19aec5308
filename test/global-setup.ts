// Builds the CLI bundle once before the suite, so tests that run the
// `pagevisor` command test the current sources.
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
