// Version label for manifests Gridata owns outright (not tied to an upstream image).
import pkg from '../../package.json';

export const GRIDATA_VERSION: string = pkg.version;
