/**
 * Runs the benchmarks: `npm run bench [-- name …]`. Each bench/*.bench.ts exports `run()`;
 * each prints its figures and its ratio to a raw-SQL floor measured in the same run, and
 * merges them into bench/results/latest.json. National-scale benchmarks need DATABASE_URL
 * (PostgreSQL); without it they run on PGlite at a smaller scale and say so.
 */
import fs from 'node:fs';

const dir = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);
// Names select benchmarks; `--flag value` pairs are left to the benchmarks (e.g. --households N).
const wanted = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n== ${file} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
  const module = (await import(`./${file}`)) as { run: () => Promise<void> };
  await module.run();
}
