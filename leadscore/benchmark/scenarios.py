"""Synthetic lead data with a known truth, for the calibration benchmark and its tests.

    python -m leadscore.benchmark.scenarios --scenario many_values --leads 20000 --out /tmp/many_values

Each scenario writes leads.csv, activities.csv and outcomes.csv in the input contract
(input=files). A lead's chance to convert is a logistic function of what the scenario says
matters; everything else is noise. Leads arrive over 290 days ending 110 days before `end`
(so a 90-day horizon after any scoring moment up to 14 days lies before `end`).

- fast_conversions: conversions come within a day of arrival; `plan` and `employees` matter.
- many_values: a 500-value `industry_code` carries the signal (each value its own effect).
- numeric_spike: `employees` matters non-linearly (best in the middle) and a spike at 0
  converts worst.
- recency: an event log where what counts is how recently a lead viewed the pricing page
  before its scoring moment (14 days after arrival), not how often.
- noise: nothing matters; the label is a coin with the base rate.
- base_rate_shift: `plan` matters, and the later quarter of the leads converts at about
  twice the rate of the earlier ones.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

SCENARIOS = ("fast_conversions", "many_values", "numeric_spike", "recency", "noise", "base_rate_shift")
ACTIVITY_TYPES = ("web_visit", "email_open", "pricing_view")
ARRIVAL_DAYS = 290
LAST_ARRIVAL_BEFORE_END_DAYS = 110
MOMENT_DAYS = 14  # the scoring moment the slow-converting scenarios are built around
PLAN_EFFECTS = {"gold": 1.2, "silver": 0.5, "bronze": 0.0}


@dataclass
class Leads:
    """The generated population: arrival times, fields and the logit of converting."""

    created_at: list[datetime]
    fields: dict[str, list[str]]
    logit: np.ndarray
    events: list[tuple[int, str, datetime]]


def sigmoid(values: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-values))


def common_fields(count: int, rng: np.random.Generator) -> dict[str, list[str]]:
    """Fields every scenario has; they carry no signal unless a scenario uses them."""
    return {
        "region": list(rng.choice(["north", "south", "east", "west"], count)),
        "lead_source": list(rng.choice(["webinar", "paid_search", "organic", "referral", "event"], count)),
        "plan": list(rng.choice(list(PLAN_EFFECTS), count, p=[0.2, 0.3, 0.5])),
    }


def random_events(count: int, created_at: list[datetime], rng: np.random.Generator) -> list[tuple[int, str, datetime]]:
    """About three events per lead in its first MOMENT_DAYS days, of random types."""
    events = []
    for lead, (arrival, events_of_lead) in enumerate(zip(created_at, rng.poisson(3, count))):
        for _ in range(int(events_of_lead)):
            at = arrival + timedelta(days=float(rng.uniform(0, MOMENT_DAYS * 1.5)))
            events.append((lead, str(rng.choice(ACTIVITY_TYPES)), at))
    return events


def plan_logit(fields: dict[str, list[str]]) -> np.ndarray:
    return np.array([PLAN_EFFECTS[plan] for plan in fields["plan"]])


def build(scenario: str, count: int, rng: np.random.Generator, end: datetime, fast: bool = False) -> tuple[Leads, Callable[[int], float]]:
    """The scenario's leads and a function giving a converter's days from arrival to conversion
    (within a day for fast_conversions, or any scenario with `fast`)."""
    first = end - timedelta(days=ARRIVAL_DAYS + LAST_ARRIVAL_BEFORE_END_DAYS)
    created_at = sorted(first + timedelta(days=float(day)) for day in rng.uniform(0, ARRIVAL_DAYS, count))
    fields = common_fields(count, rng)
    events = random_events(count, created_at, rng)
    employees = np.where(rng.random(count) < 0.3, 0.0, np.round(np.exp(rng.normal(4, 1.5, count))))
    fields["employees"] = [str(int(value)) for value in employees]
    base = -2.6
    if scenario == "fast_conversions":
        logit = base + plan_logit(fields) + 0.4 * (np.log1p(employees) > 4)
    elif scenario == "many_values":
        values = 500 if count >= 10_000 else 120
        effects = rng.normal(0, 1.1, values)
        codes = rng.integers(0, values, count)
        fields["industry_code"] = [f"IC{code:04d}" for code in codes]
        logit = base + effects[codes]
    elif scenario == "numeric_spike":
        log_size = np.log1p(employees)
        logit = base + np.where(employees == 0, -1.5, 1.2 - 0.35 * (log_size - 4.5) ** 2)
    elif scenario == "recency":
        last_pricing = np.full(count, np.inf)
        events = [event for event in events if event[1] != "pricing_view"]
        for lead, arrival in enumerate(created_at):
            for _ in range(int(rng.poisson(1.5))):
                at = arrival + timedelta(days=float(rng.uniform(0, MOMENT_DAYS)))
                events.append((lead, "pricing_view", at))
                age = MOMENT_DAYS - (at - arrival).total_seconds() / 86400
                last_pricing[lead] = min(last_pricing[lead], age)
        logit = base - 0.5 + np.where(np.isfinite(last_pricing), 2.5 * np.exp(-last_pricing / 2), 0.0)
    elif scenario == "noise":
        logit = np.full(count, -2.2)
    elif scenario == "base_rate_shift":
        later = np.arange(count) >= int(count * 0.75)
        logit = base + plan_logit(fields) + np.where(later, 0.9, 0.0)
    else:
        raise SystemExit(f"unknown scenario {scenario!r}; one of {', '.join(SCENARIOS)}")

    def lag(_: int) -> float:
        if fast or scenario == "fast_conversions":
            return float(rng.uniform(0.02, 1.0))
        return MOMENT_DAYS + 1 + float(min(rng.exponential(20), 80))

    return Leads(created_at, fields, logit, events), lag


def write(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def generate(scenario: str, folder: Path, count: int, seed: int = 0, end: datetime | None = None, fast: bool = False) -> float:
    """Writes the scenario's input files; returns the share of leads that converted."""
    rng = np.random.default_rng(seed)
    end = end or datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    leads, lag = build(scenario, count, rng, end, fast)
    converted = rng.random(count) < sigmoid(leads.logit)
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(leads.fields)
    write(
        folder,
        "leads",
        ["lead_id", "created_at", "email", *names],
        [
            [f"L{index:06d}", stamp(arrival), f"lead{index}@example.com", *(leads.fields[name][index] for name in names)]
            for index, arrival in enumerate(leads.created_at)
        ],
    )
    write(
        folder,
        "activities",
        ["activity_id", "lead_id", "activity_type", "occurred_at"],
        [
            [f"A{number:07d}", f"L{lead:06d}", kind, stamp(at)]
            for number, (lead, kind, at) in enumerate(sorted(leads.events, key=lambda event: (event[2], event[0])))
        ],
    )
    outcomes: list[list[object]] = []
    for index, arrival in enumerate(leads.created_at):
        if converted[index]:
            outcomes.append([f"L{index:06d}", "converted", stamp(arrival + timedelta(days=lag(index)))])
    write(folder, "outcomes", ["lead_id", "outcome", "outcome_at"], outcomes)
    return float(converted.mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=SCENARIOS, required=True)
    parser.add_argument("--leads", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    share = generate(args.scenario, args.out, args.leads, args.seed)
    print(f"{args.scenario}: {args.leads} leads, {share:.1%} converted, written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
