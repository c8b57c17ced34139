"""`python -m app.jobs`: one worker process, settings from VOICETALLY_ variables (issue 8).

`voicetally worker` is the documented entry; this one also takes the heartbeat and stalled-job
timings, which the load test shortens.
"""

from __future__ import annotations

import argparse
import logging

from app.jobs import queue, run_worker
from app.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app.jobs", description=__doc__)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--queue", action="append", dest="queues")
    parser.add_argument("--heartbeat", type=float, default=queue.HEARTBEAT_SECONDS)
    parser.add_argument("--stalled-after", type=float, default=queue.STALLED_AFTER_SECONDS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is too many
    run_worker(
        Settings(),
        concurrency=args.concurrency,
        queues=args.queues,
        heartbeat=args.heartbeat,
        stalled_after=args.stalled_after,
    )


if __name__ == "__main__":
    main()
