import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureWebBuilt } from './build-web';
import { REPO_ROOT, WEB_DIST } from './paths';

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts the real server (`node server/bin/mlob.js serve`) on a fresh embedded database in a
 * temporary folder and a free port, serving the built web app; resolves once /api/health answers.
 * DATABASE_URL is removed on purpose: each run gets its own clean, seeded database.
 */
export async function startServer(options: { timeoutMs?: number; env?: Record<string, string> } = {}) {
  await ensureWebBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MLOB_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    MLOB_LOG_LEVEL: 'warn',
    MLOB_WEB_DIST: WEB_DIST,
    NODE_ENV: 'test',
    ...options.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server/bin/mlob.js'), 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    port,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited(child);
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await server.stop();
      throw new Error(`The server exited with code ${child.exitCode} before answering:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return server;
    } catch {
      // Not listening yet (migrating and seeding a fresh database takes a while).
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`The server did not answer /api/health within the time limit:\n${output}`);
}
