// Platform health: secrets, storage, GitOps and the scheduler at a glance.
import type { DashboardSpec } from './grafana-json';

export const PLATFORM_HEALTH: DashboardSpec = {
  uid: 'gridata-platform-health',
  title: 'Gridata / Platform health',
  folder: 'Gridata',
  tags: ['gridata', 'platform'],
  panels: [
    { kind: 'stat', title: 'Firing alerts', description: 'Gridata alerts currently firing.', queries: [{ expr: 'count(ALERTS{alertstate="firing", team="data-platform"}) or vector(0)' }], redAt: 1 },
    { kind: 'stat', title: 'Sealed Vault servers', description: 'Vault servers reporting sealed.', queries: [{ expr: 'count(vault_core_unsealed == 0) or vector(0)' }], redAt: 1 },
    { kind: 'stat', title: 'Object store free capacity', description: 'Usable free / usable total capacity.', queries: [{ expr: 'sum(minio_cluster_capacity_usable_free_bytes) / sum(minio_cluster_capacity_usable_total_bytes)' }], unit: 'percentunit' },
    { kind: 'stat', title: 'Object store nodes / drives offline', description: 'MinIO nodes and drives reported offline.', queries: [{ expr: 'max(minio_cluster_nodes_offline_total)', legend: 'nodes' }, { expr: 'max(minio_cluster_drive_offline_total)', legend: 'drives' }], redAt: 1 },
    { kind: 'stat', title: 'Argo CD applications out of sync', description: 'Applications whose live state differs from Git.', queries: [{ expr: 'count(argocd_app_info{sync_status!="Synced"}) or vector(0)' }], redAt: 1 },
    { kind: 'stat', title: 'Argo CD applications degraded', description: 'Applications reporting health Degraded.', queries: [{ expr: 'count(argocd_app_info{health_status="Degraded"}) or vector(0)' }], redAt: 1 },
    { kind: 'timeseries', title: 'Airflow scheduler heartbeats', description: 'Heartbeats per second from all schedulers.', queries: [{ expr: 'sum(rate(airflow_scheduler_heartbeat[5m]))', legend: 'heartbeats/s' }] },
    { kind: 'timeseries', title: 'Object store usage', description: 'Used and total usable bytes.', queries: [{ expr: 'sum(minio_cluster_capacity_usable_total_bytes) - sum(minio_cluster_capacity_usable_free_bytes)', legend: 'used' }, { expr: 'sum(minio_cluster_capacity_usable_total_bytes)', legend: 'total' }], unit: 'bytes' },
  ],
};
