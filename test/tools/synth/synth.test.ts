// `npm run synth` runs main.ts from a cached esbuild bundle (tools/synth/synth.mjs): its output must
// be byte-identical to the renderer run in-process (each module keeps its own __dirname, packages are
// bundled).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAll } from '../../../render/pipeline';
import { readFileMap } from '../../../tools/review/file-map';

const repo = join(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'gridata-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cache = process.env.GRIDATA_CACHE ?? join(repo, '.cache');
const synth = (out: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync(process.execPath, ['tools/synth/synth.mjs', '--out', out], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });

describe('npm run synth (bundled renderer)', () => {
  it('writes exactly what the renderer produces in-process, from its cached bundle', () => {
    expect(synth(join(work, 'dist'))).toMatch(/^rendered \d+ files for dev, staging, prod into /);
    const bundles = readdirSync(join(cache, 'synth')).flatMap((d) => readdirSync(join(cache, 'synth', d)));
    expect(bundles.some((f) => /^main-[0-9a-f]{32}\.cjs$/.test(f))).toBe(true);
    const written = readFileMap(join(work, 'dist'));
    const fresh = renderAll();
    expect([...written.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, content] of fresh) expect(written.get(path), path).toBe(content);
  });

  it('a second run with no input changed links the stored render, byte-identical to a real render', () => {
    synth(join(work, 'first'), { GRIDATA_RENDER_CACHE: 'off' });
    synth(join(work, 'stored'));
    expect(synth(join(work, 'linked'))).toMatch(/^rendered \d+ files for dev, staging, prod into .* \(no input changed: linked from the render cache\)\n$/);
    const rendered = readFileMap(join(work, 'first'));
    const linked = readFileMap(join(work, 'linked'));
    expect([...linked.keys()].sort()).toEqual([...rendered.keys()].sort());
    for (const [path, content] of rendered) expect(linked.get(path), path).toBe(content);
  });

  it('GRIDATA_RENDER_CACHE=off always runs the renderer', () => {
    expect(synth(join(work, 'off'), { GRIDATA_RENDER_CACHE: 'off' })).not.toMatch(/render cache/);
  });
});
