"""Plain data in: scenario sources, postures, axes and tables, as the extension takes them.

Shared by the public functions and by the Dask work units (`reykjavik.distributed`), so a
work unit carries only strings, numbers and lists (nothing needs pickling beyond them).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from . import _core

Source = tuple[str, str, str]
Posing = tuple[list[str], list[str]]


def source(scenario: Any) -> Source:
    """(kind, value, label) of a built-in name, a path, TOML text or a dict."""
    if isinstance(scenario, Mapping):
        try:
            text = json.dumps(scenario, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise _core.ScenarioError(f"<dict>: {e}") from None
        return ("toml", _core.toml_from_json(text), "<dict>")
    if isinstance(scenario, os.PathLike):
        path = os.fspath(scenario)
        return ("name_or_path", str(path), str(path))
    if isinstance(scenario, str):
        if "\n" in scenario or scenario.lstrip().startswith("["):
            return ("toml", scenario, "<string>")
        return ("name_or_path", scenario, scenario)
    raise TypeError(
        "scenario: give a built-in name, a path, TOML text or a dict, "
        f"not {type(scenario).__name__}"
    )


def posing(alert: Any = None, launch_under_attack: Any = None) -> Posing:
    """The CLI's --alert and --launch-under-attack values."""
    if alert is None:
        alerts: list[str] = []
    elif isinstance(alert, str):
        alerts = [alert]
    elif isinstance(alert, Mapping):
        alerts = [f"{side}={posture}" for side, posture in alert.items()]
    else:
        alerts = [str(a) for a in alert]
    if launch_under_attack is None or launch_under_attack is False:
        lua: list[str] = []
    elif launch_under_attack is True:
        lua = ["both"]
    elif isinstance(launch_under_attack, (str, int)):
        lua = [str(launch_under_attack)]
    else:
        lua = [str(s) for s in launch_under_attack]
    return (alerts, lua)


def axes(given: Any) -> list[Any]:
    """Axes as the extension takes them: `PATH=START:STOP:STEPS` strings,
    `(path, start, stop, steps)` or `(path, [values])`."""
    if isinstance(given, str):
        return [given]
    items = given.items() if isinstance(given, Mapping) else None
    out: list[Any] = []
    if items is not None:
        for path, spec in items:
            if isinstance(spec, str):
                out.append(f"{path}={spec}")
            elif isinstance(spec, tuple) and len(spec) == 3:
                out.append((str(path), float(spec[0]), float(spec[1]), int(spec[2])))
            else:
                out.append((str(path), [float(v) for v in spec]))
        return out
    for axis in given:
        if isinstance(axis, str):
            out.append(axis)
        elif len(axis) == 4:
            out.append((str(axis[0]), float(axis[1]), float(axis[2]), int(axis[3])))
        elif len(axis) == 2 and isinstance(axis[1], Sequence):
            out.append((str(axis[0]), [float(v) for v in axis[1]]))
        else:
            raise TypeError(f"axis {axis!r}: give 'PATH=START:STOP:STEPS', (path, start, stop, steps) or (path, [values])")
    return out


INTEGER_COLUMNS = ("trial",)


def table(columns: tuple[list[str], list[list[float]]], kind: str = "pandas") -> Any:
    """A column-major table as a pandas DataFrame (`kind="pandas"`) or a pyarrow Table
    (`kind="arrow"`, needs pyarrow)."""
    names, data = columns
    if kind == "arrow":
        try:
            import pyarrow as pa
        except ImportError:
            raise ImportError("table='arrow' needs pyarrow: pip install pyarrow") from None
        arrays = [pa.array(col, type=pa.int64() if n in INTEGER_COLUMNS else pa.float64()) for n, col in zip(names, data)]
        return pa.table(dict(zip(names, arrays)))
    if kind != "pandas":
        raise ValueError(f"table={kind!r}: give 'pandas' or 'arrow'")
    import pandas as pd

    frame = pd.DataFrame({n: col for n, col in zip(names, data)}, columns=names)
    for n in INTEGER_COLUMNS:
        if n in frame:
            frame[n] = frame[n].astype("int64")
    return frame


def concat(parts: Sequence[tuple[list[str], list[list[float]]]]) -> tuple[list[str], list[list[float]]]:
    """Tables of consecutive work units, in order, as one table."""
    names = parts[0][0]
    data: list[list[float]] = [[] for _ in names]
    for part_names, part in parts:
        if part_names != names:
            raise ValueError("work units with different columns cannot be joined")
        for column, values in zip(data, part):
            column.extend(values)
    return (names, data)


def split(total: int, size: int) -> list[tuple[int, int]]:
    """`0..total` as consecutive ranges of at most `size` items (the engine's `work_units::split`)."""
    size = max(1, int(size))
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def grid_table(doc: dict[str, Any], kind: str = "pandas") -> Any:
    """The rows of a breakout grid document as a table with its CSV's columns: each axis's
    value, the months (NaN where never made), the quantities made and the route."""
    names = doc["columns"]
    rows = doc["rows"]
    n_axes = len(doc["axes"])
    nan = float("nan")
    data: dict[str, list[Any]] = {
        name: [row["values"][k] for row in rows] for k, name in enumerate(names[:n_axes])
    }
    for name in ("months_to_first", "months_to_last"):
        data[name] = [nan if row[name] is None else row[name] for row in rows]
    data["quantities_made"] = [row["quantities_made"] for row in rows]
    data["route"] = [row["route"] for row in rows]
    if kind == "arrow":
        try:
            import pyarrow as pa
        except ImportError:
            raise ImportError("table='arrow' needs pyarrow: pip install pyarrow") from None
        return pa.table({name: data[name] for name in names})
    if kind != "pandas":
        raise ValueError(f"table={kind!r}: give 'pandas' or 'arrow'")
    import pandas as pd

    return pd.DataFrame(data, columns=names)
