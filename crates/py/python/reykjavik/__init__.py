"""Reykjavik from Python: first-strike stability analysis with plain data in and out.

Every analysis function takes a scenario as a built-in name (``"us-russia-2021"``), a path, TOML
text or a dict, and returns the same JSON document as the command-line tool
(``reykjavik analyze --format json`` and so on, docs/output-format.md) as a dict. Tables (sweep
points, Monte Carlo trials, draw-down curves) come as pandas DataFrames, or as pyarrow Tables
with ``table="arrow"``. Bad input raises :class:`ScenarioError` (with ``file``, ``line``,
``column``, ``field`` and ``range``); a result that is undefined raises
:class:`ComputationError`. The engine runs with the GIL released.

>>> import reykjavik
>>> doc = reykjavik.analyze("us-russia-2021")
>>> round(doc["first_strike_stability"]["index"], 3)  # doctest: +SKIP
0.37

Scale-out on Dask is in :mod:`reykjavik.distributed`.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from . import _core, _plain
from ._core import ComputationError, ScenarioError

__all__ = [
    "ComputationError",
    "ScenarioError",
    "analyze",
    "breakout",
    "breakout_grid",
    "builtins",
    "check",
    "compare",
    "curves",
    "monte_carlo",
    "monte_carlo_trials",
    "optimize",
    "race",
    "reciprocity",
    "richardson",
    "scenario_toml",
    "sweep",
    "treaty",
]

DEFAULT_SCENARIO = "us-russia-2021"


def builtins() -> dict[str, str]:
    """The built-in scenarios: name -> one-line description.

    >>> "us-russia-2021" in reykjavik.builtins()
    True
    """
    return dict(_core.builtins())


def scenario_toml(name: str) -> str:
    """A built-in scenario's TOML text, with the source of every number (to edit and pass back).

    >>> text = reykjavik.scenario_toml("kent-thaler-notional")
    >>> reykjavik.check(text.replace("launchers = 400", "launchers = 300"))["name"]
    'kent-thaler-notional'
    """
    text = _core.builtin_toml(name)
    if text is None:
        raise ScenarioError(f"no built-in scenario named `{name}` (available: {', '.join(builtins())})")
    return text


def check(scenario: Any) -> dict[str, Any]:
    """Loads and validates a scenario: ``{"name": ..., "sides": [...]}``, or ScenarioError.

    >>> reykjavik.check("us-china-2010-wu")["sides"]
    ['United States', 'China']
    """
    name, sides = _core.check(_plain.source(scenario))
    return {"name": name, "sides": sides}


def analyze(
    scenario: Any = DEFAULT_SCENARIO,
    *,
    alert: Any = None,
    launch_under_attack: Any = None,
    certify: bool = False,
) -> dict[str, Any]:
    """First-strike stability: the document of ``reykjavik analyze --format json``.

    ``alert``: ``"generated"``, ``"day-to-day"``, or ``{"Russia": "generated"}``;
    ``launch_under_attack``: True (both sides) or a side name; ``certify``: gap certificates.

    >>> doc = reykjavik.analyze("us-russia-2021", alert={"Russia": "generated"})
    >>> [s["alert"] for s in doc["sides"]]
    ['day-to-day', 'generated']
    >>> reykjavik.curves(doc).columns[:3].tolist()
    ['striker', 'point', 'warheads_spent']
    """
    text = _core.analyze(_plain.source(scenario), _plain.posing(alert, launch_under_attack), certify)
    return json.loads(text)


def curves(document: dict[str, Any], table: str = "pandas") -> Any:
    """The draw-down curves of an :func:`analyze` document as one table: a row per curve point
    (``striker``, ``point`` (its index; ``stop_index`` marks the stop) and the point's fields).
    """
    columns: dict[str, list[Any]] = {}
    rows = [
        (x["striker"], k, p)
        for x in document["exchanges"]
        for k, p in enumerate(x.get("draw_down_curve", []))
    ]
    fields = list(rows[0][2]) if rows else []
    columns["striker"] = [r[0] for r in rows]
    columns["point"] = [r[1] for r in rows]
    for f in fields:
        columns[f] = [r[2][f] for r in rows]
    if table == "arrow":
        import pyarrow as pa

        return pa.table(columns)
    import pandas as pd

    return pd.DataFrame(columns)


def monte_carlo(
    scenario: Any = DEFAULT_SCENARIO,
    trials: int = 1000,
    *,
    seed: int = 1,
    planning: str = "fixed",
    alert: Any = None,
    launch_under_attack: Any = None,
    at_least: Iterable[int] = (),
) -> dict[str, Any]:
    """Monte Carlo summary: the ``monte_carlo`` object of
    ``reykjavik analyze --trials N --seed S --format json`` (trial t depends only on seed and t).
    On an N-side scenario, the N-side object (every ordered pair's outcomes drawn).

    >>> mc = reykjavik.monte_carlo("us-china-2010-wu", 2000, seed=1, alert={"China": "generated"})
    >>> mc["exchanges"][0]["p_at_least"]["1"]  # doctest: +SKIP
    0.9
    """
    text = _core.monte_carlo(
        _plain.source(scenario),
        _plain.posing(alert, launch_under_attack),
        int(trials),
        int(seed),
        planning,
        [int(k) for k in at_least],
    )
    return json.loads(text)


def monte_carlo_trials(
    scenario: Any = DEFAULT_SCENARIO,
    trials: int = 1000,
    *,
    seed: int = 1,
    planning: str = "fixed",
    alert: Any = None,
    launch_under_attack: Any = None,
    start: int = 0,
    stop: int | None = None,
    table: str = "pandas",
) -> Any:
    """One row per trial (trials ``start..stop`` of a run of ``trials``): ``trial``, ``index``,
    ``ratio[SIDE]`` and, per first strike (``[SIDE first]``), warheads spent, arriving and
    surviving (by victim element), damage and cost. On an N-side scenario: ``overall_ratio[ACTOR]``,
    ``ratio[A->B]`` and per ordered pair ``[A->B]`` the same figures. Column names: docs/python.md.

    >>> df = reykjavik.monte_carlo_trials("us-china-2010-wu", 500, seed=1)
    >>> len(df), int(df["trial"].iloc[-1])
    (500, 499)
    """
    stop = int(trials) if stop is None else int(stop)
    columns = _core.monte_carlo_trials(
        _plain.source(scenario),
        _plain.posing(alert, launch_under_attack),
        int(trials),
        int(seed),
        planning,
        int(start),
        stop,
    )
    return _plain.table(columns, table)


def sweep(
    scenario: Any,
    axes: Any,
    *,
    alert: Any = None,
    launch_under_attack: Any = None,
    table: str = "pandas",
) -> Any:
    """The analysis over a grid: one row per grid point, in grid order (the last axis fastest),
    with the columns of ``reykjavik sweep -o FILE.csv``.

    ``axes``: ``"PATH=START:STOP:STEPS"`` strings, ``(path, start, stop, steps)`` or
    ``(path, [values])`` tuples, or a dict ``{path: (start, stop, steps) or [values]}``.

    >>> df = reykjavik.sweep("us-russia-2021", {
    ...     "side[United States].force[Trident II D5 (W76-1)].cep_m": (80, 200, 4),
    ...     "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day": [0, 0.5, 1],
    ... })
    >>> len(df)
    12
    """
    columns = _core.sweep(
        _plain.source(scenario), _plain.posing(alert, launch_under_attack), _plain.axes(axes)
    )
    return _plain.table(columns, table)


def compare(
    scenario: Any,
    proposals: Iterable[str],
    *,
    treaty: str | None = None,
    count_disputed: bool = False,
    trials: int | None = None,
    seed: int = 1,
) -> dict[str, Any]:
    """A scenario against proposals (built-in names or files): the document of
    ``reykjavik compare --format json``.

    >>> doc = reykjavik.compare("us-russia-2021", ["de-mirv-icbms"])
    >>> [e["name"] for e in doc["entries"]]
    ['base', 'de-mirv-icbms']
    """
    if isinstance(proposals, str):
        proposals = [proposals]
    text = _core.compare(
        _plain.source(scenario),
        [str(p) for p in proposals],
        treaty,
        count_disputed,
        None if trials is None else int(trials),
        int(seed),
    )
    return json.loads(text)


def optimize(
    scenario: Any,
    side: str,
    *,
    treaty: str | None = None,
    objective: str = "index",
    seed: int = 1,
    starts: int = 6,
    grid_budget: int = 400,
    max_growth: float = 1.5,
    min_warheads: int | None = None,
) -> dict[str, Any]:
    """The most stable posture of one side within a treaty's limits: the document of
    ``reykjavik optimize --format json`` (deterministic for a seed). On an N-side scenario, the
    N-side document (postures scored by the N-side analysis; docs/arms-control.md "N sides").

    >>> doc = reykjavik.optimize("us-russia-2021", "Russia", starts=2, grid_budget=50)  # doctest: +SKIP
    """
    text = _core.optimize(
        _plain.source(scenario),
        side,
        treaty,
        objective,
        int(seed),
        int(starts),
        int(grid_budget),
        float(max_growth),
        None if min_warheads is None else int(min_warheads),
    )
    return json.loads(text)


def treaty(scenario: Any, *, treaty: str | None = None, count_disputed: bool = False) -> dict[str, Any]:
    """A scenario counted under a treaty (New START by default): the document of
    ``reykjavik treaty --format json``.

    >>> doc = reykjavik.treaty("us-russia-2021", count_disputed=True)  # doctest: +SKIP
    """
    return json.loads(_core.treaty(_plain.source(scenario), treaty, count_disputed))


def breakout(
    case: Any,
    *,
    trials: int | None = None,
    seed: int = 1,
    solve: str | None = None,
    target_months: float | None = None,
) -> dict[str, Any]:
    """Breakout: months to weapons-grade material for a case (built-in name such as
    ``"iran-jcpoa"``, path or TOML text): the document of ``reykjavik breakout --format json``.

    >>> doc = reykjavik.breakout("iran-jcpoa", trials=1000)  # doctest: +SKIP
    """
    if (solve is None) != (target_months is None):
        raise ScenarioError("breakout: give solve and target_months together")
    pair = None if solve is None else (solve, float(target_months))  # type: ignore[arg-type]
    text = _core.breakout(_plain.source(case), None if trials is None else int(trials), int(seed), pair)
    return json.loads(text)


def breakout_grid(case: Any, axes: Any, *, table: str | None = None) -> Any:
    """Breakout over a grid of one or two of a case's fields: the document of
    ``reykjavik breakout CASE --vary ... --format json`` (a row per grid point, the first axis
    slowest), or with ``table="pandas"`` (or ``"arrow"``) the same rows as a table with the
    CSV's columns (months ``NaN`` where a quantity is never made).

    ``axes``: ``"PATH=START:STOP:STEPS"`` strings, ``(path, start, stop, steps)`` tuples, or a
    dict ``{path: (start, stop, steps)}``; fields as ``breakout --vary`` takes them
    (``plant[0].machines``, ``stock[0].mass_kg``, ``setup_months``, ...).

    >>> doc = reykjavik.breakout_grid("iran-jcpoa", {"plant[0].machines": (1000, 5000, 3)})
    >>> [row["values"][0] for row in doc["rows"]]
    [1000.0, 3000.0, 5000.0]
    """
    text = _core.breakout_grid(_plain.source(case), _plain.axes(axes))
    doc = json.loads(text)
    return doc if table is None else _plain.grid_table(doc, table)


def reciprocity(
    a: str | None = None,
    b: str | None = None,
    *,
    noise: float = 0.01,
    forgiveness: float | None = None,
    payoffs: tuple[float, float, float, float] = (5, 3, 1, 0),
    simulate: int | None = None,
    games: int = 100,
    seed: int = 1,
    table: bool = False,
    events: str | None = None,
) -> dict[str, Any]:
    """Reciprocity under noise (issue 11): strategy ``a`` against ``b`` (tft, gtft, ctft, wsls,
    alld, allc, grim), every pair (``table=True``) or an event series (``events=``): the document
    of ``reykjavik reciprocity --format json``.

    >>> doc = reykjavik.reciprocity("tft", "ctft", noise=0.01)
    >>> doc["command"]
    'reciprocity'
    """
    text = _core.reciprocity(
        str(a),
        str(b),
        float(noise),
        None if forgiveness is None else float(forgiveness),
        [float(p) for p in payoffs],
        None if simulate is None else int(simulate),
        int(games),
        int(seed),
        bool(table),
        events,
    )
    return json.loads(text)


def richardson(
    *,
    k: float,
    l: float,
    a: float,
    b: float,
    g: float = 0.0,
    h: float = 0.0,
    start: tuple[float, float] = (0.0, 0.0),
    years: float = 20.0,
    steps: int = 200,
) -> dict[str, Any]:
    """Richardson's arms-race model dx/dt = k y - a x + g, dy/dt = l x - b y + h: equilibrium,
    stability and a trajectory from ``start``; the document of
    ``reykjavik richardson --format json``.

    >>> doc = reykjavik.richardson(k=0.5, l=0.5, a=1.0, b=1.0, g=1.0, h=1.0, start=(0, 0))
    >>> doc["command"]
    'richardson'
    """
    x0, y0 = start
    text = _core.richardson(
        float(k), float(l), float(a), float(b), float(g), float(h),
        (float(x0), float(y0)), float(years), int(steps),
    )
    return json.loads(text)


def race(
    scenario: Any,
    move: str,
    *,
    by: str | None = None,
    rounds: int = 10,
    menu: str | None = None,
    position: str = "retaliation",
    tolerance: float | None = None,
    bound: float | None = None,
    richardson: bool = False,
    alert: Any = None,
    launch_under_attack: Any = None,
) -> dict[str, Any]:
    """An arms race (issue 11): ``move`` (a proposal) starts it, then each side's best response,
    round by round; the document of ``reykjavik race --format json``. On an N-side scenario
    (issue 10) the actors answer round robin and the document is the N-side race's (``turns``).

    >>> doc = reykjavik.race("us-russia-2021", "follow-on-1000", rounds=1)  # doctest: +SKIP
    """
    text = _core.race(
        _plain.source(scenario),
        _plain.posing(alert, launch_under_attack),
        str(move),
        None if by is None else str(by),
        int(rounds),
        None if menu is None else str(menu),
        str(position),
        None if tolerance is None else float(tolerance),
        None if bound is None else float(bound),
        bool(richardson),
    )
    return json.loads(text)
