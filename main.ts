// The renderer's command line (`npm run synth`, `cdk8s synth`): a thin wrapper around the render
// pipeline in render/ (see render/cli.ts for the flags). Nothing imports this file; import
// render/pipeline.ts instead.
import { synthCommand } from './render/cli';

process.exitCode = synthCommand(process.argv.slice(2));
