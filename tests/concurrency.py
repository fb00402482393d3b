"""Run one action from many threads at once (each with its own database connection), for the tests
that prove concurrent requests cannot overwrite each other or share a number."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection

from fazhi.platform.errors import ServiceError


def run_parallel(n: int, fn: Callable[[int], object]) -> list[str]:
    """Start ``fn(0) … fn(n-1)`` together behind a barrier; each outcome is "won", the name of the
    ServiceError subclass that refused it, or "error: …" for anything else."""
    barrier = threading.Barrier(n)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        try:
            barrier.wait()
            fn(i)
            result = "won"
        except ServiceError as exc:
            result = type(exc).__name__
        except Exception as exc:
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
