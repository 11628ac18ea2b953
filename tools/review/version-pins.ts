// The promotable unit flattened to pins: '<component>.chart', '<component>.prerequisitesChart',
// '<component>.revision' (the rollout revision shared code reads, an integer) and
// '<component>.images.<name>' → the pinned value ('<repository>:<tag>[@<digest>]' for images).
import { parse } from 'yaml';

export type Pins = Map<string, string>;
/** Pins per environment name. */
export type EnvironmentPins = Map<string, Pins>;

const SCALAR_KEYS = ['chart', 'prerequisitesChart', 'revision'] as const;

interface ImagePinLike {
  repository?: unknown;
  tag?: unknown;
  digest?: unknown;
}

export function imagePinValue(pin: ImagePinLike): string {
  const ref = `${String(pin.repository)}:${String(pin.tag)}`;
  return typeof pin.digest === 'string' ? `${ref}@${pin.digest}` : ref;
}

/** Flattens a `versions` block (already parsed); tolerant of older or partial shapes in history. */
export function pinsOfVersions(versions: unknown): Pins {
  const pins: Pins = new Map();
  if (!isRecord(versions)) return pins;
  for (const [component, entry] of Object.entries(versions)) {
    if (!isRecord(entry)) continue;
    for (const key of SCALAR_KEYS) {
      if (entry[key] !== undefined && entry[key] !== null) pins.set(`${component}.${key}`, String(entry[key]));
    }
    if (isRecord(entry.images)) {
      for (const [name, pin] of Object.entries(entry.images)) {
        if (isRecord(pin)) pins.set(`${component}.images.${name}`, imagePinValue(pin));
      }
    }
  }
  return pins;
}

/** Pins of an environment file's text; a file that does not parse has no pins. */
export function pinsOfEnvironmentText(text: string | undefined): Pins {
  if (text === undefined) return new Map();
  try {
    const data: unknown = parse(text);
    return pinsOfVersions(isRecord(data) ? data.versions : undefined);
  } catch {
    return new Map();
  }
}

/** The component a pin belongs to (the first segment of its key). */
export function pinComponent(pin: string): string {
  return pin.split('.')[0]!;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
