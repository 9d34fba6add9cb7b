"""One hour of the ticket queue: Erlang C, M/M/c, Allen–Cunneen, against an independent
computation from first principles (issue 14: to 1 % over a grid), properties, and the
issue's hand-checked case."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from svctrainer.core.queueing.multi_server import (
    HourQueue,
    Stable,
    Unstable,
    WaitTarget,
    erlang_b,
    erlang_c,
    hour_figures,
    windows_needed,
)


def stationary_reference(c: int, arrivals_per_hour: float, service_s: float, t: float) -> dict:
    """M/M/c from its stationary distribution, summed term by term (no Erlang formula):

    p_n ∝ a^n / n!               for n < c
    p_n ∝ a^c / c! · ρ^(n − c)   for n ≥ c          (a = λ/μ, ρ = a/c)

    P_w = Σ_{n ≥ c} p_n;  L_q = Σ_{n > c} (n − c) p_n;  W_q = L_q / λ (Little's law);
    P(W_q > t) = Σ_{n ≥ c} p_n · P(fewer than n − c + 1 departures at rate cμ by t)
    (an arrival finding n in the system waits for n − c + 1 departures; PASTA).
    Terms are summed in log space, until they fall below 1e-18 of the largest.
    """
    lam = arrivals_per_hour / 3600.0
    mu = 1.0 / service_s
    a = lam / mu
    rho = a / c
    log_terms = []
    for n in range(c):
        log_terms.append(
            n * math.log(a) - math.lgamma(n + 1) if a > 0 else (0.0 if n == 0 else -1e300)
        )
    log_top = (c * math.log(a) - math.lgamma(c + 1)) if a > 0 else -1e300
    n = c
    while True:
        log_terms.append(log_top + (n - c) * math.log(rho) if rho > 0 else -1e300)
        if n > c + 10 and log_terms[-1] < max(log_terms) - 41.5:  # e^-41.5 ≈ 1e-18
            break
        n += 1
    peak = max(log_terms)
    weights = [math.exp(x - peak) for x in log_terms]
    total = math.fsum(weights)
    p = [w / total for w in weights]
    p_wait = math.fsum(p[c:])
    lq = math.fsum((k - c) * p[k] for k in range(c + 1, len(p)))
    rate_t = c * mu * t
    tail = []
    poisson = math.exp(-rate_t)  # P(0 departures by t)
    cumulative = 0.0
    for k in range(len(p) - c):
        cumulative += poisson
        tail.append(p[c + k] * cumulative)
        poisson *= rate_t / (k + 1)
    return {"p_wait": p_wait, "wait_s": lq / lam if lam else 0.0, "p_over": math.fsum(tail)}


GRID_WINDOWS = (1, 2, 3, 4, 5, 8, 12, 20, 40, 100)
GRID_UTILISATION = (0.05, 0.2, 0.5, 0.8, 0.9, 0.95, 0.98)
GRID_CVS = ((1.0, 1.0), (0.0, 0.5), (1.0, 0.5), (0.7, 1.3), (1.5, 2.0))


def _grid():
    for c in GRID_WINDOWS:
        for rho in GRID_UTILISATION:
            for cvs in GRID_CVS:
                yield c, rho, cvs


@pytest.mark.parametrize(("windows", "utilisation", "cvs"), list(_grid()))
def test_matches_the_stationary_distribution_to_one_percent(windows, utilisation, cvs):
    service_s = 300.0
    arrivals = utilisation * windows * 3600.0 / service_s
    queue = HourQueue(windows, arrivals, service_s, *cvs)
    result = hour_figures(queue)
    assert isinstance(result, Stable)
    t = 600.0
    ref = stationary_reference(windows, arrivals, service_s, t)
    k = (cvs[0] ** 2 + cvs[1] ** 2) / 2  # Allen–Cunneen's factor on the M/M/c mean
    assert result.p_wait == pytest.approx(ref["p_wait"], rel=0.01)
    assert result.wait_s == pytest.approx(ref["wait_s"] * k, rel=0.01, abs=1e-9)
    if cvs == (1.0, 1.0):  # exact M/M/c: the whole waiting-time distribution
        assert result.p_wait_over(t) == pytest.approx(ref["p_over"], rel=0.01, abs=1e-12)
    else:  # exponential conditional wait with Allen–Cunneen's mean
        expected = (
            0.0 if k == 0 else ref["p_wait"] * math.exp(-t * ref["p_wait"] / (ref["wait_s"] * k))
        )
        assert result.p_wait_over(t) == pytest.approx(expected, rel=0.01, abs=1e-12)


def test_the_issues_hand_checked_case():
    """4 windows, 42 customers an hour, 300 s, service cut by 10 s (issue 14):
    pooled M/M/4 saves ≈ 132 s per customer, M/G/4 with CV_s 0.5 ≈ 86 s."""
    for cv_service, expected in ((1.0, 132.0), (0.5, 86.0)):
        before = hour_figures(HourQueue(4, 42, 300, 1.0, cv_service))
        after = hour_figures(HourQueue(4, 42, 290, 1.0, cv_service))
        assert isinstance(before, Stable)
        assert isinstance(after, Stable)
        saved = before.wait_s - after.wait_s + 10
        assert saved == pytest.approx(expected, abs=0.5)
    mm4 = hour_figures(HourQueue(4, 42, 300))
    assert mm4.load == pytest.approx(3.5)
    assert mm4.utilisation == pytest.approx(0.875)
    assert mm4.p_wait == pytest.approx(0.7379, abs=1e-4)
    assert mm4.wait_s == pytest.approx(442.7, abs=0.1)


def test_erlang_b_recursion_matches_the_closed_formula():
    for c in range(0, 30):
        for a in (0.1, 1.0, 3.3, 10.0, 25.0):
            direct = (a**c / math.factorial(c)) / math.fsum(
                a**k / math.factorial(k) for k in range(c + 1)
            )
            assert erlang_b(c, a) == pytest.approx(direct, rel=1e-12)


def test_erlang_b_stays_finite_where_the_closed_formula_overflows():
    # a^c and c! overflow a float long before c = 500
    assert 0 < erlang_b(500, 480.0) < 1
    assert 0 < erlang_c(500, 480.0) < 1


@pytest.mark.parametrize(("windows", "arrivals"), [(4, 48), (4, 60), (1, 12), (3, 36.0001)])
def test_unstable_hours_are_typed_never_a_number(windows, arrivals):
    result = hour_figures(HourQueue(windows, arrivals, 300))
    assert isinstance(result, Unstable)
    assert not result.stable
    assert result.utilisation >= 1
    assert not hasattr(result, "wait_s")
    with pytest.raises(ValueError, match="Erlang C"):
        erlang_c(windows, arrivals * 300 / 3600)


def test_nobody_arriving_means_nobody_waits():
    result = hour_figures(HourQueue(3, 0, 300))
    assert isinstance(result, Stable)
    assert (result.p_wait, result.wait_s, result.p_wait_over(0)) == (0.0, 0.0, 0.0)


def test_no_variability_means_no_wait_beyond_zero():
    result = hour_figures(HourQueue(2, 20, 300, 0.0, 0.0))
    assert isinstance(result, Stable)
    assert result.wait_s == 0.0
    assert result.p_wait_over(1) == 0.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"windows": 0, "arrivals_per_hour": 10, "service_s": 300},
        {"windows": 2.5, "arrivals_per_hour": 10, "service_s": 300},
        {"windows": True, "arrivals_per_hour": 10, "service_s": 300},
        {"windows": 2, "arrivals_per_hour": -1, "service_s": 300},
        {"windows": 2, "arrivals_per_hour": math.nan, "service_s": 300},
        {"windows": 2, "arrivals_per_hour": 10, "service_s": 0},
        {"windows": 2, "arrivals_per_hour": 10, "service_s": math.inf},
        {"windows": 2, "arrivals_per_hour": 10, "service_s": 300, "cv_service": -0.1},
    ],
)
def test_bad_inputs_are_refused(kwargs):
    with pytest.raises(ValueError, match=r"windows|arrivals|service time|CV"):
        HourQueue(**kwargs)


stable_hours = st.builds(
    lambda c, rho, s, cva, cvs: HourQueue(c, rho * c * 3600 / s, s, cva, cvs),
    st.integers(1, 60),
    st.floats(0.0, 0.995),
    st.floats(10.0, 3600.0),
    st.floats(0.0, 3.0),
    st.floats(0.0, 3.0),
)


@settings(max_examples=300, deadline=None)
@given(stable_hours, st.floats(0.0, 7200.0))
def test_probabilities_stay_probabilities(queue, t):
    result = hour_figures(queue)
    assert isinstance(result, Stable)
    assert 0.0 <= result.p_wait <= 1.0
    assert result.wait_s >= 0.0
    assert 0.0 <= result.p_wait_over(t) <= result.p_wait
    assert result.p_wait_over(t + 60) <= result.p_wait_over(t)


@settings(max_examples=300, deadline=None)
@given(stable_hours, st.floats(1.0001, 1.5))
def test_more_load_never_means_less_waiting(queue, factor):
    heavier = HourQueue(queue.windows, queue.arrivals_per_hour * factor, queue.service_s,
                        queue.cv_arrival, queue.cv_service)  # fmt: skip
    light, heavy = hour_figures(queue), hour_figures(heavier)
    assert isinstance(light, Stable)
    if isinstance(heavy, Unstable):
        assert heavier.load >= heavier.windows
        return
    assert heavy.p_wait >= light.p_wait - 1e-12
    assert heavy.wait_s >= light.wait_s - 1e-9
    slower = hour_figures(HourQueue(queue.windows, queue.arrivals_per_hour,
                                    queue.service_s * factor, queue.cv_arrival,
                                    queue.cv_service))  # fmt: skip
    if isinstance(slower, Stable):
        assert slower.wait_s >= light.wait_s - 1e-9


@settings(max_examples=300, deadline=None)
@given(stable_hours, st.integers(1, 5))
def test_more_windows_never_mean_more_waiting(queue, extra):
    more = hour_figures(HourQueue(queue.windows + extra, queue.arrivals_per_hour,
                                  queue.service_s, queue.cv_arrival, queue.cv_service))  # fmt: skip
    fewer = hour_figures(queue)
    assert isinstance(more, Stable)
    assert isinstance(fewer, Stable)
    assert more.p_wait <= fewer.p_wait + 1e-12
    assert more.wait_s <= fewer.wait_s + 1e-9


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), st.floats(0.0, 1.5), st.floats(30.0, 900.0))
def test_unstable_exactly_when_the_load_reaches_the_windows(windows, rho, service_s):
    queue = HourQueue(windows, rho * windows * 3600 / service_s, service_s)
    assume(abs(queue.load - windows) > 1e-9)
    assert isinstance(hour_figures(queue), Unstable) == (queue.load >= windows)


@settings(max_examples=200, deadline=None)
@given(st.floats(0.0, 300.0), st.floats(30.0, 900.0), st.floats(0.0, 2.0))
def test_windows_needed_is_the_fewest_that_meet_the_target(arrivals, service_s, cv):
    target = WaitTarget(600, 0.8)
    c = windows_needed(arrivals, service_s, target, 1.0, cv)
    assert target.met_by(hour_figures(HourQueue(c, arrivals, service_s, 1.0, cv)))
    if c > 1:
        assert not target.met_by(hour_figures(HourQueue(c - 1, arrivals, service_s, 1.0, cv)))


def test_target_is_checked():
    with pytest.raises(ValueError, match="target"):
        WaitTarget(-1, 0.8)
    with pytest.raises(ValueError, match="share"):
        WaitTarget(600, 1.0)
