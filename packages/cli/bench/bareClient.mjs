// The like-for-like floor of the SWIP latency rows: a bare undici client, no checks, no journal, no
// XML, sending GETs in `lanes` parallel lanes to the same mock at the same latency. Prints the wall
// milliseconds it took. Usage: node bareClient.mjs URL LANES REQUESTS
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

const [url, lanes, total] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const perLane = Math.ceil(total / lanes);
const started = performance.now();
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let i = 0; i < perLane; i++) {
      const { statusCode, body } = await request(url);
      await body.text();
      if (statusCode !== 200) throw new Error(`${url} answered ${statusCode}`);
    }
  }),
);
console.log(JSON.stringify({ wallMs: performance.now() - started, requests: perLane * lanes }));
