// Issue 10, item 4, on the real server (`probot run` on the built app, as deployed): forged
// 25 MB webhooks, half unsigned and half with a wrong signature, sent 6 at a time. All are
// answered 4xx, the process's peak resident memory (VmHWM) stays under 300 MB and its log
// under 1 MB. FORGED_BODIES=60 runs the full scenario (8 in CI). Linux only
// (/proc); skipped without a build.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { APP_ID, PRIVATE_KEY } from './helpers/app-harness.js';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNNABLE = existsSync(join(ROOT, 'lib/app/index.js')) && existsSync('/proc/self/status');
const BODIES = Number(process.env.FORGED_BODIES ?? 8);
const MB = 1024 * 1024;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One raw HTTP POST of `size` filler bytes; the status line of the answer. */
function forge(port: number, size: number, signed: boolean, n: number): Promise<number> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    chunk.write('{"ref":"refs/heads/main","x":"');
    const signature = signed
      ? `x-hub-signature-256: sha256=${createHmac('sha256', 'not-the-secret').update(String(n)).digest('hex')}\r\n`
      : '';
    const head = `POST /api/github/webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${size}\r\nx-github-event: push\r\nx-github-delivery: forged-${n}\r\n${signature}\r\n`;
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    let done = false;
    // A server that refuses a body may close the connection while it is being sent; the
    // answer may then be lost to the client (0 here): the server's counters say what it was.
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0));
    };
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n\r\n')) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    const pump = () => {
      while (!done && sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!socket.write(part)) return void socket.once('drain', pump);
      }
    };
    socket.write(head, pump);
  });
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

(RUNNABLE ? describe : describe.skip)('forged 25 MB webhooks against the running server', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it(`${BODIES} forged bodies: all 4xx, peak RSS under 300 MB, log under 1 MB`, async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', './lib/app/index.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        APP_ID: String(APP_ID),
        PRIVATE_KEY,
        WEBHOOK_SECRET: 'the-real-secret',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        TRULY_OPEN_STATE_DIR: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logBytes = 0;
    let logText = '';
    child.stdout!.on('data', (d: Buffer) => ((logBytes += d.length), (logText += d.toString().slice(0, 100_000))));
    child.stderr!.on('data', (d: Buffer) => ((logBytes += d.length), (logText += d.toString().slice(0, 100_000))));
    const until = Date.now() + 20_000;
    while (
      !(await fetch(`http://127.0.0.1:${port}/ping`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not start:\n${logText}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const baseline = peakRssMb(child.pid!);

    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < BODIES) {
        const n = next++;
        statuses.push(await forge(port, 25 * MB, n % 2 === 1, n));
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const peak = peakRssMb(child.pid!);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());

    expect(statuses).toHaveLength(BODIES);
    // What the client read, and what the server says it answered: all 4xx, none accepted.
    expect(statuses.filter((s) => s !== 0 && (s < 400 || s >= 500))).toEqual([]);
    const refused = [
      ...metrics.matchAll(/truly_open_webhooks_refused_total\{reason="[^"]+",status="(\d+)"\} (\d+)/g),
    ].map((m) => ({ status: Number(m[1]), count: Number(m[2]) }));
    expect(refused.reduce((sum, r) => sum + r.count, 0)).toBe(BODIES);
    expect(refused.filter((r) => r.status < 400 || r.status >= 500)).toEqual([]);
    expect(metrics).not.toMatch(/truly_open_webhooks_accepted_total/);
    expect(peak).toBeLessThan(300);
    expect(logBytes).toBeLessThan(1024 * 1024);
    expect(logText).not.toContain('aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(metrics).toMatch(/truly_open_webhooks_refused_total\{reason="unsigned",status="400"\} \d+/);

    if (process.env.FORGED_BODIES)
      console.log(
        JSON.stringify({
          bodies: BODIES,
          clientSaw: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
          serverAnswered: refused,
          baselineRssMb: Math.round(baseline),
          peakRssMb: Math.round(peak),
          logBytes,
        }),
      );
  }, 180_000);
});
