"""Entry point of the job image (/opt/gridata/run_job.py): `run_job.py <job_id> --ds YYYY-MM-DD --run-id ID ...`.

Only dispatches; the jobs live in the gridata_spark package."""
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
# In the repo the package sits in src/; in the image it sits beside this file.
for candidate in (os.path.join(_HERE, "src"), _HERE):
    if os.path.isdir(os.path.join(candidate, "gridata_spark")) and candidate not in sys.path:
        sys.path.insert(0, candidate)

from gridata_spark.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
