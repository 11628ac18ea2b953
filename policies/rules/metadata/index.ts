import type { Rule } from '../../types';
import { standardLabels } from './standard-labels';
import { explicitNamespace } from './namespaces';
import { selectorMatchesTemplate } from './selectors';
import { serviceSelectsPods } from './service-selectors';
import { referencesExist } from './references';

export const RULES: readonly Rule[] = [standardLabels, explicitNamespace, selectorMatchesTemplate, serviceSelectsPods, referencesExist];
