"""The disagreement view: every source's figure, the overall range, conflicts, superseded tolls."""

from __future__ import annotations

import math

import pytest

from reportedly.corpus.disagreement import Figure, cluster_view, conflicting, is_update, summarize
from reportedly.corpus.merge import merge_store
from reportedly.corpus.synth import EventSpec, FigureSpec, PlaceSpec, build_report
from reportedly.errors import UsageError
from reportedly.store import Store


def fig(low, high="same", *, qualifier="exact", source=None, published="2024-01-01", update=False, outlet="A"):
    return Figure(kind="killed", low=low, high=low if high == "same" else high, qualifier=qualifier,
                  text=str(low), quote=str(low), source=source, published=published, update=update, outlet=outlet,
                  quantity_id=f"q{low}{source}{published}")


def test_non_overlapping_bounds_conflict():
    assert conflicting([fig(12), fig(20)])
    assert not conflicting([fig(12), fig(12)])
    assert not conflicting([fig(12)])


def test_open_and_ranged_bounds_overlap():
    assert not conflicting([fig(12, None, qualifier="at_least"), fig(20)])  # at least 12 allows 20
    assert not conflicting([fig(10, 15, qualifier="range"), fig(14)])
    assert conflicting([fig(30, None, qualifier="at_least"), fig(20)])     # at least 30 excludes 20


def test_upper_bounded_figures_count():
    as_many_as = fig(None, 30, qualifier="at_most")
    assert not conflicting([as_many_as, fig(12)])
    assert conflicting([as_many_as, fig(45)])
    view = summarize("killed", [as_many_as, fig(12)])
    assert (view.low, view.high) == (12, 30)


def test_quote_is_the_sentence_around_a_reporters_figure():
    from reportedly.corpus.disagreement import sentence

    assert sentence("The toll rose. In all, ", "12 died on Monday. Police said") == "In all, 12 died on Monday."
    assert sentence("", "12") == "12"


def test_range_and_open_end():
    view = summarize("killed", [fig(12), fig(20, source="hospital"), fig(15, None, qualifier="at_least")])
    assert (view.low, view.high, view.open_ended, view.conflict) == (12, 20, True, True)
    assert [f.low for f in view.figures] == [12, 15, 20]  # report order, then figure id


def test_update_supersedes_earlier_toll():
    view = summarize("killed", [fig(5, published="2024-01-01"),
                                fig(40, published="2024-01-02", update=True, source="governor")])
    assert [f.superseded for f in view.figures] == [True, False]
    assert not view.conflict and (view.low, view.high) == (40, 40)


def test_update_later_in_the_same_article_supersedes():
    first, later = fig(26, source="doctors"), fig(40, source="committee", update=True)
    first.article_id = later.article_id = "art_1"
    first.start, later.start = 120, 40  # the update is printed first (a headline-style lead)
    assert summarize("killed", [first, later]).conflict and not first.superseded
    first.start, later.start = 40, 120
    view = summarize("killed", [first, later])
    assert first.superseded and not view.conflict


def test_same_source_later_figure_supersedes():
    view = summarize("killed", [fig(8, source="Police", published="2024-01-01"),
                                fig(11, source="police", published="2024-01-02"),
                                fig(30, source="rebels", published="2024-01-02")])
    assert [f.superseded for f in view.figures] == [True, False, False]
    assert view.conflict  # police 11 vs rebels 30 still disagree


def test_update_cue_detection():
    assert is_update("The death toll rose to ")
    assert is_update("bringing the number of dead to ")
    assert not is_update("Police said ")
    assert not is_update("The toll rose. Later police said ")  # the cue is in another sentence
    assert math.isinf(fig(3, None, qualifier="over").bounds[1])


@pytest.fixture()
def store(tmp_path):
    goma = PlaceSpec("Goma", "CD", "North Kivu", -1.679, 29.228, 216281)

    def told(outlet, published, figures):
        spec = EventSpec(type="ASSAULT", trigger="attacked a camp", place=goma, day="2024-02-12",
                         actors=[("source", "Rebels", "rebels")], figures=figures)
        return build_report([spec], outlet=outlet, published=published, url=f"https://example.org/{outlet}")

    reports = [
        told("Daily Ledger", "2024-02-12", [FigureSpec("killed", 12, 12, source="police", channel="statement"),
                                            FigureSpec("injured", 30, 30, source="police")]),
        told("Morning Wire", "2024-02-12", [FigureSpec("killed", 20, 20, source="a nurse", via=["Reuters"])]),
        told("Radio Horizon", "2024-02-13", [FigureSpec("killed", 45, 45, source="rebel spokesman",
                                                        channel="social_media")]),
    ]
    with Store(tmp_path / "d.duckdb") as s:
        s.write_batch([(r, "in_" + r.article.id, None) for r in reports], [], "run_t")
        merge_store(s)
        yield s


def test_cluster_view_shows_every_outlets_figure(store):
    (cid,) = [r["id"] for r in store.sql("SELECT id FROM clusters")]
    view = cluster_view(store, cid)
    killed = view["quantities"]["killed"]
    rows = [(f["outlet"], f["source"], f["low"], f["channel"]) for f in killed["figures"]]
    assert rows == [("Daily Ledger", "police", 12, "statement"), ("Morning Wire", "a nurse", 20, None),
                    ("Radio Horizon", "rebel spokesman", 45, "social_media")]
    assert killed["conflict"] and (killed["low"], killed["high"]) == (12, 45)
    assert killed["figures"][1]["via"] == ["Reuters"]
    assert killed["figures"][0]["quote"] == "12 people were killed"
    assert view["quantities"]["injured"]["conflict"] is False
    assert len(view["reports"]) == 3
    assert view["cluster"]["conflict"] is True
    assert view["cluster"]["summary"]["killed"]["n_figures"] == 3


def test_cluster_view_by_event_id_and_unknown_id(store):
    ev = store.sql("SELECT event_id, cluster_id FROM cluster_members LIMIT 1")[0]
    assert cluster_view(store, ev["event_id"])["cluster"]["id"] == ev["cluster_id"]
    with pytest.raises(UsageError, match="reportedly events"):
        cluster_view(store, "cl_nope")


def test_a_part_of_a_total_is_neither_the_total_nor_its_update():
    from reportedly.corpus.disagreement import is_part

    assert is_part("the toll has risen to 26, including ") and is_part("…, among them at least ")
    assert not is_part("the toll has risen to ")
    total, part = fig(26, source="the army"), fig(6, source="the army")
    total.article_id = part.article_id = "art_1"
    total.start, part.start, part.part = 40, 70, True  # "26, including six soldiers", one source
    view = summarize("killed", [total, part])
    assert not total.superseded and not part.superseded and not view.conflict
    assert (view.low, view.high) == (26, 26)
