#!/usr/bin/env python3
"""Self-checks of Scripts/reproduce-draw, the independent re-derivation of Assay draws.

    python3 Scripts/reproduce_draw_selftest.py

Like the script it checks, this file uses only the Python standard library and shares no
code with Assay. The allocation examples were worked by hand from docs/sampling.md
(section 5); the derivation of each is in its comment. The last checks build a small
database, and evidence packs (docs/evidence-pack.md: kept-attribute strata, Neyman rates
from moderated audits, exclusions across the pack's months, a month with no draw), in a
temporary directory and run the script on them end to end (its exit statuses, its report,
and that it notices tampering); those draws are stored with the script's own ticket and
selection functions, so they check the plumbing, not the tickets' independence.

Prints `N passed, 0 failed` and exits 0, or names each failure and exits 1.
"""

import contextlib
import hashlib
import importlib.machinery
import importlib.util
import io
import json
import os
import sqlite3
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "reproduce-draw")


def load_script():
    loader = importlib.machinery.SourceFileLoader("reproduce_draw", SCRIPT)
    spec = importlib.util.spec_from_loader("reproduce_draw", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


rd = load_script()
TESTS = []


def test(function):
    TESTS.append(function)
    return function


def expect_equal(actual, expected):
    if actual != expected:
        raise AssertionError(f"expected {expected!r}, got {actual!r}")


# --- Allocation, worked by hand -------------------------------------------------------------


@test
def proportional_largest_remainder():
    # N = E = (50, 30, 20), T = 10, K = 1. base = (1, 1, 1), R = 7, W = 100.
    # q = 7*50/100, 7*30/100, 7*20/100 = 3.5, 2.1, 1.4 -> floors 3, 2, 1; L = 7 - 6 = 1.
    # Fractions (as R*w mod W) 50, 10, 40: the seat goes to stratum 0.
    # n = base + shares = (1+4, 1+2, 1+1) = (5, 3, 2).
    expect_equal(rd.allocate("proportional", [50, 30, 20], [50, 30, 20], size=10, minimum=1),
                 [5, 3, 2])


@test
def proportional_with_a_cap():
    # N = (100, 10, 10), E = (3, 10, 10), size 12, K = 1.
    # base = (1, 1, 1), R = 9, capacities c = (2, 9, 9), all active.
    # Round 1: W = 120, R*w = 900, 90, 90 -> floors 7, 0, 0 (900 div 120 = 7, rem 60),
    #   L = 9 - 7 = 2; fractions 60, 90, 90 -> seats to strata 1 and 2: shares (7, 1, 1).
    #   Stratum 0: 7 > c = 2 -> capped, n0 = 1 + 2 = 3; R = 9 - 2 = 7.
    # Round 2: active (1, 2), W = 20, R*w = 70, 70 -> floors 3, 3, L = 1, fractions 10, 10:
    #   a tie, the seat to the earlier stratum 1: shares (4, 3); no cap.
    # n = (3, 1+4, 1+3) = (3, 5, 4); sum 12.
    expect_equal(rd.allocate("proportional", [100, 10, 10], [3, 10, 10], size=12, minimum=1),
                 [3, 5, 4])


@test
def a_cap_releases_seats_to_the_rest_over_several_rounds():
    # N = (60, 30, 10), E = (2, 3, 50), size 20, K = 1.
    # T = min(20, 55) = 20, base = (1, 1, 1), R = 17, c = (1, 2, 49).
    # Round 1: W = 100, R*w = 1020, 510, 170 -> floors 10, 5, 1, L = 1,
    #   fractions 20, 10, 70 -> seat to stratum 2: shares (10, 5, 2).
    #   Capped: stratum 0 (10 > 1) and stratum 1 (5 > 2), both at once:
    #   n0 = 2, n1 = 3, R = 17 - 1 - 2 = 14.
    # Round 2: active (2), W = 10, q = 14 -> share 14 <= 49. n2 = 1 + 14 = 15.
    # n = (2, 3, 15), sum 20.
    expect_equal(rd.allocate("proportional", [60, 30, 10], [2, 3, 50], size=20, minimum=1),
                 [2, 3, 15])


@test
def ties_go_to_the_earlier_stratum():
    # N = E = (10, 10, 10), size 5, K = 1: base (1, 1, 1), R = 2, W = 30.
    # q = 20/30 each: floors 0, L = 2, fractions all 20: seats to strata 0 and 1.
    # n = (2, 2, 1).
    expect_equal(rd.allocate("proportional", [10, 10, 10], [10, 10, 10], size=5, minimum=1),
                 [2, 2, 1])


@test
def a_tie_between_the_earlier_and_a_larger_fraction():
    # N = E = (1, 3, 1, 3), size 6, K = 0: base 0, R = 6, W = 8.
    # R*w = 6, 18, 6, 18 -> floors 0, 2, 0, 2 (sum 4), L = 2; fractions 6, 2, 6, 2.
    # The two largest, 6 and 6, are strata 0 and 2: shares (1, 2, 1, 2).
    expect_equal(rd.allocate("proportional", [1, 3, 1, 3], [1, 3, 1, 3], size=6, minimum=0),
                 [1, 2, 1, 2])


@test
def refused_when_minimums_exceed_the_total():
    # E = (5, 5, 5), size 2, K = 1: base sum 3 > T = 2 -> refused.
    try:
        rd.allocate("proportional", [5, 5, 5], [5, 5, 5], size=2, minimum=1)
    except rd.Refused as refusal:
        expect_equal((refusal.needed, refusal.strata, refusal.total), (3, 3, 2))
        expect_equal(str(refusal), "the minimums need 3 cases over 3 strata, "
                                   "more than the total of 2")
    else:
        raise AssertionError("not refused")


@test
def refused_with_a_higher_minimum():
    # E = (4, 1, 6), size 5, K = 2: base = (2, 1, 2), sum 5 <= 5: allowed, R = 0,
    # n = base = (2, 1, 2). With size 4: 5 > 4 -> refused.
    expect_equal(rd.allocate("equal", [4, 1, 6], [4, 1, 6], size=5, minimum=2), [2, 1, 2])
    try:
        rd.allocate("equal", [4, 1, 6], [4, 1, 6], size=4, minimum=2)
    except rd.Refused as refusal:
        expect_equal(refusal.needed, 5)
    else:
        raise AssertionError("not refused")


@test
def the_total_is_capped_by_the_eligible_cases():
    # N = (3, 2, 4), E = (0, 0, 1) (the rest excluded), size 10, K = 1.
    # T = min(10, 1) = 1, base = (0, 0, 1), sum 1 <= 1, R = 0. n = (0, 0, 1).
    expect_equal(rd.allocate("proportional", [3, 2, 4], [0, 0, 1], size=10, minimum=1),
                 [0, 0, 1])
    # Asking for more than there is takes everything eligible: E = (2, 3), size 9 -> (2, 3).
    expect_equal(rd.allocate("proportional", [5, 5], [2, 3], size=9, minimum=1), [2, 3])


@test
def equal_allocation():
    # N = E = (100, 10, 1), size 10, K = 1, equal: base (1, 1, 1), R = 7,
    # c = (99, 9, 0): stratum 2 is never active and keeps n = 1.
    # Active (0, 1), w = 1, 1, W = 2: R*w = 7, 7 -> floors 3, 3, L = 1, fractions 1, 1:
    # tie, seat to stratum 0: shares (4, 3). n = (5, 4, 1).
    expect_equal(rd.allocate("equal", [100, 10, 1], [100, 10, 1], size=10, minimum=1),
                 [5, 4, 1])


@test
def equal_allocation_without_minimums():
    # N = E = (5, 5, 5, 5), size 6, K = 0: base 0, R = 6, W = 4; R*w = 6 each:
    # floors 1, L = 2, fractions 2 each: seats to strata 0 and 1 -> (2, 2, 1, 1).
    expect_equal(rd.allocate("equal", [5, 5, 5, 5], [5, 5, 5, 5], size=6, minimum=0),
                 [2, 2, 1, 1])


@test
def equal_allocation_with_a_cap():
    # N = (50, 50, 50), E = (1, 40, 40), size 21, K = 1: base (1, 1, 1), R = 18,
    # c = (0, 39, 39): stratum 0 never active. Active (1, 2), W = 2, q = 9, 9: n = (1, 10, 10).
    expect_equal(rd.allocate("equal", [50, 50, 50], [1, 40, 40], size=21, minimum=1),
                 [1, 10, 10])


@test
def per_stratum():
    # --per-stratum 2: n_h = min(2, E_h); minimums and weights do not apply.
    expect_equal(rd.allocate("per-stratum", [9, 1, 4, 7], [0, 1, 2, 5], per_stratum=2),
                 [0, 1, 2, 2])
    expect_equal(rd.allocate("per-stratum", [3, 3], [3, 3], per_stratum=0), [0, 0])


@test
def neyman():
    # N = E = (100, 100), p = (0.5, 0.25), size 10, K = 1: base (1, 1), R = 8.
    # w0 = 100 * sqrt(0.25) = 50, w1 = 100 * sqrt(0.1875) = 43.30127..., W = 93.30127...
    # q0 = 400 / 93.301 = 4.2872, q1 = 346.41 / 93.301 = 3.7128 -> floors 4, 3, L = 1,
    # fractions .287, .713 -> the seat to stratum 1: shares (4, 4). n = (5, 5).
    expect_equal(rd.allocate("neyman", [100, 100], [100, 100], size=10, minimum=1,
                             rates=[0.5, 0.25]), [5, 5])
    # The clamp limits 0.05 and 0.95 give (nearly, in binary64) equal weights,
    # p(1-p) = 0.0475: N = E = (10, 10, 20), size 6, K = 0, p = (0.05, 0.95, 0.5):
    # w = 10*0.2179, 10*0.2179, 20*0.5 = 2.179, 2.179, 10; W = 14.359;
    # q = 6*2.179/14.359 = 0.9106, 0.9106, 4.1787 -> floors 0, 0, 4, L = 2,
    # fractions .911, .911, .179 -> seats to strata 0 and 1: n = (1, 1, 4).
    expect_equal(rd.allocate("neyman", [10, 10, 20], [10, 10, 20], size=6, minimum=0,
                             rates=[0.05, 0.95, 0.5]), [1, 1, 4])


@test
def neyman_with_a_cap():
    # N = (100, 100), E = (2, 100), p = (0.5, 0.5), size 12, K = 1: base (1, 1), R = 10,
    # c = (1, 99). w = 50, 50, W = 100: q = 5, 5 -> shares 5, 5, L = 0.
    # Stratum 0: 5 > 1 -> capped, n0 = 2, R = 9. Active (1): q = 9 -> n1 = 10. n = (2, 10).
    expect_equal(rd.allocate("neyman", [100, 100], [2, 100], size=12, minimum=1,
                             rates=[0.5, 0.5]), [2, 10])


@test
def neyman_near_tie_in_binary64():
    # docs/sampling.md 5b, worked example. N = E = (10, 10), p = (0.3, 0.7), --size 3, K = 1:
    # base (1, 1), R = 1. Exactly, both weights are 10*sqrt(0.21): a tie, the seat to A.
    # In binary64, 1 - 0.7 = 0.30000000000000004, 0.7 * that = 0.21000000000000002, so
    # w_B = 4.582575694955841 > w_A = 4.58257569495584; q_A = 0.4999999999999999,
    # q_B = 0.5: the seat goes to B. n = (1, 2); with the strata swapped, (2, 1).
    expect_equal(1.0 - 0.7, 0.30000000000000004)
    expect_equal((rd.neyman_weight(10, 0.3), rd.neyman_weight(10, 0.7)),
                 (4.58257569495584, 4.582575694955841))
    expect_equal(rd.allocate("neyman", [10, 10], [10, 10], size=3, minimum=1, rates=[0.3, 0.7]),
                 [1, 2])
    expect_equal(rd.allocate("neyman", [10, 10], [10, 10], size=3, minimum=1, rates=[0.7, 0.3]),
                 [2, 1])


@test
def seed_bytes_worked_example():
    # docs/sampling.md 6: "août" is 4 characters but 5 UTF-8 bytes (û is C3 BB): be64(5).
    expect_equal(rd.ticket("ao\u00fbt", "CS1").hex(),
                 "2cee68a2ffe779d54cc9931b0c2442a2ed5445a17b0fa70d3a3fa7b7d507fa63")
    # A generated seed is hashed as its 64 hex digits (be64(64) and 64 ASCII bytes), not as
    # the 32 bytes they spell.
    seed = "769a20c8f65f59b1247bbef6adca5076fb67caa32bbfcbcbf58f885035a69dab"
    expect_equal(rd.ticket(seed, "C01").hex(),
                 "1b0898ee1b1029c3d9ccb380ec6edf38fdefe6774a5e182a4ead7f876892bf7a")


@test
def neyman_weight_operation_order():
    # w_h = N_h * sqrt(p_h * (1 - p_h)) in binary64: 0.5 * 0.5 = 0.25, sqrt = 0.5 exactly.
    expect_equal(rd.neyman_weight(40, 0.5), 20.0)
    p = 0.1
    expect_equal(rd.neyman_weight(7, p), float(7) * ((p * (1.0 - p)) ** 0.5))


# --- Tickets, order, months -----------------------------------------------------------------


@test
def ticket_framing():
    # SHA-256( be64(3) "abc" be64(8) "CS123456" ), written out byte by byte.
    message = b"\x00\x00\x00\x00\x00\x00\x00\x03abc\x00\x00\x00\x00\x00\x00\x00\x08CS123456"
    expect_equal(rd.ticket("abc", "CS123456"), hashlib.sha256(message).digest())
    # Lengths are of the UTF-8 bytes: "é" is 2 bytes (C3 A9).
    message = b"\x00\x00\x00\x00\x00\x00\x00\x02\xc3\xa9\x00\x00\x00\x00\x00\x00\x00\x01X"
    expect_equal(rd.ticket("\u00e9", "X"), hashlib.sha256(message).digest())
    # The empty seed and case id: SHA-256 of 16 zero bytes.
    expect_equal(rd.ticket("", "").hex(),
                 "374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb")


@test
def strata_order_is_bytewise_field_by_field():
    keys = [("a",), ("B",), ("",), ("Ab",), ("A",), ("\u00c9",), ("z",)]
    # Bytes: "" < "A" (41) < "Ab" (41 62) < "B" (42) < "a" (61) < "z" (7A) < "É" (C3 89).
    expect_equal(sorted(keys, key=rd.stratum_order_key),
                 [("",), ("A",), ("Ab",), ("B",), ("a",), ("z",), ("\u00c9",)])
    # The first field decides, a proper prefix first: ("A", "z") < ("AB", "a").
    expect_equal(sorted([("AB", "a"), ("A", "z"), ("A", "")], key=rd.stratum_order_key),
                 [("A", ""), ("A", "z"), ("AB", "a")])


@test
def months_before():
    expect_equal([rd.month_minus("2026-02", k) for k in (1, 2, 3)],
                 ["2026-01", "2025-12", "2025-11"])
    expect_equal(rd.month_minus("2026-11", 13), "2025-10")


@test
def selection_sorts_by_ticket_then_id():
    ids = ["CS%06d" % i for i in range(20)]
    chosen = rd.select("seed", ids, 5)
    by_ticket = sorted(ids, key=lambda c: hashlib.sha256(
        len(b"seed").to_bytes(8, "big") + b"seed" + len(c).to_bytes(8, "big")
        + c.encode()).digest())
    expect_equal(chosen, by_ticket[:5])
    # Row order does not matter.
    expect_equal(rd.select("seed", list(reversed(ids)), 5), chosen)


# --- End to end on a small database ---------------------------------------------------------

# The tables the script reads, as it builds them from an evidence pack.
SCHEMA = rd.PACK_SCHEMA

# 24 cases: team A (12, 6 of them with Primary Need N1), team B (8), team Ä (4, service
# care-leaver, no worker).
CASES = ([(f"CA{i:02d}", "A", "North", "child-in-need", "W1",
           json.dumps({"Primary Need": "N1" if i < 6 else "N2"})) for i in range(12)]
         + [(f"CB{i:02d}", "B", "North", "child-in-care", "W2", None) for i in range(8)]
         + [(f"CC{i:02d}", "\u00c4", "North", "care-leaver", None, None) for i in range(4)])


def store_draw(db, draw_id, month, seed, size, allocation, samples, excluded, status="current",
               by=("team",), per_stratum=None, services=None):
    """Stores a draw of the hand-derived sample sizes (samples, in stratum order), choosing
    the cases with the script's selection."""
    db.execute("INSERT INTO draw VALUES (?, ?, 1, 's', 'r', ?, 1, 'assay-draw-1', ?, ?, ?, ?, "
               "?, ?, 1, 3, ?, 'now', 'test', ?, NULL, NULL)",
               (draw_id, month, seed, json.dumps(list(by)),
                None if services is None else json.dumps(services), size, per_stratum,
                "proportional" if allocation == "per-stratum" else allocation, allocation,
                sum(samples), status))
    strata = {}
    for case_id, team, locality, service, worker, attributes in CASES:
        if services is not None and service not in services:
            continue
        fields = {"team": team, "locality": locality}
        need = json.loads(attributes)["Primary Need"] if attributes else ""
        key = tuple(fields[f] if f in fields else need for f in by)
        strata.setdefault(key, []).append(case_id)
    order = sorted(strata, key=lambda k: tuple(v.encode() for v in k))
    for h, key in enumerate(order):
        eligible = [c for c in strata[key] if c not in excluded]
        db.execute("INSERT INTO draw_stratum (draw_id, position, stratum_key, population, "
                   "eligible, sample, inclusion_probability) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (draw_id, h, json.dumps(dict(zip(by, key)), separators=(",", ":")),
                    len(strata[key]), len(eligible), samples[h],
                    samples[h] / len(eligible) if eligible else None))
        for case_id in rd.select(seed, eligible, samples[h]):
            db.execute("INSERT INTO draw_case (draw_id, case_id, stratum_position, ticket) "
                       "VALUES (?, ?, ?, ?)", (draw_id, case_id, h,
                                               rd.ticket(seed, case_id).hex()))
    for case_id, by_month in excluded.items():
        db.execute("INSERT INTO draw_exclusion (draw_id, case_id, excluded_by_month) "
                   "VALUES (?, ?, ?)", (draw_id, case_id, by_month))


def selected(db, draw_id):
    return [r[0] for r in db.execute("SELECT case_id FROM draw_case WHERE draw_id = ?",
                                     (draw_id,))]


def run(path, *arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = rd.main([path, *arguments])
        except SystemExit as exit_:
            status = exit_.code
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def small_database():
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "qa.db")
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        db.execute("INSERT INTO frame (id) VALUES (1)")
        for line, row in enumerate(CASES, start=2):
            db.execute("INSERT INTO frame_case (frame_id, case_id, team, locality, service, "
                       "worker, attributes, source_line) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                       (*row, line))
        # 2026-09, --size 6 by team: N = E = (12, 8, 4) for A, B, Ä (Ä is C3 84, last).
        # base (1, 1, 1), R = 3, W = 24, R*w = 36, 24, 12 -> floors 1, 1, 0, L = 1,
        # fractions 12, 0, 12: tie, seat to stratum 0. n = (1+2, 1+1, 1+0) = (3, 2, 1).
        store_draw(db, 1, "2026-09", "nine", 6, "proportional", [3, 2, 1], {})
        nine = {c: "2026-09" for c in selected(db, 1)}
        # A replaced 2026-10 draw, whose cases must not exclude anything later: --size 24,
        # the 6 cases of 2026-09 excluded: E = (9, 6, 3), T = 18, base (1, 1, 1), R = 15,
        # c = (8, 5, 2), W = 24, R*w = 180, 120, 60 -> floors 7, 5, 2, L = 1, fractions
        # 12, 0, 12: seat to stratum 0, shares (8, 5, 2), no cap: n = (9, 6, 3).
        store_draw(db, 2, "2026-10", "ten-old", 24, "proportional", [9, 6, 3], nine,
                   status="replaced")
        # 2026-10, --size 9, equal, the same exclusions:
        # E = (9, 6, 3), base (1, 1, 1), R = 6, c = (8, 5, 2), W = 3, q = 2 each: n = (3, 3, 3).
        store_draw(db, 3, "2026-10", "ten", 9, "equal", [3, 3, 3], nine)
        # 2026-11, --per-stratum 2 by Primary Need, services child-in-need: the excluded are
        # the child-in-need cases drawn in 2026-10 (latest) or 2026-09.
        ten = {c: "2026-10" for c in selected(db, 3)}
        eleven = {c: m for c, m in {**nine, **ten}.items() if c.startswith("CA")}
        need = {}
        for case_id, *_, attributes in CASES[:12]:
            if case_id not in eleven:
                key = json.loads(attributes)["Primary Need"]
                need[key] = need.get(key, 0) + 1
        store_draw(db, 4, "2026-11", "eleven", None, "per-stratum",
                   [min(2, need.get("N1", 0)), min(2, need.get("N2", 0))], eleven,
                   by=("Primary Need",), per_stratum=2, services=["child-in-need"])
        db.commit()
        yield path, db
        db.close()


@test
def end_to_end_identical():
    with small_database() as (path, db):
        status, out, err = run(path, "2026-09")
        expect_equal((status, err), (0, ""))
        assert "identical: 6 cases in 3 strata" in out, out
        assert "seed nine" in out and "frame 1" in out, out
        status, out, _ = run(path, "2026-10")
        expect_equal(status, 0)
        assert "identical: 9 cases in 3 strata" in out, out
        status, out, _ = run(path, "2026-11")
        expect_equal(status, 0)
        assert "identical: 4 cases in 2 strata" in out, out
        status, out, _ = run(path, "2026-10", "--draw-id", "2")
        expect_equal(status, 0)
        assert "(replaced)" in out and "identical: 18 cases in 3 strata" in out, out


@test
def end_to_end_usage_errors_exit_2():
    with small_database() as (path, db):
        for arguments in (("2026-12",), ("2026-9",), ("2026-10", "--draw-id", "1"),
                          ("2026-10", "--draw-id", "99")):
            status, out, err = run(path, *arguments)
            expect_equal((status, out), (2, ""))
            assert err.startswith("reproduce-draw: "), err
        status, _, _ = run(path)
        expect_equal(status, 2)
        status, _, err = run(path + ".missing", "2026-09")
        expect_equal(status, 2)


@test
def end_to_end_the_database_is_opened_read_only():
    with small_database() as (path, db):
        before = os.stat(path).st_mtime_ns, open(path, "rb").read()
        run(path, "2026-10")
        expect_equal((os.stat(path).st_mtime_ns, open(path, "rb").read()), before)


@test
def end_to_end_tampering_is_noticed():
    with small_database() as (path, db):
        db.execute("UPDATE draw_stratum SET sample = sample + 1 WHERE draw_id = 1 AND position = 0")
        db.commit()
        status, out, _ = run(path, "2026-09")
        expect_equal(status, 1)
        assert 'stratum 0 {"team":"A"}: sample stored 4, recomputed 3' in out, out

        victim = selected(db, 3)[0]
        db.execute("DELETE FROM draw_case WHERE draw_id = 3 AND case_id = ?", (victim,))
        db.execute("UPDATE draw_case SET ticket = '00' WHERE draw_id = 3 AND case_id = ?",
                   (selected(db, 3)[0],))
        db.execute("DELETE FROM draw_exclusion WHERE draw_id = 3 AND id = "
                   "(SELECT min(id) FROM draw_exclusion WHERE draw_id = 3)")
        db.commit()
        status, out, _ = run(path, "2026-10")
        expect_equal(status, 1)
        assert f"case {victim} selected but not stored" in out, out
        assert "ticket stored 00, recomputed" in out, out
        assert "but not stored as excluded" in out, out

        # A case of the frame slipped into the 2026-11 draw.
        db.execute("INSERT INTO draw_case (draw_id, case_id, stratum_position, ticket) "
                   "VALUES (4, 'CB00', 0, ?)", (rd.ticket("eleven", "CB00").hex(),))
        db.execute("UPDATE frame_case SET team = 'Z' WHERE case_id = 'CB07'")
        db.commit()
        status, out, _ = run(path, "2026-11")
        expect_equal(status, 1)
        assert "case CB00 stored but not selected: it is not of the draw's services" in out, out
        status, out, _ = run(path, "2026-09")
        assert 'stratum 1 {"team":"B"}: population stored 8, recomputed 7' in out, out
        assert 'stratum 2 {"team":"Z"} recomputed (1 cases) but not stored' in out, out


@test
def end_to_end_replacing_an_earlier_draw_changes_the_exclusions():
    # Exclusions come from the *current* draws of the earlier months: marking the 2026-09
    # draw replaced (after 2026-10 was drawn) makes the stored exclusions of 2026-10 differ.
    with small_database() as (path, db):
        db.execute("UPDATE draw SET status = 'replaced' WHERE id = 1")
        db.commit()
        status, out, _ = run(path, "2026-10")
        expect_equal(status, 1)
        assert "stored as excluded (by 2026-09) but no current draw" in out, out


# --- End to end on evidence packs (docs/evidence-pack.md) ----------------------------------

# Frame 1 of the packs: 12 cases, teams A and B, kept attribute "Primary Need" ("=N3" is
# written '=N3 in the CSV, as a formula-like value is; P06 and P12 lack it).
PACK_CASES = [(f"P{i:02d}", "A" if i <= 6 else "B", "North", "child-in-need",
               "" if i % 6 == 0 else ("=N3" if i % 2 else "N1")) for i in range(1, 13)]


def pack_draw(draw_id, month, seed, by, samples, size=None, per_stratum=None,
              allocation="proportional", rates=None, excluded=None, status="current"):
    """A draw in the JSON draw format, of the hand-derived sample sizes (in stratum order),
    its cases chosen with the script's selection. Strata come from PACK_CASES."""
    excluded = excluded or {}
    fields = {"team": 1, "Primary Need": 4}
    strata = {}
    for case in PACK_CASES:
        strata.setdefault(tuple(case[fields[f]] for f in by), []).append(case[0])
    order = sorted(strata, key=rd.stratum_order_key)
    allocation_rows, cases = [], []
    for h, key in enumerate(order):
        eligible = [c for c in strata[key] if c not in excluded]
        stratum = dict(zip(by, key))
        allocation_rows.append({"stratum": stratum, "population": len(strata[key]),
                                "eligible": len(eligible), "sample": samples[h],
                                "inclusion_probability": samples[h] / len(eligible) if eligible else None,
                                "neyman_p": None if rates is None else rates[h]})
        cases += [{"case_id": c, "stratum": stratum, "ticket": rd.ticket(seed, c).hex()}
                  for c in rd.select(seed, eligible, samples[h])]
    return {"draw_id": draw_id, "month": month, "status": status, "seed": seed,
            "seed_given": True, "algorithm": "assay-draw-1",
            "frame": {"id": 1, "sha256": "0" * 64, "rows_sha256": "1" * 64}, "by": list(by),
            "services": None, "requested_size": size, "per_stratum": per_stratum,
            "allocation_requested": "proportional" if allocation == "per-stratum" else allocation,
            "allocation_used": allocation, "min_per_stratum": 1, "exclude_recent": 1,
            "total": sum(samples), "drawn_at": "2026-11-01T09:00:00.000Z", "drawn_by": "Lena Lead",
            "replaces_draw_id": None, "replace_reason": None,
            "excluded": [{"case_id": c, "drawn_in": m} for c, m in sorted(excluded.items())],
            "allocation": allocation_rows, "cases": cases, "reaudits": []}


@contextlib.contextmanager
def pack_folder(months, draws):
    """A pack folder holding frame 1 and the draws (without records.db: the files alone)."""
    with tempfile.TemporaryDirectory() as directory:
        lines = ["case_id,team,locality,service,worker,opened,source_line,Primary Need"]
        for line, (case_id, team, locality, service, need) in enumerate(PACK_CASES, start=2):
            lines.append(f"{case_id},{team},{locality},{service},,,{line},"
                         f"{chr(39) + need if need.startswith('=') else need}")
        with open(os.path.join(directory, "frame-1.csv"), "w", newline="") as f:
            f.write("\r\n".join(lines) + "\r\n")
        for draw in draws:
            with open(os.path.join(directory, f"draw-{draw['draw_id']}.json"), "w") as f:
                f.write(json.dumps(draw, ensure_ascii=False) + "\n")
        manifest = {"format": "assay-evidence-pack-2", "months": months,
                    "draws": [{"id": d["draw_id"], "month": d["month"], "status": d["status"],
                               "file": f"draw-{d['draw_id']}.json"} for d in draws],
                    "frames": [{"id": 1, "file": "frame-1.csv", "cases": len(PACK_CASES),
                                "kept_attributes": ["Primary Need"]}],
                    "head": {"seq": 1, "hash": "2" * 64}, "made_at": "2026-12-01T09:00:00.000Z",
                    "made_by": "Lena Lead"}
        with open(os.path.join(directory, "pack.json"), "w") as f:
            f.write(json.dumps(manifest) + "\n")
        yield directory


@test
def pack_kept_attribute_strata():
    # By team and the kept attribute "Primary Need", --size 6, 2026-10, nothing excluded.
    # Strata in byte order: (A,"") P06; (A,"=N3") P01 P03 P05; (A,N1) P02 P04;
    # (B,"") P12; (B,"=N3") P07 P09 P11; (B,N1) P08 P10 -- "" < "=" (3D) < "N" (4E).
    # N = E = (1, 3, 2, 1, 3, 2), T = 6, base 1 each = 6, R = 0: n = (1, 1, 1, 1, 1, 1).
    draw = pack_draw(1, "2026-10", "kept", ("team", "Primary Need"), [1] * 6, size=6)
    expect_equal([tuple(a["stratum"].values()) for a in draw["allocation"]],
                 [("A", ""), ("A", "=N3"), ("A", "N1"), ("B", ""), ("B", "=N3"), ("B", "N1")])
    with pack_folder(["2026-10"], [draw]) as directory:
        status, out, err = run(directory)
        expect_equal((status, err), (0, ""))
        assert "identical: 6 cases in 6 strata" in out, out
        assert "no records.db" in out, out
        # The apostrophe before =N3 is the CSV's, not the value's: without it, a stratum
        # '=N3 would be recomputed that the draw does not have.
        path = os.path.join(directory, "frame-1.csv")
        text = open(path, newline="").read()
        with open(path, "w", newline="") as f:
            f.write(text.replace("P01,A,North,child-in-need,,,2,'=N3", "P01,A,North,child-in-need,,,2,N1"))
        status, out, _ = run(directory)
        expect_equal(status, 1)
        assert ('stratum 1 {"team":"A","Primary Need":"=N3"}: population stored 3, recomputed 2'
                in out), out


@test
def pack_neyman_with_moderated_audits():
    # The p_h of a Neyman draw count each audit's official grade, the agreed one where it
    # was moderated (docs/sampling.md 5b). Team A: 2 audits first graded good, one agreed
    # inadequate: p = 1/2. Team B: 2 audits good, none moderated: 0/2, clamped to 0.05.
    # N = E = (6, 6), --size 6, K = 1: base (1, 1), R = 4.
    # w_A = 6 * sqrt(0.5 * 0.5) = 3; w_B = 6 * sqrt(0.05 * 0.95) = 6 * 0.2179449... = 1.3076696...
    # W = 4.3076696..., q_A = 4 * 3 / W = 2.785729..., q_B = 4 * 1.3076696 / W = 1.214270...
    # floors (2, 1), L = 1, fractions .786 > .214: the seat to A. n = (1+3, 1+1) = (4, 2).
    expect_equal(rd.allocate("neyman", [6, 6], [6, 6], size=6, minimum=1, rates=[0.5, 0.05]),
                 [4, 2])
    # Counting first grades instead (both teams 0/2, both clamped to 0.05) gives equal
    # weights: q = (2, 2), n = (3, 3). The stored p_h decide which.
    expect_equal(rd.allocate("neyman", [6, 6], [6, 6], size=6, minimum=1, rates=[0.05, 0.05]),
                 [3, 3])
    draw = pack_draw(2, "2026-11", "neyman", ("team",), [4, 2], size=6, allocation="neyman",
                     rates=[0.5, 0.05])
    with pack_folder(["2026-11"], [draw]) as directory:
        status, out, _ = run(directory)
        expect_equal(status, 0)
        assert "allocation neyman (requested neyman)" in out and "identical: 6 cases in 2 strata" in out, out
    # A draw stored with first-grade rates but the agreed-grade allocation is caught.
    draw = pack_draw(2, "2026-11", "neyman", ("team",), [4, 2], size=6, allocation="neyman",
                     rates=[0.05, 0.05])
    with pack_folder(["2026-11"], [draw]) as directory:
        status, out, _ = run(directory)
        expect_equal(status, 1)
        assert 'stratum 0 {"team":"A"}: sample stored 4, recomputed 3' in out, out


@test
def pack_with_an_empty_month_and_exclusions_across_its_months():
    # 2026-09: --per-stratum 1 by team (n = (1, 1)). 2026-10 excludes those two cases
    # (exclude recent 1): by team, --size 4: E = (5, 5), base (1, 1), R = 2, W = 12,
    # R*w = 12, 12 -> floors 1, 1, L = 0: n = (2, 2). 2026-11 had no draw at all.
    nine = pack_draw(1, "2026-09", "nine", ("team",), [1, 1], per_stratum=1,
                     allocation="per-stratum")
    drawn = {c["case_id"]: "2026-09" for c in nine["cases"]}
    ten = pack_draw(2, "2026-10", "ten", ("team",), [2, 2], size=4, excluded=drawn)
    with pack_folder(["2026-09", "2026-10", "2026-11"], [nine, ten]) as directory:
        status, out, _ = run(directory)
        expect_equal(status, 0)
        assert "all 2 draws of the pack identical" in out, out
        assert "exclusions by 2026-08 taken as stored" in out, out
        # The exclusions of 2026-10 are recomputed from the pack's 2026-09 draw: one dropped
        # is noticed.
        ten["excluded"] = ten["excluded"][1:]
        with open(os.path.join(directory, "draw-2.json"), "w") as f:
            f.write(json.dumps(ten) + "\n")
        status, out, _ = run(directory)
        expect_equal(status, 1)
        assert "selected in 2026-09) but not stored as excluded" in out, out
        assert "1 of 2 draws differ" in out, out
        # Asking for the empty month's draw is asking for a draw that is not there.
        status, out, _ = run(directory, "2026-11")
        expect_equal(status, 2)
    with pack_folder(["2026-11"], []) as directory:
        status, out, _ = run(directory)
        expect_equal(status, 0)
        assert "the pack holds no draw (2026-11)" in out, out


def main():
    passed = failed = 0
    for function in TESTS:
        try:
            function()
        except Exception:
            failed += 1
            print(f"FAIL {function.__name__}")
            traceback.print_exc(file=sys.stdout)
        else:
            passed += 1
            print(f"ok   {function.__name__}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
