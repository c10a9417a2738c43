/**
 * Loaded into the service process by the digest benchmark (`node --import …/digest-probe.js
 * dist/src/main.js`): samples `process.memoryUsage()` every 20 ms and answers the benchmark over
 * the IPC channel. The peak RSS itself is read by the benchmark from /proc (VmHWM); this adds
 * the JS heap, which only the process can see. Nothing here runs unless the process was started
 * with an IPC channel. BENCH_TRACE (a file): every sample after a reset is appended to it (ms since
 * the reset, then rss, heapTotal, heapUsed, external and arrayBuffers in MB). BENCH_ALLOC_PROFILE (a
 * file): a sampling heap profile from the reset to the report that keeps the objects collected
 * meanwhile, i.e. everything the run allocated (open it in Chrome's DevTools, Memory tab); with
 * BENCH_ALLOC_PROFILE_MODE=promoted, only what survived the young generation.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';

interface Peaks {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

type Request = { type: 'reset' } | { type: 'report' } | { type: 'snapshot'; path: string };

if (process.send) {
  const send = process.send.bind(process);
  const peaks: Peaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  const trace = process.env.BENCH_TRACE;
  let since = 0;
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peaks) as Array<keyof Peaks>) peaks[k] = Math.max(peaks[k], m[k]);
    if (trace && since) {
      const mb = (n: number) => (n / 1_048_576).toFixed(1);
      const line = [m.rss, m.heapTotal, m.heapUsed, m.external, m.arrayBuffers].map(mb).join(' ');
      appendFileSync(trace, `${Math.round(performance.now() - since)} ${line}\n`);
    }
  };
  setInterval(sample, 20).unref();
  const allocProfile = process.env.BENCH_ALLOC_PROFILE;
  let session: Session | null = null;
  const handle = async (msg: Request) => {
    if (msg.type === 'reset') {
      if (allocProfile) {
        session = new Session();
        session.connect();
        await session.post('HeapProfiler.startSampling', {
          samplingInterval: 32_768,
          includeObjectsCollectedByMajorGC: true,
          // `promoted`: leave out what died young, so the profile shows what reached the old space.
          includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC_PROFILE_MODE !== 'promoted',
        });
      }
      for (const k of Object.keys(peaks) as Array<keyof Peaks>) peaks[k] = 0;
      if (trace) writeFileSync(trace, '');
      since = performance.now();
      sample();
      send({ type: 'reset', now: process.memoryUsage() });
    } else if (msg.type === 'report') {
      sample();
      if (session) {
        const { profile } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(allocProfile!, JSON.stringify(profile));
        session.disconnect();
        session = null;
      }
      send({ type: 'report', peaks, now: process.memoryUsage() });
    } else if (msg.type === 'snapshot') {
      send({ type: 'snapshot', path: writeHeapSnapshot(msg.path) });
    }
  };
  process.on('message', (msg: Request) => void handle(msg));
  // The channel must not keep a stopped service alive.
  process.channel?.unref();
}
