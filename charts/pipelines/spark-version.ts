// The Spark version of the job image, recorded once by spark-jobs (its Dockerfile and tests use
// the same file), so the SparkApplication's sparkVersion cannot drift from the image.
import sparkJobsVersions from '../../spark-jobs/versions.json';

export const SPARK_VERSION: string = sparkJobsVersions.spark;
