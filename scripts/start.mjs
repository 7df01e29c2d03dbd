// `npm start`: runs the compiled bot (dist/main.js), building it first when the sources are newer.
// `npm install` builds it already (the `prepare` script), so a fresh clone's first screen is the bot's.
import process from 'node:process';
import { buildDist, stale } from './build.mjs';

if (await stale()) {
  process.stderr.write('building dist/ …\n');
  await buildDist();
}
// The bundle only defines the app (tests import it too): start it here.
const { runMain } = await import('../dist/main.js');
runMain();
