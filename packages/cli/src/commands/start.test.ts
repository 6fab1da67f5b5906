import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveRequireMfa } from './start.js';

const bin = fileURLToPath(new URL('../../bin/haven.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/main.js', import.meta.url)));

// `haven start` as a person runs it: the built command, a real port, a real signal to stop.
describe.skipIf(!built || process.env.HAVEN_TEST_ENGINE === 'postgres')(
  'haven start (built)',
  () => {
    it('serves the API and the web app, then stops cleanly on SIGTERM', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
      const child = spawn(
        process.execPath,
        [bin, 'start', '--port', '0', '--no-demo', '--data-dir', dataDir],
        {
          env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      try {
        let output = '';
        const url = await new Promise<string>((resolve, reject) => {
          child.stderr.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            const match = /running at (http:\/\/\S+)/.exec(output);
            if (match?.[1]) {
              resolve(match[1]);
            }
          });
          child.on('exit', (code) =>
            reject(new Error(`haven start exited with ${code}: ${output}`)),
          );
        });
        const health = await fetch(`${url}/api/v1/health`);
        expect(await health.json()).toEqual({ status: 'ok' });
        const page = await fetch(`${url}/registrations/new`, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        child.kill('SIGKILL');
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  },
);

describe('the second factor at start', () => {
  it('is on by default, off in a demo database, and the flag or HAVEN_REQUIRE_MFA decide first', () => {
    expect(resolveRequireMfa(undefined, undefined, false)).toBe(true);
    expect(resolveRequireMfa(undefined, undefined, true)).toBe(false);
    expect(resolveRequireMfa(undefined, 'true', true)).toBe(true);
    expect(resolveRequireMfa(undefined, 'false', false)).toBe(false);
    expect(resolveRequireMfa(true, 'false', true)).toBe(true);
    expect(resolveRequireMfa(false, undefined, false)).toBe(false);
    expect(() => resolveRequireMfa(undefined, 'maybe', false)).toThrow(/HAVEN_REQUIRE_MFA/);
  });
});
