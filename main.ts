// The renderer's command line (`npm run synth`, `cdk8s synth`): a thin wrapper around the render
// pipeline in render/ (see render/cli.ts for the flags). Nothing imports this file; import
// render/pipeline.ts instead.
import { prepareCharts, synthCommand } from './render/cli';

void prepareCharts(process.argv.slice(2)).then(async (templating) => {
  process.exitCode = templating ? await synthCommand(process.argv.slice(2), undefined, undefined, templating) : 1;
});
