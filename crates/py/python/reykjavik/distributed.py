"""Sweeps and Monte Carlo on a Dask ``distributed`` cluster, with exactly the local results.

A run is cut into independent work units: a range of grid indices of a sweep, or a range of
trial numbers of a Monte Carlo run with its seed. Grid point k depends only on the axes and k,
and trial t only on the seed and t, so any executor (a Dask worker, a Ray task, a process pool)
computes the same numbers, and joining the units in order gives the local run bit for bit. A unit
is plain data in (strings, numbers, lists) and a column-major table out.

>>> from dask.distributed import Client, LocalCluster
>>> if __name__ == "__main__":                      # needed with processes=True in a script
...     with LocalCluster(n_workers=2, processes=True) as cluster, Client(cluster) as client:
...         df = reykjavik.distributed.sweep("us-russia-2021", axes, client)   # doctest: +SKIP

:func:`sweep_unit` and :func:`trial_unit` are the work units themselves, for other executors
(docs/python.md shows Ray).
"""

from __future__ import annotations

import json
import math
from typing import Any, Iterable

from . import _core, _plain

__all__ = ["monte_carlo", "plan_sweep", "plan_trials", "sweep", "sweep_unit", "trial_unit"]


def sweep_unit(source: _plain.Source, posing: _plain.Posing, axes: list[Any], start: int, stop: int):
    """Grid points ``start..stop`` of a sweep, as ``(names, columns)`` (plain lists)."""
    return _core.sweep(source, posing, axes, start, stop)


def trial_unit(
    source: _plain.Source,
    posing: _plain.Posing,
    total: int,
    seed: int,
    planning: str,
    start: int,
    stop: int,
):
    """Trials ``start..stop`` of a run of ``total`` trials with ``seed``, as ``(names, columns)``."""
    return _core.monte_carlo_trials(source, posing, total, seed, planning, start, stop)


def _unit_size(total: int, per_unit: int | None, client: Any) -> int:
    if per_unit is not None:
        return max(1, int(per_unit))
    # A few units per worker balance the load without much scheduling overhead.
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return max(1, math.ceil(total / (4 * workers)))


def plan_sweep(
    scenario: Any,
    axes: Any,
    *,
    alert: Any = None,
    launch_under_attack: Any = None,
    points_per_unit: int = 64,
) -> list[tuple[Any, tuple[Any, ...]]]:
    """The work units of a sweep, checked as the CLI checks it: a list of
    ``(sweep_unit, args)`` to run anywhere, in order."""
    return _plan_sweep(
        _plain.source(scenario),
        _plain.posing(alert, launch_under_attack),
        _plain.axes(axes),
        lambda total: points_per_unit,
    )


def _plan_sweep(source, posing, axes, size_of) -> list[tuple[Any, tuple[Any, ...]]]:
    total = _core.sweep_size(source, axes)
    return [
        (sweep_unit, (source, posing, axes, a, b))
        for a, b in _plain.split(total, size_of(total))
    ]


def plan_trials(
    scenario: Any,
    trials: int,
    *,
    seed: int = 1,
    planning: str = "fixed",
    alert: Any = None,
    launch_under_attack: Any = None,
    trials_per_unit: int = 1000,
) -> list[tuple[Any, tuple[Any, ...]]]:
    """The work units of a Monte Carlo run, checked as the CLI checks it: a list of
    ``(trial_unit, args)``, in order."""
    return _plan_trials(
        _plain.source(scenario),
        _plain.posing(alert, launch_under_attack),
        int(trials),
        int(seed),
        planning,
        trials_per_unit,
    )


def _plan_trials(source, posing, trials, seed, planning, size) -> list[tuple[Any, tuple[Any, ...]]]:
    # An empty unit checks the scenario, posing, planning and the cap on trials before any work.
    trial_unit(source, posing, trials, seed, planning, 0, 0)
    return [
        (trial_unit, (source, posing, trials, seed, planning, a, b))
        for a, b in _plain.split(trials, size)
    ]


def _run(client: Any, units: list[tuple[Any, tuple[Any, ...]]]) -> list[Any]:
    futures = [client.submit(f, *args, pure=False) for f, args in units]
    return client.gather(futures)


def sweep(
    scenario: Any,
    axes: Any,
    client: Any,
    *,
    alert: Any = None,
    launch_under_attack: Any = None,
    points_per_unit: int | None = None,
    table: str = "pandas",
) -> Any:
    """:func:`reykjavik.sweep` on a Dask client: the same table, row for row and bit for bit.

    ``points_per_unit``: grid points per task (default: about four tasks per worker).
    """
    units = _plan_sweep(
        _plain.source(scenario),
        _plain.posing(alert, launch_under_attack),
        _plain.axes(axes),
        lambda total: _unit_size(total, points_per_unit, client),
    )
    return _plain.table(_plain.concat(_run(client, units)), table)


def monte_carlo(
    scenario: Any,
    trials: int,
    client: Any,
    *,
    seed: int = 1,
    planning: str = "fixed",
    alert: Any = None,
    launch_under_attack: Any = None,
    at_least: Iterable[int] = (),
    trials_per_unit: int | None = None,
    return_trials: bool = False,
    table: str = "pandas",
) -> Any:
    """:func:`reykjavik.monte_carlo` on a Dask client: the same summary dict (and, with
    ``return_trials``, a tuple with the trial table of :func:`reykjavik.monte_carlo_trials`).

    The workers compute trial ranges; the summary is built here, from all trials in order, by
    the CLI's own Monte Carlo builder.
    """
    source = _plain.source(scenario)
    posing = _plain.posing(alert, launch_under_attack)
    size = _unit_size(int(trials), trials_per_unit, client)
    units = _plan_trials(source, posing, int(trials), int(seed), planning, size)
    joined = _plain.concat(_run(client, units))
    summary = json.loads(
        _core.monte_carlo_summary(source, int(seed), planning, [int(k) for k in at_least], joined)
    )
    if return_trials:
        return summary, _plain.table(joined, table)
    return summary
