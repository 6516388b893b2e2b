/**
 * The codec endpoint decrypts personal data for supervisors' browsers: it never serves plain HTTP
 * unless its operator says a proxy in front terminates TLS.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCodecServerConfig } from '../../codec/serverConfig.js';

const base = { PR_CODEC_UI_ORIGINS: 'http://localhost:8080', PR_CODEC_SUPERVISORS_FILE: '/config/codec-supervisors.yaml' };

describe('the codec endpoint on plain HTTP', () => {
  it('refuses to start, naming the variables, when nothing says TLS is terminated in front', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../codec/main.ts', import.meta.url))], {
      env: { PATH: process.env.PATH ?? '', ...base },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PR_CODEC_TLS_CERT.*PR_CODEC_BEHIND_TLS_PROXY=true/s);
  });

  it('starts behind a TLS proxy when told so, and with a certificate and key otherwise', () => {
    expect(loadCodecServerConfig({ ...base, PR_CODEC_BEHIND_TLS_PROXY: 'true' }).PR_CODEC_BEHIND_TLS_PROXY).toBe('true');
    expect(loadCodecServerConfig({ ...base, PR_CODEC_TLS_CERT: 'c.pem', PR_CODEC_TLS_KEY: 'k.pem' }).PR_CODEC_TLS_CERT).toBe('c.pem');
    expect(() => loadCodecServerConfig({ ...base, PR_CODEC_BEHIND_TLS_PROXY: 'yes' })).toThrow(/PR_CODEC_BEHIND_TLS_PROXY.*expected true or false/s);
  });
});
