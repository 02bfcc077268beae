"""Cross-article merging: same event across outlets, distinct events kept apart, rising tolls, cost."""

from __future__ import annotations

import pytest

from reportedly.corpus import merge
from reportedly.corpus.merge import MergeConfig, cluster_items, load_items, merge_store
from reportedly.corpus.synth import EventSpec, FigureSpec, PlaceSpec, build_report, synth_reports
from reportedly.store import Store

GOMA = PlaceSpec("Goma", "CD", "North Kivu", -1.679, 29.228, 216281)
BUKAVU = PlaceSpec("Bukavu", "CD", "South Kivu", -2.508, 28.861, 217831)
ATTACK = ("Violence against civilians", "Attack")
SECTORS = {"Soldiers": "military", "Police": "police"}
BOMB = ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def attack(killed: float, *, source="police", place=GOMA, day="2024-02-12", acled=ATTACK, actor="Rebels",
           update=False, qualifier="exact") -> EventSpec:
    high = None if qualifier == "at_least" else killed
    return EventSpec(type="ASSAULT", trigger="attacked a camp", acled=acled, place=place, day=day,
                     actors=[("source", actor, SECTORS.get(actor, "rebels"))] if actor else [],
                     figures=[FigureSpec("killed", killed, high, qualifier=qualifier, source=source, update=update)])


def report(spec: EventSpec | list[EventSpec], outlet: str, published: str = "2024-02-12"):
    specs = spec if isinstance(spec, list) else [spec]
    return build_report(specs, outlet=outlet, published=published, url=f"https://example.org/{outlet}/{id(spec)}")


def clusters_of(tmp_path, reports, cfg: MergeConfig = MergeConfig()):
    with Store(tmp_path / "m.duckdb") as s:
        s.write_batch([(r, "in_" + r.article.id, None) for r in reports], [], "run_t")
        merge_store(s, cfg)
        groups: dict[str, set[str]] = {}
        for row in s.sql("SELECT cluster_id, article_id FROM cluster_members"):
            groups.setdefault(row["cluster_id"], set()).add(row["article_id"])
        return sorted(groups.values(), key=lambda g: sorted(g)), s.sql("SELECT * FROM clusters ORDER BY id")


def test_one_event_three_outlets_different_figures(tmp_path):
    rs = [report(attack(12, source="police"), "Daily Ledger"),
          report(attack(20, source="a hospital official", actor=None), "Morning Wire"),
          report(attack(15, source="residents", qualifier="at_least"), "Radio Horizon", "2024-02-13")]
    groups, rows = clusters_of(tmp_path, rs)
    assert groups == [{r.article.id for r in rs}]
    assert rows[0]["n_outlets"] == 3 and rows[0]["country"] == "CD"


def test_two_attacks_same_city_same_day_stay_apart(tmp_path):
    market = [report(attack(4, acled=BOMB, actor="Militia"), "Daily Ledger"),
              report(attack(5, acled=BOMB, actor="Militia", source="residents"), "Morning Wire")]
    camp = [report(attack(60, actor="Soldiers"), "Capital Times"),
            report(attack(55, actor="Soldiers", source="the army"), "Frontier Post")]
    groups, _ = clusters_of(tmp_path, market + camp)
    assert sorted(map(len, groups)) == [2, 2]
    assert {r.article.id for r in market} in groups


def test_figures_alone_separate_two_same_type_attacks(tmp_path):
    # Same city, day and sub-type, no named actors: only the numbers tell them apart.
    small = report(attack(3, actor=None), "Daily Ledger")
    big = report(attack(80, actor=None, source="the governor"), "Morning Wire")
    groups, _ = clusters_of(tmp_path, [small, big])
    assert len(groups) == 2


def test_rising_toll_updates_the_event(tmp_path):
    first = report(attack(5), "Daily Ledger", "2024-02-12")
    later = report(attack(40, source="the governor", update=True), "Daily Ledger", "2024-02-13")
    groups, rows = clusters_of(tmp_path, [first, later])
    assert len(groups) == 1
    assert rows[0]["conflict"] is False  # the 5 is superseded, not contradicted


def test_different_towns_or_weeks_are_different_events(tmp_path):
    rs = [report(attack(10), "A"), report(attack(10, place=BUKAVU), "B"),
          report(attack(10, day="2024-02-20"), "C", "2024-02-20")]
    groups, _ = clusters_of(tmp_path, rs)
    assert len(groups) == 3


def test_one_article_two_triggers_one_event_but_two_attacks_stay_two(tmp_path):
    dup = report([attack(10), attack(10, source="residents", actor=None)], "Daily Ledger")
    two = report([attack(3, acled=BOMB, actor="Militia"), attack(70, actor="Soldiers", source="the army")],
                 "Morning Wire", "2024-03-01")
    groups, _ = clusters_of(tmp_path, [dup, two])
    assert sorted(map(len, groups)) == [1, 1, 1]  # grouped by article: dup's two events are one cluster
    with Store(tmp_path / "m.duckdb") as s:
        sizes = sorted(r["n_events"] for r in s.sql("SELECT n_events FROM clusters"))
    assert sizes == [1, 1, 2]


def test_placeless_event_borrows_its_articles_place_and_day(tmp_path):
    placed = report(attack(12), "Daily Ledger")
    follow = EventSpec(type="ASSAULT", trigger="the attack", acled=ATTACK, place=None, day=None,
                       figures=[FigureSpec("killed", 45, 45, source="a militant spokesman")])
    claim = report([attack(12, actor="Militants"), follow], "Frontier Post", "2024-02-13")
    groups, rows = clusters_of(tmp_path, [placed, claim])
    assert len(groups) == 1 and rows[0]["n_events"] == 3 and rows[0]["date_earliest"] == "2024-02-12"


def test_hypothetical_events_are_not_clustered(tmp_path):
    spec = attack(10)
    spec.modality = "future"
    real = report(attack(10), "B")
    groups, _ = clusters_of(tmp_path, [report(spec, "A"), real])
    assert groups == [{real.article.id}]


def test_country_only_places_need_more_evidence(tmp_path):
    congo = PlaceSpec("Congo", "CD", None, None, None, None, precision="country")
    a = report(attack(10, place=congo, actor=None), "A")
    b = report(attack(90, place=congo, actor=None, source="the UN"), "B")
    groups, _ = clusters_of(tmp_path, [a, b])
    assert len(groups) == 2


def test_empty_store_has_no_clusters(tmp_path):
    assert clusters_of(tmp_path, []) == ([], [])


def test_merge_is_deterministic_and_idempotent(tmp_path):
    rs = list(synth_reports(60, seed=11))
    with Store(tmp_path / "d.duckdb") as s:
        s.write_batch([(r, "in_" + r.article.id, None) for r in rs], [], "run_t")
        merge_store(s)
        first = s.sql("SELECT * FROM cluster_members ORDER BY article_id, event_id")
        merge_store(s)
        assert s.sql("SELECT * FROM cluster_members ORDER BY article_id, event_id") == first
        # ~3 outlets per synthetic event: merging recovers the 20 events
        assert s.stats()["clusters"] == 20


@pytest.mark.parametrize("window", [0, 1])
def test_date_window_knob(tmp_path, window):
    a = report(attack(10), "A", "2024-02-12")
    b = report(attack(10, day="2024-02-13"), "B", "2024-02-13")
    groups, _ = clusters_of(tmp_path, [a, b], MergeConfig(window_days=window))
    assert len(groups) == (2 if window == 0 else 1)


def test_cost_is_near_linear(tmp_path, monkeypatch):
    calls = {"n": 0}
    real = merge.score

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(merge, "score", counting)
    per_item = []
    for n in (600, 2400):
        with Store(tmp_path / f"lin{n}.duckdb") as s:
            s.write_batch([(r, "in_" + r.article.id, None) for r in synth_reports(n, seed=5)], [], "run_t")
            items = load_items(s)
        calls["n"] = 0
        cluster_items(items)
        per_item.append(calls["n"] / n)
    assert per_item[1] <= 1.2 * per_item[0] + 0.5
