// The test sshd (tests/helpers/sshd.ts) is a real server: a command runs through it, its env is passed,
// and once stopped the host is unreachable, as the SSH runner's failure tests need.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';

const why = sshdUnavailable();

describe.skipIf(why !== null)('test sshd on 127.0.0.1', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 180_000);
  afterAll(async () => {
    await sshd?.close();
  });

  it('runs a command on the host through a real ssh client', () => {
    const r = spawnSync('ssh', ['-F', sshd.configFile, sshd.host, 'printf %s "$((6*7))"'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('42');
  });

  it('gives the host a HOME of its own (no dotfiles of this user)', () => {
    const r = spawnSync('ssh', ['-F', sshd.configFile, sshd.host, 'printf %s "$HOME"'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toBe(`${sshd.dir}/home`);
  });

  it('passes WTAGENTS_* variables through SendEnv, nothing through argv', () => {
    const r = spawnSync('ssh', ['-F', sshd.configFile, '-o', 'SendEnv=WTAGENTS_SECRET', sshd.host, 'printf %s "$WTAGENTS_SECRET"'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, WTAGENTS_SECRET: 'k-123' },
    });
    expect(r.stdout).toBe('k-123');
  });

  it('is unreachable once stopped', async () => {
    await sshd.stop();
    const r = spawnSync('ssh', ['-F', sshd.configFile, '-o', 'ConnectTimeout=5', sshd.host, 'true'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/refused|closed|timed out/i);
  });
});
