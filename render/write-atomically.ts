// Writes a rendered file map as the complete new content of an output folder, atomically.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileMap } from './units';

type Fs = typeof fs;
type Path = typeof path;

/**
 * Puts one file into the staging folder. An unchanged file is linked from the current tree rather
 * than written again (most of a warm render's time was writing ~40 MB of identical YAML); the swap
 * stays atomic. Self-contained (modules passed in): the background writer runs its source in a worker.
 */
function stageFile(fs: Fs, path: Path, outDir: string, staging: string, rel: string, content: string | Uint8Array, made: Set<string>): void {
  const target = path.join(staging, rel);
  const dir = path.dirname(target);
  if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
  made.add(dir);
  const current = path.join(outDir, rel);
  let existing: Buffer | undefined;
  try {
    existing = fs.readFileSync(current);
  } catch {
    existing = undefined;
  }
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (existing && existing.length === bytes.length && existing.equals(bytes)) {
    try {
      fs.linkSync(current, target);
      return;
    } catch {
      // not linkable (another file system): written below
    }
  }
  fs.writeFileSync(target, bytes);
}

const encoder = new TextEncoder();

const stagingOf = (outDir: string) => `${outDir}.rendering-${process.pid}`;

/** Swaps the staging folder in for `outDir` (two renames); a failure leaves the previous tree. */
function swapIn(outDir: string): void {
  const staging = stagingOf(outDir);
  const previous = `${outDir}.previous-${process.pid}`;
  fs.mkdirSync(staging, { recursive: true });
  if (fs.existsSync(outDir)) fs.renameSync(outDir, previous);
  try {
    fs.renameSync(staging, outDir);
  } catch (error) {
    if (!fs.existsSync(outDir) && fs.existsSync(previous)) fs.renameSync(previous, outDir);
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

/**
 * Writes `files` as the complete new content of `outDir`: everything goes to a sibling
 * temporary folder first and is swapped in with renames, so a failure never leaves a
 * half-written tree.
 */
export function writeAtomically(outDir: string, files: FileMap): void {
  const staging = stagingOf(outDir);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const made = new Set<string>();
    for (const [rel, content] of files) stageFile(fs, path, outDir, staging, rel, content, made);
    swapIn(outDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** A tree being written by a worker thread while the caller goes on rendering. */
export interface BackgroundTreeWriter {
  /** Queues files (relative to the output folder); returns at once. */
  add(files: FileMap): void;
  /** Waits for every queued file, then swaps the tree in atomically. */
  commit(): Promise<void>;
  /** Stops writing and removes the staging folder; the output folder is untouched. */
  abort(): Promise<void>;
}

/**
 * writeAtomically with the writing done in a worker thread, so that writing one environment's
 * ~700 files overlaps rendering the next (docs/decisions/0045). Same staging folder, same swap.
 */
export function writeAtomicallyInBackground(outDir: string): BackgroundTreeWriter {
  const staging = stagingOf(outDir);
  fs.rmSync(staging, { recursive: true, force: true });
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const stageFile = (${stageFile.toString()});
    const fs = require('node:fs');
    const path = require('node:path');
    const made = new Set();
    let failure;
    parentPort.on('message', (message) => {
      if (message.files && !failure) {
        try {
          for (const [rel, content] of message.files) stageFile(fs, path, workerData.outDir, workerData.staging, rel, content, made);
        } catch (error) {
          failure = String((error && error.message) || error);
        }
      }
      if (message.finish) parentPort.postMessage({ failure });
    });`;
  const worker = new Worker(source, { eval: true, workerData: { outDir, staging } });
  let settled = false;
  const finished = new Promise<string | undefined>((resolve, reject) => {
    worker.once('message', (m: { failure?: string }) => resolve(m.failure));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the writer thread stopped (exit code ${code})`)));
  });
  finished.catch(() => undefined); // observed by commit/abort
  const cleanUp = async () => {
    settled = true;
    await worker.terminate();
  };
  return {
    add(files) {
      if (settled) throw new Error('the tree was committed or aborted already');
      // UTF-8 bytes, moved to the worker rather than copied (serializing strings was most of the hand-over).
      const encoded = [...files].map(([rel, content]) => [rel, encoder.encode(content)] as const);
      worker.postMessage({ files: encoded }, encoded.map(([, bytes]) => bytes.buffer as ArrayBuffer));
    },
    async commit() {
      worker.postMessage({ finish: true });
      try {
        const failure = await finished;
        if (failure) throw new Error(`writing ${outDir} failed: ${failure}`);
        swapIn(outDir);
      } catch (error) {
        fs.rmSync(staging, { recursive: true, force: true });
        throw error;
      } finally {
        await cleanUp();
      }
    },
    async abort() {
      await cleanUp();
      fs.rmSync(staging, { recursive: true, force: true });
    },
  };
}
