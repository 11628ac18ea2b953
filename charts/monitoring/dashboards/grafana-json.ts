// A small typed builder for Grafana dashboard JSON: panels are laid out two per row in
// declaration order, every query goes to the Prometheus datasource chosen by `$datasource`.

export interface Query {
  readonly expr: string;
  readonly legend?: string;
  /** Table panels read instant vectors. */
  readonly instant?: boolean;
}

export type PanelKind = 'timeseries' | 'stat' | 'table';

export interface PanelSpec {
  readonly kind: PanelKind;
  readonly title: string;
  readonly description: string;
  readonly queries: readonly Query[];
  /** Grafana unit id, e.g. "short", "percentunit", "s". */
  readonly unit?: string;
  /** Stat panels: value at which the panel turns red (green below). */
  readonly redAt?: number;
  /** Full-width panel. */
  readonly wide?: boolean;
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly folder: string;
  readonly tags: readonly string[];
  readonly panels: readonly PanelSpec[];
}

const PANEL_HEIGHT = 8;
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

export function dashboardJson(spec: DashboardSpec): Record<string, unknown> {
  let x = 0;
  let y = 0;
  const panels = spec.panels.map((panel, index) => {
    const width = panel.wide ? 24 : 12;
    if (x + width > 24) {
      x = 0;
      y += PANEL_HEIGHT;
    }
    const gridPos = { x, y, w: width, h: PANEL_HEIGHT };
    x += width;
    return panelJson(panel, index + 1, gridPos);
  });
  return {
    uid: spec.uid,
    title: spec.title,
    tags: [...spec.tags],
    editable: false,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-24h', to: 'now' },
    refresh: '1m',
    timezone: 'utc',
    templating: {
      list: [{ name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: { text: 'Prometheus', value: 'prometheus' } }],
    },
    panels,
  };
}

function panelJson(panel: PanelSpec, id: number, gridPos: Record<string, number>): Record<string, unknown> {
  const thresholds =
    panel.redAt === undefined
      ? { mode: 'absolute', steps: [{ color: 'green', value: null }] }
      : { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: panel.redAt }] };
  return {
    id,
    type: panel.kind,
    title: panel.title,
    description: panel.description,
    datasource: DATASOURCE,
    gridPos,
    fieldConfig: { defaults: { unit: panel.unit ?? 'short', thresholds }, overrides: [] },
    options: panel.kind === 'stat' ? { reduceOptions: { calcs: ['lastNotNull'] }, colorMode: 'background' } : {},
    targets: panel.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: DATASOURCE,
      expr: q.expr,
      legendFormat: q.legend ?? '',
      ...(q.instant || panel.kind === 'table' ? { instant: true, format: 'table' } : {}),
    })),
  };
}

/** Every PromQL expression of a dashboard, for validation. */
export function dashboardExpressions(spec: DashboardSpec): string[] {
  return spec.panels.flatMap((p) => p.queries.map((q) => q.expr));
}
