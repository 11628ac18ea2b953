// Types of render-cache.mjs (plain JS so `npm run synth` starts without a TypeScript loader).
export type InputKind = 'file' | 'dir' | 'exists';
export function recordReads(root: string, excluded: readonly string[]): () => Map<string, InputKind>;
export function storeRender(
  cacheDir: string,
  render: { bundle: string; root: string; reads: Map<string, InputKind>; outDir: string; environments: string },
): { inputs: number; files: number };
export type Lookup =
  | { tree: string; files: string[]; environments: string; miss?: undefined }
  | { miss: string; tree?: undefined };
export function lookupRender(cacheDir: string, current: { bundle: string; root: string }): Lookup;
export function linkRender(hit: { tree: string; files: string[] }, outDir: string): void;
