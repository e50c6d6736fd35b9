"""The Python functions return the CLI's JSON documents, tables and errors."""

from __future__ import annotations

import io
import json
import tomllib

import pandas as pd
import pytest

import reykjavik

ROOT_AXES = {
    "side[United States].force[Trident II D5 (W76-1)].cep_m": (80, 200, 4),
    "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day": [0, 0.5, 1],
}
CLI_AXES = [
    "side[United States].force[Trident II D5 (W76-1)].cep_m=80:200:4",
    "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day=0:1:3",
]


@pytest.mark.parametrize("name", ["us-russia-2021", "kent-thaler-notional", "us-china-2010-wu"])
def test_the_index_and_the_whole_document_equal_the_cli_json(cli, name):
    from_python = reykjavik.analyze(name)
    from_cli = cli.json("analyze", name)
    assert from_python["first_strike_stability"]["index"] == from_cli["first_strike_stability"]["index"]
    assert from_python == from_cli


def test_posture_and_certificates_pass_through_as_the_cli_options(cli):
    doc = reykjavik.analyze(
        "us-russia-2021", alert={"Russia": "generated"}, launch_under_attack="Russia", certify=True
    )
    expected = cli.json(
        "analyze", "us-russia-2021", "--alert", "Russia=generated",
        "--launch-under-attack", "Russia", "--certify",
    )
    assert doc == expected
    assert [s["alert"] for s in doc["sides"]] == ["day-to-day", "generated"]
    assert "optimality" in doc["exchanges"][0]


def test_a_dict_a_toml_string_and_a_path_give_the_builtin_document(tmp_path):
    text = reykjavik.scenario_toml("kent-thaler-notional")
    path = tmp_path / "notional.toml"
    path.write_text(text)
    by_name = reykjavik.analyze("kent-thaler-notional")
    assert reykjavik.analyze(text) == by_name
    assert reykjavik.analyze(path) == by_name
    assert reykjavik.analyze(str(path)) == by_name
    assert reykjavik.analyze(tomllib.loads(text)) == by_name


def test_a_changed_dict_changes_the_result():
    scenario = tomllib.loads(reykjavik.scenario_toml("kent-thaler-notional"))
    base = reykjavik.analyze(scenario)["first_strike_stability"]["index"]
    scenario["side"][0]["force"][0]["launchers"] //= 4
    assert reykjavik.analyze(scenario)["first_strike_stability"]["index"] != base


def test_monte_carlo_equals_the_cli_monte_carlo_object(cli):
    mc = reykjavik.monte_carlo("us-china-2010-wu", 300, seed=5, alert={"China": "generated"}, at_least=[2])
    expected = cli.json(
        "analyze", "us-china-2010-wu", "--trials", "300", "--seed", "5",
        "--alert", "China=generated", "--at-least", "2",
    )["monte_carlo"]
    assert mc == expected
    assert "2" in mc["exchanges"][0]["p_at_least"]


def test_the_trial_table_has_one_row_per_trial_and_agrees_with_the_summary():
    df = reykjavik.monte_carlo_trials("us-china-2010-wu", 400, seed=2)
    mc = reykjavik.monte_carlo("us-china-2010-wu", 400, seed=2)
    assert len(df) == 400
    assert df["trial"].tolist() == list(range(400))
    assert df["index"].mean() == pytest.approx(mc["index"]["mean"], rel=1e-12)
    arriving = [c for c in df.columns if c.startswith("victim_arriving_warheads[United States first]")]
    share = (df[arriving].sum(axis=1) >= 1).mean()
    assert share == mc["exchanges"][0]["p_at_least"]["1"]


def test_trial_ranges_join_into_the_whole_table():
    whole = reykjavik.monte_carlo_trials("us-russia-2021", 30, seed=3)
    parts = [
        reykjavik.monte_carlo_trials("us-russia-2021", 30, seed=3, start=a, stop=b)
        for a, b in [(0, 11), (11, 12), (12, 30)]
    ]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole, check_exact=True)


def test_the_sweep_table_has_one_row_per_grid_point_and_equals_the_cli_csv(cli):
    df = reykjavik.sweep("us-russia-2021", ROOT_AXES)
    assert len(df) == 4 * 3
    done = cli.run("sweep", "us-russia-2021", "--vary", CLI_AXES[0], "--vary", CLI_AXES[1])
    assert done.returncode == 0, done.stderr
    expected = pd.read_csv(io.StringIO(done.stdout))
    assert list(df.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(df, expected.astype("float64"), check_exact=True)


def test_axes_as_strings_tuples_and_a_dict_are_the_same_grid():
    by_dict = reykjavik.sweep("us-russia-2021", ROOT_AXES)
    by_strings = reykjavik.sweep("us-russia-2021", CLI_AXES)
    by_tuples = reykjavik.sweep(
        "us-russia-2021",
        [
            ("side[United States].force[Trident II D5 (W76-1)].cep_m", 80, 200, 4),
            ("side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day", [0.0, 0.5, 1.0]),
        ],
    )
    pd.testing.assert_frame_equal(by_dict, by_strings, check_exact=True)
    pd.testing.assert_frame_equal(by_dict, by_tuples, check_exact=True)


def test_arrow_tables_when_pyarrow_is_installed():
    pa = pytest.importorskip("pyarrow")
    table = reykjavik.sweep("us-russia-2021", CLI_AXES, table="arrow")
    assert isinstance(table, pa.Table)
    assert table.num_rows == 12
    trials = reykjavik.monte_carlo_trials("us-china-2010-wu", 20, table="arrow")
    assert trials.column("trial").to_pylist() == list(range(20))


def test_draw_down_curves_as_a_table():
    doc = reykjavik.analyze("kent-thaler-notional")
    df = reykjavik.curves(doc)
    lengths = [len(x["draw_down_curve"]) for x in doc["exchanges"]]
    assert len(df) == sum(lengths)
    first = doc["exchanges"][0]
    stop = df[(df["striker"] == first["striker"]) & (df["point"] == first["stop_index"])]
    assert stop["warheads_spent"].item() == first["draw_down_curve"][first["stop_index"]]["warheads_spent"]


def test_compare_treaty_and_breakout_equal_the_cli_json(cli):
    assert reykjavik.compare("us-russia-2021", ["de-mirv-icbms"]) == cli.json(
        "compare", "us-russia-2021", "de-mirv-icbms"
    )
    assert reykjavik.treaty("us-russia-2021", count_disputed=True) == cli.json(
        "treaty", "us-russia-2021", "--count-disputed"
    )
    assert reykjavik.breakout("iran-jcpoa", trials=200, seed=4) == cli.json(
        "breakout", "iran-jcpoa", "--trials", "200", "--seed", "4"
    )


def test_breakout_grid_equals_the_cli_json_and_csv(cli):
    axes = ["plant[0].machines=1000:5000:3", "stock[0].mass_kg=0:300:4"]
    doc = reykjavik.breakout_grid("iran-jcpoa", axes)
    assert doc == cli.json("breakout", "iran-jcpoa", "--vary", axes[0], "--vary", axes[1])
    # The same grid as tuples and a dict; the first axis slowest.
    assert reykjavik.breakout_grid("iran-jcpoa", [("plant[0].machines", 1000, 5000, 3), ("stock[0].mass_kg", 0, 300, 4)]) == doc
    assert reykjavik.breakout_grid("iran-jcpoa", {"plant[0].machines": (1000, 5000, 3), "stock[0].mass_kg": (0, 300, 4)}) == doc
    assert [row["values"] for row in doc["rows"][:5]] == [[1000, 0], [1000, 100], [1000, 200], [1000, 300], [3000, 0]]
    # A point's months are the single-case breakout's at the same values, bit for bit.
    case = cli.run("breakout", "--show", "iran-jcpoa").stdout
    single = reykjavik.breakout(
        case.replace("machines = 5060", "machines = 3000").replace("mass_kg = 300 ", "mass_kg = 200 ")
    )
    assert doc["rows"][6]["values"] == [3000, 200]
    assert doc["rows"][6]["months_to_first"] == single["months_to_first"]
    # The table has the CSV's columns and values.
    csv = cli.run("breakout", "iran-jcpoa", "--vary", axes[0], "--vary", axes[1]).stdout
    df = reykjavik.breakout_grid("iran-jcpoa", axes, table="pandas")
    expected = pd.read_csv(io.StringIO(csv))
    assert list(df.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(df, expected, check_dtype=False)


def test_optimize_equals_the_cli_json(cli):
    py = reykjavik.optimize("kent-thaler-notional", "Side B", starts=1, grid_budget=10)
    expected = cli.json(
        "optimize", "kent-thaler-notional", "--side", "Side B", "--starts", "1", "--grid-budget", "10"
    )
    assert py == expected


def test_optimize_on_n_sides_returns_the_cli_n_side_document(cli):
    py = reykjavik.optimize("us-russia-china-2025", "China", starts=1, grid_budget=6)
    expected = cli.json(
        "optimize", "us-russia-china-2025", "--side", "China", "--starts", "1", "--grid-budget", "6"
    )
    assert py == expected
    assert py["sides"] == ["United States", "Russia", "China"]
    assert len(py["best"]["regimes"][0]["ratios"]) == 6


def test_reciprocity_and_richardson_equal_the_cli_json(cli):
    assert reykjavik.reciprocity("tft", "gtft", noise=0.02, simulate=200, games=10, seed=3) == cli.json(
        "reciprocity", "tft", "gtft", "--noise", "0.02", "--simulate", "200", "--games", "10", "--seed", "3"
    )
    assert reykjavik.reciprocity(table=True) == cli.json("reciprocity", "--table")
    assert reykjavik.richardson(k=0.9, l=0.4, a=0.5, b=0.8, g=2, h=-1, start=(10, 5), years=30, steps=60) == cli.json(
        "richardson", "--k", "0.9", "--l", "0.4", "--a", "0.5", "--b", "0.8", "--g", "2", "--h=-1",
        "--from", "10,5", "--years", "30", "--steps", "60",
    )
    with pytest.raises(reykjavik.ScenarioError):
        reykjavik.richardson(k=0.9, l=0.4, a=0.5, b=0.8, years=-1)


def test_an_n_side_scenario_gets_the_cli_n_side_document(cli):
    doc = reykjavik.analyze("us-russia-china-2021")
    assert doc["kind"] == "n-side"
    assert doc == cli.json("analyze", "us-russia-china-2021")


def test_race_equals_the_cli_json(cli):
    doc = reykjavik.race("us-russia-2021", "follow-on-1000", by="Russia", rounds=2)
    assert doc == cli.json(
        "race", "us-russia-2021", "--move", "follow-on-1000", "--by", "Russia", "--rounds", "2"
    )
    assert reykjavik.race("us-russia-2021", "de-mirv-icbms", rounds=2) == cli.json(
        "race", "us-russia-2021", "--move", "de-mirv-icbms", "--rounds", "2"
    )
    with pytest.raises(reykjavik.ScenarioError, match="give --by SIDE"):
        reykjavik.race("us-russia-2021", "ssbn-patrols")


def test_n_side_race_equals_the_cli_json(cli):
    doc = reykjavik.race("us-russia-china-2025", "us-homeland-defense", rounds=2)
    assert doc == cli.json(
        "race", "us-russia-china-2025", "--move", "us-homeland-defense", "--rounds", "2"
    )
    assert doc["order"] == ["Russia", "China", "United States"]
    assert doc["turns"][1]["actor"] == "Russia"


def test_n_side_monte_carlo_equals_the_cli_and_its_trial_table(cli):
    # Issue 10: every pair's outcomes drawn, fixed planning by default, as the CLI.
    mc = reykjavik.monte_carlo("us-russia-china-2025", 30, seed=4, at_least=[300])
    expected = cli.json(
        "analyze", "us-russia-china-2025", "--trials", "30", "--seed", "4", "--at-least", "300",
    )["monte_carlo"]
    assert mc == expected
    assert mc["planning"] == "fixed" and mc["outcomes"] == "drawn"
    assert len(mc["exchanges"]) == 6 and "300" in mc["exchanges"][0]["p_at_least"]
    informed = reykjavik.monte_carlo("us-russia-china-2025", 30, seed=4, planning="informed")
    assert informed["planning"] == "informed"
    df = reykjavik.monte_carlo_trials("us-russia-china-2025", 30, seed=4)
    assert df["trial"].tolist() == list(range(30))
    assert df["index"].mean() == pytest.approx(mc["index"]["mean"], rel=1e-12)
    assert df["overall_ratio[China]"].mean() == pytest.approx(
        mc["overall_ratio"]["China"]["mean"], rel=1e-12
    )
    part = reykjavik.monte_carlo_trials("us-russia-china-2025", 30, seed=4, start=10, stop=12)
    assert part["index"].tolist() == df["index"].tolist()[10:12]


def test_race_and_richardson_errors_name_the_cli_options():
    with pytest.raises(reykjavik.ScenarioError, match=r"--by Nobody: no such side \(sides: United States, Russia, or 1 and 2\)"):
        reykjavik.race("us-russia-2021", "us-homeland-defense", by="Nobody", rounds=1)
    with pytest.raises(reykjavik.ScenarioError, match="--rounds = 0 is out of range"):
        reykjavik.race("us-russia-2021", "us-homeland-defense", rounds=0)
    with pytest.raises(reykjavik.ScenarioError, match="--rounds = -1 is out of range"):
        reykjavik.race("us-russia-2021", "us-homeland-defense", rounds=-1)
    with pytest.raises(reykjavik.ScenarioError, match=r"--by Nobody: no such side \(sides: United States, Russia, China, or 1 to 3\)"):
        reykjavik.race("us-russia-china-2025", "us-homeland-defense", by="Nobody", rounds=1)
    with pytest.raises(reykjavik.ScenarioError, match="--steps"):
        reykjavik.richardson(k=0.9, l=0.4, a=0.5, b=0.8, steps=-1)
    with pytest.raises(reykjavik.ScenarioError, match="^--k: "):
        reykjavik.richardson(k=400, l=0.4, a=0.5, b=0.8)
