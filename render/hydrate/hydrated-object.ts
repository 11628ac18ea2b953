// A chart's object in the cdk8s tree. Its body is plain JSON from helm's output (no tokens, no
// lazy values), so toJson resolves only the metadata through cdk8s (where labels and annotations
// added through its API live) and copies the rest, dropping null values as cdk8s does. Resolving
// every value of ~1,600 chart objects (CRDs are most of the bytes) was a fifth of a render
// (docs/decisions/0045).
import { ApiObject, type ApiObjectProps } from 'cdk8s';
import type { Construct } from 'constructs';

export class HydratedObject extends ApiObject {
  private readonly body: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...body } = props;
    this.body = body;
  }

  public override toJson(): any {
    // JSON patches address the whole object: cdk8s's own path.
    if ((this as unknown as { patches: unknown[] }).patches.length > 0) return super.toJson();
    const json: Record<string, unknown> = { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata.toJson() };
    for (const key of Object.keys(this.body)) {
      const value = plainCopy(this.body[key]);
      if (value != null) json[key] = value;
    }
    return json;
  }
}

/** cdk8s's sanitizeValue without its key sort (the YAML emitter sorts): a copy without null values. */
function plainCopy(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainCopy);
  if (value.constructor?.name !== 'Object') throw new Error(`can't render non-simple object of type '${value.constructor?.name}'`);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = plainCopy((value as Record<string, unknown>)[key]);
    if (v != null) copy[key] = v;
  }
  return copy;
}
