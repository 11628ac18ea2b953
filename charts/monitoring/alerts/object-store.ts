// Object-store (MinIO cluster metrics v2) alerts: capacity, offline nodes and drives.
import type { AlertGroup } from './types';

export const OBJECT_STORE_FREE_WARNING_RATIO = 0.1;
export const OBJECT_STORE_FREE_CRITICAL_RATIO = 0.05;

const freeRatio = 'sum(minio_cluster_capacity_usable_free_bytes) / sum(minio_cluster_capacity_usable_total_bytes)';

export const OBJECT_STORE_ALERTS: AlertGroup = {
  name: 'object-store',
  alerts: [
    {
      alert: 'ObjectStoreCapacityLow',
      expr: `${freeRatio} < ${OBJECT_STORE_FREE_WARNING_RATIO}`,
      for: '15m',
      severity: 'warning',
      summary: 'Object store has less than 10% usable capacity free',
      description: 'Only {{ $value | humanizePercentage }} of the object store usable capacity is free. Expire or archive data, or add drives.',
    },
    {
      alert: 'ObjectStoreCapacityCritical',
      expr: `${freeRatio} < ${OBJECT_STORE_FREE_CRITICAL_RATIO}`,
      for: '5m',
      severity: 'critical',
      summary: 'Object store has less than 5% usable capacity free',
      description: 'Only {{ $value | humanizePercentage }} of the object store usable capacity is free; writes will soon fail.',
    },
    {
      alert: 'ObjectStoreNodesOffline',
      expr: 'max(minio_cluster_nodes_offline_total) > 0',
      for: '5m',
      severity: 'critical',
      summary: 'Object store nodes are offline',
      description: '{{ $value | humanize }} object store node(s) are offline; erasure-coding redundancy is reduced.',
    },
    {
      alert: 'ObjectStoreDrivesOffline',
      expr: 'max(minio_cluster_drive_offline_total) > 0',
      for: '5m',
      severity: 'critical',
      summary: 'Object store drives are offline',
      description: '{{ $value | humanize }} object store drive(s) are offline; erasure-coding redundancy is reduced.',
    },
  ],
};
