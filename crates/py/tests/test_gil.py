"""The engine computes with the GIL released: another Python thread keeps running during a call."""

from __future__ import annotations

import threading
import time

import reykjavik

AXES = [
    "side[United States].force[Trident II D5 (W76-1)].cep_m=80:200:40",
    "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day=0:1:40",
]


def test_another_thread_runs_while_the_engine_computes():
    window: list[float] = []

    def compute():
        window.append(time.perf_counter())
        reykjavik.sweep("us-russia-2021", AXES)
        window.append(time.perf_counter())

    ticks: list[float] = []
    worker = threading.Thread(target=compute)
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    start, end = window
    # Holding the GIL, the call would let no tick happen between its start and its end.
    inside = [t for t in ticks if start + 0.005 < t < end - 0.005]
    assert end - start > 0.03, "the sweep must last long enough for the check to mean something"
    assert len(inside) >= 3, f"{len(inside)} ticks during a {end - start:.3f} s call"
