// npm run conformance -- <folder>: replays the eTIMS requests recorded in the folder against a fresh
// KRA simulator and checks each is accepted, then checks that Mauzo's OSCU client reads every recorded
// response (responses.ts). Files listed in exceptions.json are reported as known failures. Exits
// non-zero on any other failure.
import { existsSync } from 'node:fs';
import { applyExceptions, loadExceptions } from './exceptions';
import { replayRequests } from './replay';
import { report } from './report';
import { parseRecordedResponses } from './responses';

const folder = process.argv[2];
if (!folder || !existsSync(folder)) {
  console.error('usage: npm run conformance -- <folder with expected_requests directories>, e.g. ../shared/conformance');
  process.exit(2);
}
const results = applyExceptions(folder, [...(await replayRequests(folder)), ...(await parseRecordedResponses(folder))], loadExceptions());
const { failed } = report(results, (line) => console.log(line));
process.exitCode = failed > 0 ? 1 : 0;
