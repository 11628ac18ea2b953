// Minimal command-line parsing shared by the review tools: `--name value` options (repeatable
// ones collect every value up to the next flag) and boolean flags; anything else is refused.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ArgumentSpec {
  readonly values: readonly string[];
  readonly flags: readonly string[];
  /** Options taking one or more values (`--only a b c` or `--only a --only b`). */
  readonly lists?: readonly string[];
}

export interface Arguments {
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
  readonly lists: Map<string, string[]>;
}

export function parseArguments(argv: readonly string[], spec: ArgumentSpec): Arguments {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (spec.flags.includes(arg)) {
      flags.add(arg);
    } else if (spec.values.includes(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      values.set(arg, value);
      i++;
    } else if (spec.lists?.includes(arg)) {
      const collected = lists.get(arg) ?? [];
      while (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) collected.push(argv[++i]!);
      if (collected.length === 0) throw new UsageError(`${arg} needs at least one value`);
      lists.set(arg, collected);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return { values, flags, lists };
}
