// Every policy rule, by family (policies/families.ts). Each family folder holds one file per rule and a
// fixtures/ folder with <RULE-ID>.pass.yaml and <RULE-ID>.fail.yaml beside it.
import type { Rule } from '../types';
import { RULES as resources } from './resources';
import { RULES as podSecurity } from './pod-security';
import { RULES as images } from './images';
import { RULES as availability } from './availability';
import { RULES as network } from './network';
import { RULES as secrets } from './secrets';
import { RULES as metadata } from './metadata';
import { RULES as vault } from './vault';
import { RULES as argocd } from './argocd';
import { RULES as chartValues } from './chart-values';
import { RULES as pipelines } from './pipelines';
import { RULES as rbac } from './rbac';

export const RULES: readonly Rule[] = [
  ...resources,
  ...podSecurity,
  ...images,
  ...availability,
  ...network,
  ...secrets,
  ...metadata,
  ...vault,
  ...argocd,
  ...chartValues,
  ...pipelines,
  ...rbac,
];
