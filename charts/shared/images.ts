// Image references built only from the environment file's `versions` block.
import type { Environment, ImagePin } from '../../environments/types';
import type { VERSION_COMPONENTS } from '../../environments/catalog';

export function imageRef(pin: ImagePin): string {
  return pin.digest ? `${pin.repository}:${pin.tag}@${pin.digest}` : `${pin.repository}:${pin.tag}`;
}

export function pinnedImage(env: Environment, component: (typeof VERSION_COMPONENTS)[number], image: string): ImagePin {
  const pin = env.versions[component].images?.[image];
  if (!pin) {
    throw new Error(`environments/${env.name}.yaml: /versions/${component}/images/${image}: expected an image pin, found nothing`);
  }
  return pin;
}

export function chartVersion(env: Environment, component: (typeof VERSION_COMPONENTS)[number]): string {
  const version = env.versions[component].chart;
  if (!version) {
    throw new Error(`environments/${env.name}.yaml: /versions/${component}/chart: expected a chart version, found nothing`);
  }
  return version;
}
