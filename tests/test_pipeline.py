"""The Extractor: order, failures, multiprocessing, ids, provenance, and the contract."""

from __future__ import annotations

import pytest

import reportedly
from reportedly import ArticleInput, Failure, Report
from reportedly.records import iter_spans

KAZAKH = (
    '"There were at least six waves of attacks on Almaty," the president tweeted on Friday. '
    '"Up to 4,000 terrorists were arrested," Kazakh media reported, citing the Interior Ministry. '
    "On state television early Thursday he appealed to the CSTO for help. "
    "Police killed 12 protesters in Almaty, according to a rights group."
)


def test_extract_returns_a_valid_report(extractor):
    report = extractor(ArticleInput(text=KAZAKH, published="2022-01-07", outlet="Steppe Daily"))
    assert isinstance(report, Report)
    data = report.to_dict()
    assert data["schema"] == "reportedly/1"
    assert Report.model_validate(data) == report  # JSON round trip
    for span in iter_spans(report):
        assert report.article.text[span.start:span.end] == span.text
    assert report.statements and report.events


def test_ids_are_content_hashes(extractor):
    a = extractor(ArticleInput(text=KAZAKH, published="2022-01-07"))
    b = extractor(ArticleInput(text=KAZAKH, published="2022-01-07"))
    assert a.article.id == b.article.id
    assert [e.id for e in a.events] == [e.id for e in b.events]
    c = extractor(ArticleInput(text=KAZAKH + " More.", published="2022-01-07"))
    assert c.article.id != a.article.id


def test_events_inside_quotes_are_asserted_by_their_speaker(extractor):
    report = extractor(ArticleInput(text=KAZAKH, published="2022-01-07"))
    by_id = {s.id: s for s in report.statements}
    for event in report.events:
        inside = [s for s in report.statements
                  if s.content.start <= event.trigger.start and event.trigger.end <= s.content.end]
        if inside:
            assert event.statements and event.statements[0] in by_id
            assert event.asserted_by, f"{event.trigger.text} is inside a statement but has no asserting source"
        else:
            assert event.asserted_by == []


def test_pipe_keeps_order_and_yields_failures(extractor):
    items = ["Police arrested five people in Lagos.", "   ", ArticleInput(text="Troops fired on a crowd.", origin="x"),
             {"text": "Die Polizei teilte am Freitag mit, dass sich die Demonstranten auf dem Platz versammelt "
                      "hätten und dass die Lage in der Stadt ruhig sei, aber die Behörden blieben in Alarm. " * 2}]
    results = list(extractor.pipe(items, on_error="yield"))
    assert [type(r).__name__ for r in results] == ["Report", "Failure", "Report", "Failure"]
    assert results[1].reason == "empty" and results[3].reason == "not_english"
    assert "Lagos" in results[0].article.text


def test_pipe_raises_by_default_on_a_bad_article(extractor):
    with pytest.raises(reportedly.ReportedlyError):
        list(extractor.pipe(["  "]))


def test_two_processes_give_the_same_records():
    texts = [KAZAKH, "Police arrested 40 people in Lagos on Monday, officials said.",
             "Protesters burned tyres in Santiago late Saturday.", KAZAKH.replace("12", "15")]
    items = [ArticleInput(text=t, published="2022-01-07") for t in texts]
    one = [r.to_dict() for r in reportedly.Extractor(n_process=1, batch_size=2).pipe(items)]
    two = [r.to_dict() for r in reportedly.Extractor(n_process=2, batch_size=1).pipe(items)]
    assert one == two


def test_extract_function_and_metadata():
    report = reportedly.extract("Soldiers detained 30 men in Goma on Tuesday.", published="2023-05-04",
                                title="Detentions", outlet="Kivu Times", url="https://example.org/x")
    assert (report.article.title, report.article.outlet, report.article.published) == (
        "Detentions", "Kivu Times", "2023-05-04")


def test_components_are_registered_for_spacy_users(nlp):
    import spacy

    import reportedly.nlp  # noqa: F401

    blank = spacy.blank("en")
    for name in reportedly.nlp.COMPONENTS:
        assert name in spacy.registry.factories.get_all() or blank.has_factory(name)


def test_failure_model_is_json_safe():
    f = Failure(origin="a.txt", reason="empty", message="a.txt: empty")
    assert Failure.model_validate_json(f.model_dump_json()) == f


def test_a_speech_act_takes_its_resolved_speaker_as_source_actor():
    import reportedly

    text = ("The army said soldiers had arrested two suspects near the market in Gao. "
            "It blamed terrorist groups for the blast.")
    report = reportedly.extract(text)
    blamed = next(e for e in report.events if e.trigger.text == "blamed")
    source = next(a for a in blamed.actors if a.role == "source")
    assert (source.name, source.text, source.sector) == ("The army", "It", "military")


def test_a_speech_acts_source_is_its_speaker_across_a_conjunction():
    import reportedly

    text = ("Government spokesman Patrick Muyaya said three people had died, including a police officer, "
            "and blamed paid troublemakers for the violence.")
    report = reportedly.extract(text)
    blamed = next(e for e in report.events if e.trigger.text == "blamed")
    assert [a.name for a in blamed.actors if a.role == "source"] == ["Patrick Muyaya"]


def test_a_blank_line_ends_a_sentence_and_x_is_a_platform():
    from reportedly.nlp import load_spacy

    nlp = load_spacy()
    doc = nlp("— Almaz Tursunov (@TursunovKG) April 15, 2026\n\nTursunov, speaking later, blamed the unrest on X.")
    tursunov = next(t for t in doc if t.text == "Tursunov" and t.idx > 40)
    assert tursunov.is_sent_start
    assert [t.text for t in doc[-2:]] == ["X", "."]
