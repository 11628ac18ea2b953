// Plans a promotion without writing anything: every refusal happens here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FileMap } from '../review/file-map';
import { pinsOfEnvironmentText, pinComponent, isRecord, type EnvironmentPins } from '../review/version-pins';
import { comparePinValues } from '../review/version-order';
import { review, type Review } from '../review/review';
import { copyVersionEntries } from './copy-versions';
import { assertPromotionStep, PROMOTION_ORDER } from './promotion-order';
import { assertDistFresh } from './stale-dist';
import { PromotionRefused } from './refusal';
import { parseEnvironment } from '../../environments/load';
import { EnvironmentError } from '../../environments/errors';

export interface PromotionRequest {
  readonly repoDir: string;
  readonly from: string;
  readonly to: string;
  /** Components of the `versions` block to promote; all of the source's when absent. */
  readonly only?: readonly string[];
  /** Renders every environment from the environment files in a folder (render/pipeline.ts renderAll). */
  readonly render: (environmentsDir: string) => FileMap;
}

export interface PinChange {
  readonly pin: string;
  readonly before?: string;
  readonly after?: string;
}

export interface PromotionPlan {
  readonly from: string;
  readonly to: string;
  readonly components: readonly string[];
  readonly pinChanges: readonly PinChange[];
  readonly targetFile: string;
  readonly targetText: string;
  /** The complete new dist/ (every environment), as `npm run synth` would write it. */
  readonly files: FileMap;
  readonly review: Review;
}

export function planPromotion(request: PromotionRequest): PromotionPlan {
  const { repoDir, from, to } = request;
  assertPromotionStep(from, to);
  const environmentsDir = join(repoDir, 'environments');
  const texts = new Map(PROMOTION_ORDER.map((env) => [env as string, readEnvironmentText(environmentsDir, env)]));
  const sourceText = texts.get(from)!;
  const targetText = texts.get(to)!;

  const sourceComponents = versionComponents(sourceText, from);
  const components = request.only && request.only.length > 0 ? [...new Set(request.only)] : sourceComponents;
  const unknown = components.filter((c) => !sourceComponents.includes(c));
  if (unknown.length > 0) {
    throw new PromotionRefused(
      `environments/${from}.yaml has no versions entry for ${unknown.map((c) => JSON.stringify(c)).join(', ')}: expected one of ${sourceComponents.join(', ')}`,
    );
  }

  const newTargetText = copyVersionEntries(sourceText, targetText, components);
  const pinChanges = changedPins(targetText, newTargetText, components);
  if (pinChanges.length === 0) {
    throw new PromotionRefused(`nothing to promote: ${to} already pins exactly what ${from} pins for ${components.join(', ')}`);
  }
  const newer = pinChanges.filter((c) => c.before !== undefined && c.after !== undefined && comparePinValues(c.before, c.after) === 1);
  if (newer.length > 0) {
    throw new PromotionRefused(
      `${to} is already newer than ${from} for ${newer.map((c) => `${c.pin} (${to} ${c.before}, ${from} ${c.after})`).join('; ')}: ` +
        `promoting would downgrade ${to}. Leave these components out with --only, or bring ${from} up to date first.`,
    );
  }

  const before = request.render(environmentsDir);
  assertDistFresh(repoDir, from, before);
  const after = renderWith(request.render, texts, to, newTargetText);

  const pinsOf = (overrides: Map<string, string>): EnvironmentPins =>
    new Map(PROMOTION_ORDER.map((env) => [env as string, pinsOfEnvironmentText(overrides.get(env) ?? texts.get(env))]));
  const result = review({
    base: { files: before, pins: pinsOf(new Map()) },
    head: { files: after, pins: pinsOf(new Map([[to, newTargetText]])) },
  });
  return { from, to, components, pinChanges, targetFile: join(environmentsDir, `${to}.yaml`), targetText: newTargetText, files: after, review: result };
}

/** An environment file's text, refused unless the loader accepts it (syntax, alias bombs, schema, pins). */
function readEnvironmentText(environmentsDir: string, env: (typeof PROMOTION_ORDER)[number]): string {
  const file = join(environmentsDir, `${env}.yaml`);
  const shown = `environments/${env}.yaml`;
  if (!existsSync(file)) throw new PromotionRefused(`${shown} does not exist: expected the ${env} environment file`);
  const text = readFileSync(file, 'utf8');
  try {
    parseEnvironment(text, shown, env);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      throw new PromotionRefused(`${shown} is not a valid environment file, fix it first: ${error.message.split('\n').join('; ')}`);
    }
    throw error;
  }
  return text;
}

function versionComponents(text: string, env: string): string[] {
  const data: unknown = parse(text);
  const versions = isRecord(data) ? data.versions : undefined;
  if (!isRecord(versions)) throw new PromotionRefused(`environments/${env}.yaml has no versions block to promote`);
  return Object.keys(versions);
}

function changedPins(beforeText: string, afterText: string, components: readonly string[]): PinChange[] {
  const before = pinsOfEnvironmentText(beforeText);
  const after = pinsOfEnvironmentText(afterText);
  const pins = [...new Set([...before.keys(), ...after.keys()])].filter((p) => components.includes(pinComponent(p))).sort();
  return pins.filter((p) => before.get(p) !== after.get(p)).map((pin) => ({ pin, before: before.get(pin), after: after.get(pin) }));
}

/** Renders every environment with `to`'s file replaced, from a scratch copy of the files. */
function renderWith(render: PromotionRequest['render'], texts: Map<string, string>, to: string, targetText: string): FileMap {
  const scratch = mkdtempSync(join(tmpdir(), 'gridata-promote-'));
  try {
    for (const [env, text] of texts) writeFileSync(join(scratch, `${env}.yaml`), env === to ? targetText : text);
    try {
      return render(scratch);
    } catch (error) {
      throw new PromotionRefused(`the promoted environments/${to}.yaml does not render: ${(error as Error).message.split('\n').join('; ')}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
