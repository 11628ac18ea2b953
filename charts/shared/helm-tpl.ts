// Values an upstream chart passes through Helm's `tpl` are executed as Go templates at render time
// (Airflow chart >= 1.20 does so for every podAnnotations map). Text that is itself a template for
// someone else, such as a Vault agent template (`{{- with secret "…" -}}`), must reach the pod as
// written, so it goes into such values as a literal: `tpl` of helmTplLiteral(text) is exactly text.

/**
 * Quotes every run of two or more braces as a Go template raw-string constant ({{`{{`}}), so one
 * `tpl` pass prints it back. A whole run is quoted so no brace of the text is left to touch the
 * delimiters we add; raw strings (backticks) survive any YAML quoting toYaml picks before `tpl`.
 */
export function helmTplLiteral(text: string): string {
  return text.replace(/[{}]{2,}/g, (run) => `{{\`${run}\`}}`);
}

/** helmTplLiteral over every value of a string map (annotations, labels). */
export function helmTplLiterals(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, helmTplLiteral(value)]));
}
