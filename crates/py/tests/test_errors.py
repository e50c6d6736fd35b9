"""Bad input raises ScenarioError located at the file, line, column, field and range."""

from __future__ import annotations

import pytest

import reykjavik
from reykjavik import ScenarioError


def notional_with(old: str, new: str) -> tuple[str, int]:
    text = reykjavik.scenario_toml("kent-thaler-notional")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    return text.replace(old, new, 1), line


def test_a_value_out_of_range_names_its_line_column_field_and_range():
    text, line = notional_with("launchers = 400", "launchers = -4")
    with pytest.raises(ScenarioError) as caught:
        reykjavik.analyze(text)
    e = caught.value
    assert (e.file, e.line) == ("<string>", line)
    assert e.column == 13
    assert e.field == "side[0].force[0].launchers"
    assert e.range == "an integer 0 to 100000"
    assert f"<string>:{line}:13" in str(e)


def test_a_file_names_its_path(tmp_path):
    text, line = notional_with("launchers = 400", "launchers = 4.5")
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        reykjavik.monte_carlo(path, 10)
    assert caught.value.file == str(path)
    assert caught.value.line == line


def test_malformed_toml_has_a_line_and_no_field():
    text, line = notional_with("launchers = 400", "launchers = = 400")
    with pytest.raises(ScenarioError) as caught:
        reykjavik.check(text)
    assert caught.value.line == line
    assert "malformed TOML" in str(caught.value)


def test_every_problem_is_in_diagnostics():
    text, _ = notional_with("launchers = 400", "launchers = -4")
    text = text.replace("launchers = 70", "launchers = -7", 1)
    with pytest.raises(ScenarioError) as caught:
        reykjavik.check(text)
    assert len(caught.value.diagnostics) >= 2


def test_an_unknown_name_a_null_in_a_dict_and_a_wrong_type():
    with pytest.raises(ScenarioError, match="no such file, and no built-in"):
        reykjavik.analyze("no-such-scenario")
    with pytest.raises(ScenarioError, match="null"):
        reykjavik.analyze({"scenario": {"name": None}})
    with pytest.raises(TypeError):
        reykjavik.analyze(42)


def test_bad_options_are_scenario_errors_with_the_cli_message():
    with pytest.raises(ScenarioError, match="unknown posture `alert`"):
        reykjavik.analyze("us-russia-2021", alert="alert")
    with pytest.raises(ScenarioError, match="planning `sometimes`"):
        reykjavik.monte_carlo("us-russia-2021", 10, planning="sometimes")
    with pytest.raises(ScenarioError) as caught:
        reykjavik.monte_carlo("us-russia-2021", 0)
    assert caught.value.range is not None and caught.value.range.startswith("1 to ")
    with pytest.raises(ScenarioError, match="out of range"):
        reykjavik.sweep("us-russia-2021", ["side[0].force[0].cep_m=-5:10:3"])
    with pytest.raises(ScenarioError, match="not within the run"):
        reykjavik.monte_carlo_trials("us-china-2010-wu", 10, start=5, stop=11)


def test_a_bad_breakout_case_is_located():
    with pytest.raises(ScenarioError) as caught:
        reykjavik.breakout("[case]\nname = 3\n")
    assert caught.value.file == "<string>"
    assert caught.value.line is not None


def test_breakout_grid_errors_in_the_cli_words():
    with pytest.raises(ScenarioError, match=r"^--vary: give one or two axes \(a line or a grid\)"):
        reykjavik.breakout_grid("iran-jcpoa", ["setup_months=0:1:2"] * 3)
    with pytest.raises(ScenarioError, match=r"STEPS must be a whole number from 1 to 10000"):
        reykjavik.breakout_grid("iran-jcpoa", [("setup_months", 0, 1, 0)])
    with pytest.raises(ScenarioError, match=r"^no field `plant\[9\]\.nope`"):
        reykjavik.breakout_grid("iran-jcpoa", ["plant[9].nope=0:1:2"])
    with pytest.raises(ScenarioError, match=r"^--vary: at 0: plant\[0\]\.efficiency = 0 is out of range"):
        reykjavik.breakout_grid("iran-jcpoa", {"plant[0].efficiency": (1, 0, 3)})
    with pytest.raises(ScenarioError, match="evenly spaced"):
        reykjavik.breakout_grid("iran-jcpoa", {"setup_months": [0, 1]})
