"""Dask LocalCluster (2 worker processes): distributed sweeps and Monte Carlo give exactly the
local results for the same seed."""

from __future__ import annotations

import pandas as pd
import pytest

import reykjavik
import reykjavik.distributed as rd

distributed = pytest.importorskip("distributed")

AXES = [
    "side[United States].force[Trident II D5 (W76-1)].cep_m=80:200:5",
    "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day=0:1:3",
]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def test_the_cluster_has_two_worker_processes(client):
    assert len(client.scheduler_info()["workers"]) == 2


def test_a_distributed_sweep_is_the_local_sweep(client):
    local = reykjavik.sweep("us-russia-2021", AXES)
    spread = rd.sweep("us-russia-2021", AXES, client, points_per_unit=4)
    assert len(spread) == 15
    pd.testing.assert_frame_equal(spread, local, check_exact=True)


def test_the_default_unit_size_also_gives_the_local_sweep(client):
    local = reykjavik.sweep("us-russia-2021", AXES, alert="generated")
    spread = rd.sweep("us-russia-2021", AXES, client, alert="generated")
    pd.testing.assert_frame_equal(spread, local, check_exact=True)


@pytest.mark.parametrize("planning", ["fixed", "informed"])
def test_a_distributed_monte_carlo_is_the_local_run(client, planning):
    trials = 60 if planning == "informed" else 400
    local = reykjavik.monte_carlo("us-russia-2021", trials, seed=11, planning=planning, at_least=[3])
    local_trials = reykjavik.monte_carlo_trials("us-russia-2021", trials, seed=11, planning=planning)
    summary, table = rd.monte_carlo(
        "us-russia-2021", trials, client, seed=11, planning=planning, at_least=[3],
        trials_per_unit=trials // 6 + 1, return_trials=True,
    )
    assert summary == local
    pd.testing.assert_frame_equal(table, local_trials, check_exact=True)


def test_another_seed_gives_other_trials(client):
    a = rd.monte_carlo("us-china-2010-wu", 200, client, seed=1)
    b = rd.monte_carlo("us-china-2010-wu", 200, client, seed=2)
    assert a != b


def test_bad_input_is_refused_before_any_task(client):
    with pytest.raises(reykjavik.ScenarioError):
        rd.sweep("us-russia-2021", ["side[0].force[0].cep_m=-5:10:3"], client)
    with pytest.raises(reykjavik.ScenarioError):
        rd.monte_carlo("us-russia-2021", 0, client)


def test_work_units_run_without_dask_in_order():
    units = rd.plan_sweep("us-russia-2021", AXES, points_per_unit=4)
    assert [args[3:] for _, args in units] == [(0, 4), (4, 8), (8, 12), (12, 15)]
    joined = reykjavik._plain.concat([f(*args) for f, args in units])
    pd.testing.assert_frame_equal(
        reykjavik._plain.table(joined), reykjavik.sweep("us-russia-2021", AXES), check_exact=True
    )
