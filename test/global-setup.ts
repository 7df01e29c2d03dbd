// Before any test: the compiled bot (dist/) is brought up to date once, as `npm install` does for a
// newcomer. Tests that run `npm start` then never build it themselves — several at once would each
// rebuild (and remove) the same folder, and the first screen would start with "building dist/ …".
import { buildDist, stale } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  if (await stale()) await buildDist();
}
