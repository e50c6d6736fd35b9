"""Type stubs of the extension module `reykjavik._core` (Rust, pyo3). Use the functions of
`reykjavik` and `reykjavik.distributed`; these are their plain-data building blocks."""

from typing import Optional, Union

# (kind, value, label): kind "name_or_path" or "toml".
Source = tuple[str, str, str]
# (alert, launch_under_attack): the CLI's --alert and --launch-under-attack values.
Posing = tuple[list[str], list[str]]
# "PATH=START:STOP:STEPS", (path, start, stop, steps) or (path, [values]).
Axis = Union[str, tuple[str, float, float, int], tuple[str, list[float]]]
# Column names and columns of equal length.
Columns = tuple[list[str], list[list[float]]]

class ScenarioError(ValueError):
    """Bad input (the CLI's exit code 2), located where it can be."""

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    field: Optional[str]
    range: Optional[str]
    diagnostics: list[dict[str, Optional[str]]]

class ComputationError(RuntimeError):
    """The result is undefined for these inputs (the CLI's exit code 1)."""

def builtins() -> list[tuple[str, str]]: ...
def builtin_toml(name: str) -> Optional[str]: ...
def toml_from_json(json: str) -> str: ...
def check(source: Source) -> tuple[str, list[str]]: ...
def analyze(source: Source, posing: Posing, certify: bool) -> str: ...
def monte_carlo(
    source: Source,
    posing: Posing,
    trials: int,
    seed: int,
    planning: str,
    at_least: list[int],
) -> str: ...
def monte_carlo_trials(
    source: Source,
    posing: Posing,
    total: int,
    seed: int,
    planning: str,
    start: int,
    stop: int,
) -> Columns: ...
def monte_carlo_summary(
    source: Source, seed: int, planning: str, at_least: list[int], table: Columns
) -> str: ...
def sweep_size(source: Source, axes: list[Axis]) -> int: ...
def sweep(
    source: Source,
    posing: Posing,
    axes: list[Axis],
    start: Optional[int] = None,
    stop: Optional[int] = None,
) -> Columns: ...
def compare(
    source: Source,
    proposals: list[str],
    treaty: Optional[str],
    count_disputed: bool,
    trials: Optional[int],
    seed: int,
) -> str: ...
def optimize(
    source: Source,
    side: str,
    treaty: Optional[str],
    objective: str,
    seed: int,
    starts: int,
    grid_budget: int,
    max_growth: float,
    min_warheads: Optional[int],
) -> str: ...
def treaty(source: Source, treaty: Optional[str], count_disputed: bool) -> str: ...
def breakout(
    source: Source, trials: Optional[int], seed: int, solve: Optional[tuple[str, float]]
) -> str: ...
def breakout_grid(source: Source, axes: list[Axis]) -> str: ...
def richardson(
    k: float,
    l: float,
    a: float,
    b: float,
    g: float,
    h: float,
    start: tuple[float, float],
    years: float,
    steps: int,
) -> str: ...
def reciprocity(
    a: str,
    b: str,
    noise: float,
    forgiveness: float | None,
    payoffs: list[float],
    simulate: int | None,
    games: int,
    seed: int,
    table: bool,
    events: str | None,
) -> str: ...
def race(
    source: Source,
    posing: Posing,
    move_: str,
    by: str | None,
    rounds: int,
    menu: str | None,
    position: str,
    tolerance: float | None,
    bound: float | None,
    richardson: bool,
) -> str: ...
