"""Issue 14's measured figures (run by hand; timings belong in benchmarks, not tests).

1. Python-call overhead per analysis: the wall clock of `reykjavik.analyze("us-russia-2021")`,
   to set against the Rust stages of `cargo bench -p reykjavik-bench --bench python_api`.
2. The Dask sweep's points per second on a LocalCluster of 2 worker processes, against the local
   sweep (rayon on the same 2 cores).

    .venv/bin/python crates/py/bench/overhead.py [GRID_STEPS]
"""

from __future__ import annotations

import sys
import time
import timeit

import reykjavik
import reykjavik.distributed as rd

CEP = "side[United States].force[Trident II D5 (W76-1)].cep_m"
BOREI = "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day"


def per_call(stmt, number: int) -> float:
    best = min(timeit.repeat(stmt, number=number, repeat=5))
    return best / number


def python_overhead() -> None:
    reykjavik.analyze("us-russia-2021")  # warm up
    analyze = per_call(lambda: reykjavik.analyze("us-russia-2021"), 20)
    check = per_call(lambda: reykjavik.check("us-russia-2021"), 50)
    print(f"reykjavik.analyze('us-russia-2021'): {analyze * 1e3:.2f} ms per call (best of 5 x 20)")
    print(f"reykjavik.check('us-russia-2021') (parse + validate only): {check * 1e3:.3f} ms per call")


def best_of(runs: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def dask_sweep(steps: int) -> None:
    from dask.distributed import Client, LocalCluster

    axes = {CEP: (80, 200, steps), BOREI: (0, 1, steps)}
    points = steps * steps
    reykjavik.sweep("us-russia-2021", {CEP: (80, 200, 2), BOREI: (0, 1, 2)})  # warm up
    local_s, local = best_of(3, lambda: reykjavik.sweep("us-russia-2021", axes))
    print(f"local sweep (rayon, 2 threads): {points} points in {local_s:.3f} s = {points / local_s:.0f} points/s (best of 3)")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        rd.sweep("us-russia-2021", {CEP: (80, 200, 2), BOREI: (0, 1, 2)}, client)  # warm up workers
        dask_s, spread = best_of(3, lambda: rd.sweep("us-russia-2021", axes, client))
    assert spread.equals(local), "the distributed sweep must equal the local one"
    print(f"Dask sweep, LocalCluster 2 workers x 1 thread: {points} points in {dask_s:.3f} s = {points / dask_s:.0f} points/s (best of 3; identical table)")


if __name__ == "__main__":
    python_overhead()
    dask_sweep(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
