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


# -- distinct same-day events in one city (issue 6) ---------------------------------------------

def item(article: str, eid: str, pos: int, *, weapon=None, district=None, doers=frozenset(), targets=frozenset(),
         figures=None, outlet="Harbour Times") -> merge.Item:
    """An invented Karachi attack event as merging sees it (day 2023-12-04)."""
    return merge.Item(article_id=article, event_id=eid, type="ASSAULT", family="violence", sub_type="Attack",
                      country="PK", admin1="Sindh", place="karachi", geonameid=1174872, lat=24.86, lon=67.01,
                      precise=True, day=738858, published="2023-12-05", outlet=outlet, actors=frozenset(),
                      sectors=frozenset(), figures=figures or {}, weapon=weapon, district=district,
                      doers=doers, targets=targets, pos=pos)


def groups_of(items: list[merge.Item]) -> list[set[str]]:
    return sorted(({it.event_id for it, _ in cl.members} for cl in cluster_items(items)), key=sorted)


def test_two_attacks_each_reported_by_both_articles_stay_two():
    # Each article leads with one attack and mentions the other: a shooting of police and a
    # grenade thrown into a shop, same city, same day, no districts resolved.
    a = [item("art_a", "a1", 10, weapon="blast", targets=frozenset({"civilians"}), figures={"injured": [(7, 7, False)]}),
         item("art_a", "a2", 900, targets=frozenset({"police"}), figures={"killed": [(2, 2, False)]})]
    b = [item("art_b", "b1", 5, weapon="shooting", targets=frozenset({"police"}), figures={"killed": [(2, 2, False)]},
              outlet="Port Courier"),
         item("art_b", "b2", 800, weapon="blast", outlet="Port Courier"),
         item("art_b", "b3", 850, targets=frozenset({"civilians"}), figures={"injured": [(3, 3, False)]},
              outlet="Port Courier")]
    assert groups_of(a + b) == [{"a1", "b2", "b3"}, {"a2", "b1"}]


def test_one_articles_events_kept_apart_by_its_coreference_never_share_a_cluster():
    one = item("art_a", "a1", 10, weapon="shooting")
    assert merge.kept_apart(one, item("art_a", "a2", 50, weapon="blast"))
    assert merge.kept_apart(one, item("art_a", "a3", 60, district="lyari")) is False  # one side unknown
    assert merge.kept_apart(item("art_a", "a4", 1, district="lyari"), item("art_a", "a5", 2, district="saddar"))
    assert merge.kept_apart(item("art_a", "a6", 1, doers=frozenset({"police"})),
                            item("art_a", "a7", 2, doers=frozenset({"militants"})))
    assert not merge.kept_apart(one, item("art_a", "a8", 90))  # "the attack": nothing tells them apart
    assert groups_of([one, item("art_a", "a2", 50, weapon="blast")]) == [{"a1"}, {"a2"}]
    assert groups_of([one, item("art_a", "a8", 90)]) == [{"a1", "a8"}]


def test_different_districts_of_one_city_are_two_events():
    lyari = item("art_a", "a1", 10, district="lyari", figures={"killed": [(2, 2, False)]})
    saddar = item("art_b", "b1", 10, district="saddar", figures={"killed": [(2, 2, False)]}, outlet="Port Courier")
    same = item("art_c", "c1", 10, district="lyari", figures={"killed": [(2, 2, False)]}, outlet="Gulf Post")
    assert groups_of([lyari, saddar, same]) == [{"a1", "c1"}, {"b1"}]


def test_different_weapons_across_articles_need_more_agreement():
    shooting = item("art_a", "a1", 10, weapon="shooting")
    grenade = item("art_b", "b1", 10, weapon="blast", outlet="Port Courier")
    assert groups_of([shooting, grenade]) == [{"a1"}, {"b1"}]
    # without the weapon knob the two would merge (same town, day and sub-type)
    cfg = MergeConfig(w_diff_weapon=0.0)
    assert len(cluster_items([shooting, grenade], cfg)) == 1


def test_a_thrown_grenade_is_not_a_primitive_weapon_and_pronouns_are_not_doers():
    assert merge._weapon("primitive", "thrown") is None and merge._weapon("primitive", "stabbed") == "cold"
    assert merge._weapon("grenade", "grenade") == "blast" and merge._weapon("abduct", "abducted") is None
    assert merge._doers([{"role": "source", "name": "they", "text": "they"}]) is None
    assert merge._doers([{"role": "source", "name": "Gunmen", "sector": "militants"}]) == {"militants"}


def test_a_later_modeless_mention_of_an_articles_event_is_not_split_by_its_default_subtype():
    shelling = item("art_a", "a1", 10, weapon="shelling", figures={"killed": [(26, 26, False)]})
    shelling.sub_type, shelling.mode = "Shelling/artillery/missile attack", "heavy-weapons"
    died = item("art_a", "a2", 300, figures={"killed": [(14, 14, False)]})
    died.day += 1  # "fourteen of the wounded died overnight": a bare "died", sub-type Attack
    assert groups_of([shelling, died]) == [{"a1", "a2"}]
    other = item("art_b", "b1", 300, figures={"killed": [(14, 14, False)]}, outlet="Port Courier")
    other.day += 1  # another article's bare attack still pays for the different sub-type
    assert groups_of([shelling, other]) == [{"a1"}, {"b1"}]


KARACHI = PlaceSpec("Karachi", "PK", "Sindh", 24.8608, 67.0104, 1174872)
LYARI = PlaceSpec("Lyari", "PK", "Sindh", 24.8600, 66.9950, 1172001, precision="district")
SADDAR = PlaceSpec("Saddar", "PK", "Sindh", 24.8560, 67.0290, 1172002, precision="district")


def test_store_merge_uses_modes_and_districts(tmp_path):
    """Weapons and districts travel from the events table into merging (SQL side)."""
    shot = report(attack(2, place=LYARI, day="2023-12-04", actor=None), "Harbour Times", "2023-12-05")
    nade = report(attack(2, place=SADDAR, day="2023-12-04", actor=None), "Port Courier", "2023-12-05")
    also = report(attack(2, place=KARACHI, day="2023-12-04", actor=None), "Gulf Post", "2023-12-05")
    groups, _ = clusters_of(tmp_path, [shot, nade])
    assert len(groups) == 2  # two districts of one city (1.5 km apart): two events
    with Store(tmp_path / "w.duckdb") as s:
        s.write_batch([(r, "in_" + r.article.id, None) for r in (shot, also)], [], "run_t")
        merge_store(s)
        assert s.sql("SELECT count(*) AS n FROM clusters")[0]["n"] == 1  # same figures, same city
        s.con.execute("UPDATE events SET mode = 'firearms', trigger = 'opened fire' WHERE article_id = ?",
                      [shot.article.id])
        s.con.execute("UPDATE events SET mode = 'grenade', trigger = 'grenade' WHERE article_id = ?",
                      [also.article.id])
        merge_store(s)
        assert s.sql("SELECT count(*) AS n FROM clusters")[0]["n"] == 2
        assert {it.weapon for it in load_items(s)} == {"shooting", "blast"}


def test_cluster_label_tie_goes_to_a_specific_subtype():
    from types import SimpleNamespace

    from reportedly.corpus.merge import _cluster_acled

    def member(sub):
        return SimpleNamespace(acled=("Strategic developments", sub) if sub else None)

    tied = [member("Change to group/activity"), member("Arrests"), member("Other"), member(None)]
    assert _cluster_acled(tied) == ("Strategic developments", "Arrests")
    majority = [member("Other"), member("Other"), member("Arrests")]
    assert _cluster_acled(majority) == ("Strategic developments", "Other")
    assert _cluster_acled([member(None)]) is None


def test_security_forces_and_police_are_one_doer_but_police_and_soldiers_two(tmp_path):
    SECTORS["Security forces"] = "security forces"
    try:
        rs = [report(attack(12, actor="Security forces"), "Daily Ledger"),
              report(attack(9, actor="Police", source="the UN mission"), "Morning Wire")]
        (tmp_path / "a").mkdir()
        groups, _ = clusters_of(tmp_path / "a", rs)
        assert groups == [{r.article.id for r in rs}]
        rs = [report(attack(12, actor="Soldiers"), "Daily Ledger"),
              report(attack(9, actor="Police", source="the UN mission"), "Morning Wire")]
        (tmp_path / "b").mkdir()
        groups, _ = clusters_of(tmp_path / "b", rs)
        assert len(groups) == 2
    finally:
        del SECTORS["Security forces"]
