"""`reykjavik.sweep` on N-side scenarios (issue 10): the N-side sweep table, equal to the CLI's
N-side CSV, locally and in work units."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import reykjavik

HAMI = "side[China].force[Hami field (DF-31 class)].launchers"
AXES = [f"{HAMI}=0:110:3", "side[0].force[0].cep_m=100:300:2"]


def test_the_n_side_sweep_table_equals_the_cli_csv(cli):
    df = reykjavik.sweep("us-russia-china-2025", AXES, alert={"China": "generated"})
    assert len(df) == 3 * 2
    assert list(df.columns[:5]) == [
        HAMI,
        "side[0].force[0].cep_m",
        "index",
        "overall_ratio[United States]",
        "overall_ratio[Russia]",
    ]
    assert "ratio[China->Russia]" in df.columns
    done = cli.run(
        "sweep", "us-russia-china-2025", "--vary", AXES[0], "--vary", AXES[1],
        "--alert", "China=generated", "--quiet",
    )
    assert done.returncode == 0, done.stderr
    expected = pd.read_csv(io.StringIO(done.stdout))
    assert list(df.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(df, expected.astype("float64"), check_exact=True)
    # The index is the product of the overall ratios, row by row.
    overall = df[[c for c in df.columns if c.startswith("overall_ratio[")]].prod(axis=1)
    pd.testing.assert_series_equal(overall, df["index"], check_names=False, rtol=1e-12)


def test_work_units_of_an_n_side_sweep_join_to_the_whole():
    whole = reykjavik.sweep("us-russia-china-2025", AXES)
    parts = [
        reykjavik._plain.table(reykjavik._core.sweep(
            reykjavik._plain.source("us-russia-china-2025"),
            reykjavik._plain.posing(None, None),
            reykjavik._plain.axes(AXES),
            a,
            b,
        ))
        for a, b in [(0, 1), (1, 4), (4, 6)]
    ]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole, check_exact=True)


def test_bad_n_side_axes_are_located_scenario_errors():
    with pytest.raises(reykjavik.ScenarioError, match="not a whole number"):
        reykjavik.sweep("us-russia-china-2025", [f"{HAMI}=0:110:4"])
    with pytest.raises(reykjavik.ScenarioError, match="too many for this N-side scenario"):
        reykjavik.sweep(
            "us-russia-china-2025",
            ["side[0].force[0].cep_m=100:200:10000", "side[1].force[0].cep_m=100:300:100"],
        )
