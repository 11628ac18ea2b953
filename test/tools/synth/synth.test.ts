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
const synth = (out: string) => execFileSync(process.execPath, ['tools/synth/synth.mjs', '--out', out], { cwd: repo, encoding: 'utf8' });

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
});
