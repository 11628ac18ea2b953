// Names the Pushgateway shares with the pipelines (GRIDATA_PUSHGATEWAY_URL) and its NetworkPolicies.

export const PUSHGATEWAY_NAME = 'pushgateway';
export const PUSHGATEWAY_NAMESPACE = 'monitoring';
export const PUSHGATEWAY_PORT = 9091;
export const PUSHGATEWAY_URL = `http://${PUSHGATEWAY_NAME}.${PUSHGATEWAY_NAMESPACE}.svc:${PUSHGATEWAY_PORT}`;
/** The job label the Spark quality job pushes under (spark-jobs gridata_spark/quality/metrics.py). */
export const QUALITY_PUSH_JOB = 'gridata_quality';
