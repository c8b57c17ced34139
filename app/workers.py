"""Bounded worker pools for CPU work, so the event loop stays free (issue 14).

Two pools, each at most `cpu_workers` wide with at most `cpu_queue` jobs waiting (past that a
request is refused at once with a 503 Busy instead of piling up):

- `run_check`: parsing and labelling an upload or an agenda, in worker *processes* (no GIL shared
  with the event loop; each loads the gender engine once when it starts). The job and its
  arguments must be picklable; it gets the engine through `worker_engine`. With
  VOICETALLY_CPU_PROCESSES=false it runs in the thread pool instead.
- `run_cpu`: work that needs the app's database sessions (bulk labels), in threads.

A request that gives up (its time budget ran out) drops its queued job; a job already running
finishes but never holds more than its one slot.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import Request

from app.errors import VoicetallyError
from app.gender.engine import Engine, default_engine

__all__ = [
    "Busy",
    "WorkerPool",
    "close_process_pools",
    "process_pool",
    "run_check",
    "run_cpu",
    "warm",
    "worker_engine",
]

T = TypeVar("T")
_PROCESS_POOLS: dict[tuple[int, float | None], ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


class Busy(VoicetallyError):
    status = 503
    type = "/problems/busy"
    title = "Busy"


class WorkerPool:
    """An executor with a bounded queue."""

    def __init__(
        self, workers: int, queue: int, *, executor: Callable[[], Executor] | None = None
    ) -> None:
        self.workers = workers
        self.queue = queue
        self._owned = executor is None
        threads = (
            ThreadPoolExecutor(workers, thread_name_prefix="cpu") if executor is None else None
        )
        self._executor = executor or (lambda: threads)
        self._lock = threading.Lock()
        self._pending = 0

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run FUNC(*ARGS, **KWARGS) in the pool and wait for it without blocking the loop."""
        with self._lock:
            if self._pending >= self.workers + self.queue:
                raise Busy(f"{self._pending} checks are being worked on; try again in a moment")
            self._pending += 1
        try:
            future = self.executor.submit(functools.partial(func, *args, **kwargs))
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return await asyncio.wrap_future(future)

    def _done(self, _future: object) -> None:
        with self._lock:
            self._pending -= 1

    @property
    def executor(self) -> Executor:
        """The executor jobs go to now (a shared process pool is made again after a close)."""
        return self._executor()

    def shutdown(self) -> None:
        """Stop the pool's threads (shared process pools: `close_process_pools`)."""
        if self._owned:
            self.executor.shutdown(wait=False, cancel_futures=True)


@functools.cache
def worker_engine(threshold: float | None) -> Engine:
    """The gender engine inside a worker (loaded once per worker)."""
    return default_engine() if threshold is None else Engine(threshold=threshold)


def _start_worker(threshold: float | None) -> None:
    worker_engine(threshold)


def process_pool(workers: int, threshold: float | None) -> ProcessPoolExecutor:
    """The process-wide pool for WORKERS and THRESHOLD, shared by every app in this process
    (forkserver: workers do not inherit the server's threads or database connections). Its
    workers start loading the gender engine as soon as it is made."""
    with _POOLS_LOCK:
        key = (workers, threshold)
        if key not in _PROCESS_POOLS:
            pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("forkserver"),
                initializer=_start_worker, initargs=(threshold,),
            )  # fmt: skip
            for _ in range(workers):  # start every worker now: the engine loads meanwhile
                pool.submit(_start_worker, threshold)
            _PROCESS_POOLS[key] = pool
        return _PROCESS_POOLS[key]


def close_process_pools() -> None:
    """Shut the shared process pools down and wait for their workers to exit."""
    with _POOLS_LOCK:
        pools = list(_PROCESS_POOLS.values())
        _PROCESS_POOLS.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(close_process_pools)


def warm(pool: WorkerPool, threshold: float | None) -> list[object]:
    """Jobs that start every worker of POOL (and load its engine) now, not in a request."""
    return [pool.executor.submit(_start_worker, threshold) for _ in range(pool.workers)]


async def run_cpu(request: Request, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run FUNC in the app's thread pool (work that needs the app's sessions)."""
    pool: WorkerPool = request.app.state.workers
    return await pool.run(func, *args, **kwargs)


async def run_check(request: Request, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run picklable FUNC in the app's check pool (processes unless configured otherwise)."""
    pool: WorkerPool = request.app.state.checks
    return await pool.run(func, *args, **kwargs)
