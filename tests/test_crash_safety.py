"""A reduced crash-safety run for CI (the full one is `make crash-trials`): random kills of real
processes during per-report processing and publishing, then recovery."""

from .crash_trials import run_trials


def test_random_kills_lose_nothing_and_damage_no_release():
    tally = run_trials(10, via="core", seed=7)
    assert tally.trials == 10 and tally.killed_mid_run >= 3  # the kills landed inside runs
    assert tally.ok(), tally.problems
