"""Calibration's supervised bins for numbers (leadscore/calibration/candidates.py), on data
made here with a known shape; the expected facts follow from how the data was made."""

from __future__ import annotations

import numpy as np

from leadscore.calibration.candidates import bin_of, merged_cuts, numeric_cuts


def spike_and_rise(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """30 % of the leads have 0 (converting at 2 %); the others 1..200, converting more the
    larger the number (5 % to 35 %)."""
    rng = np.random.default_rng(seed)
    numbers = np.where(rng.random(20_000) < 0.3, 0, rng.integers(1, 201, 20_000)).astype(float)
    rate = np.where(numbers == 0, 0.02, 0.05 + 0.3 * numbers / 200)
    return numbers, (rng.random(len(numbers)) < rate).astype(float)


def test_a_spike_at_zero_gets_a_bin_of_its_own() -> None:
    numbers, labels = spike_and_rise(1)
    cuts, spikes = numeric_cuts(numbers, labels, min_leaf=1000)
    assert spikes == {0.0}
    bins = bin_of(numbers, merged_cuts(numbers, labels, cuts, spikes, 30))
    zero_bin = set(bins[numbers == 0])
    assert len(zero_bin) == 1 and zero_bin.isdisjoint(bins[numbers > 0])
    # the cut hugs the spike: 0 < cut < 0.1 of the way to the next value (1)
    assert 0 < min(cuts) <= 0.1


def test_bins_follow_a_rising_rate_in_order() -> None:
    numbers, labels = spike_and_rise(2)
    cuts, spikes = numeric_cuts(numbers, labels, min_leaf=1000)
    cuts = merged_cuts(numbers, labels, cuts, spikes, 30)
    bins = bin_of(numbers, cuts)
    plain = [index for index in np.unique(bins[numbers > 0])]
    rates = [labels[bins == index].mean() for index in plain]
    assert len(plain) >= 2
    assert all(later >= earlier for earlier, later in zip(rates, rates[1:]))
    assert len(bins[numbers > 0]) == int((numbers > 0).sum())  # every value lands in one bin


def test_a_field_of_leads_that_all_stayed_leads_gets_no_cuts() -> None:
    numbers = np.random.default_rng(3).integers(1, 500, 5000).astype(float)
    cuts, spikes = numeric_cuts(numbers, np.zeros(5000), min_leaf=1000)
    assert spikes == set() and cuts == []
