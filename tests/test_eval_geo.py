"""The geo and event-location evaluators on tiny invented fixtures."""

from __future__ import annotations

import json

from reportedly.eval import event_location, geo

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>Farmers blocked roads near Almaty on Monday. Police in Almaty detained ten.</text>
    <toponyms>
      <toponym><start>27</start><end>33</end><phrase>Almaty</phrase>
        <gaztag geonameid="1526384"><name>Almaty</name><lat>43.25667</lat><lon>76.92861</lon></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>"""

GWN_XML = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title>
    <text>Residents of Paris, Texas, protested on Friday.</text>
    <toponyms>
      <toponym><extractedName>Paris</extractedName><type>Literal</type><start>13</start><end>18</end>
        <geonamesID>4717560</geonamesID><latitude>33.66094</latitude><longitude>-95.55551</longitude></toponym>
      <toponym><extractedName>residents</extractedName><type>Non_Lit_Expression</type>
        <start>0</start><end>9</end></toponym>
    </toponyms>
  </article>
</articles>"""

# GeoVirus-style, with the one-character offset slip the real file has.
GEOVIRUS_XML = """<articles>
  <article>
    <text>Cases were reported in Nairobi this week.</text>
    <locations>
      <location><name>Nairobi</name><start>24</start><end>31</end><lat>-1.28</lat><lon>36.82</lon></location>
    </locations>
  </article>
</articles>"""


def test_haversine():
    assert geo.haversine_km(0, 0, 0, 0) == 0
    assert 340 < geo.haversine_km(51.5, -0.12, 48.85, 2.35) < 350  # London-Paris


def test_geo_lgl_format(tmp_path):
    f = tmp_path / "tiny_lgl.xml"
    f.write_text(LGL_XML, encoding="utf-8")
    r = geo.evaluate(f, end_to_end=True)
    assert r["n"] == 1 and r["acc161"] == 1.0 and r["exact"] == 1.0
    assert r["detection"]["r"] == 1.0


def test_geo_gwn_format_scores_only_toponyms_with_coordinates(tmp_path):
    f = tmp_path / "tiny_gwn.xml"
    f.write_text(GWN_XML, encoding="utf-8")
    r = geo.evaluate(f)
    assert r["n"] == 1
    assert r["acc161"] == 1.0  # Paris, Texas, not Paris, France


def test_geo_geovirus_offsets_are_realigned(tmp_path):
    f = tmp_path / "tiny_gv.xml"
    f.write_text(GEOVIRUS_XML, encoding="utf-8")
    [(text, gold)] = geo.read_articles(f)
    assert gold[0].text == "Nairobi"
    assert geo.evaluate(f)["acc161"] == 1.0


def _record(text, verb, locations):
    spans = [{"start": text.index(verb), "end": text.index(verb) + len(verb), "label": "VERB"}]
    spans += [{"start": text.index(w), "end": text.index(w) + len(w), "label": "LOCATION"} for w in locations]
    return {"text": text, "spans": spans}


def test_event_location_token_scores(tmp_path):
    f = tmp_path / "tiny.jsonl"
    records = [
        _record("Gunmen killed three villagers in Garissa on Sunday.", "killed", ["Garissa"]),
        _record("The minister spoke about the economy.", "spoke", []),
    ]
    f.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    r = event_location.evaluate(f)
    assert r["n"] == 2
    assert r["token_p"] == 1.0 and r["token_r"] == 1.0 and r["token_f1"] == 1.0


def test_event_location_subsets_partition():
    texts = [f"text {i}" for i in range(200)]
    dev = [t for t in texts if event_location.in_subset(t, "dev")]
    tune = [t for t in texts if event_location.in_subset(t, "tune")]
    assert len(dev) + len(tune) == 200 and 20 < len(dev) < 70


def test_event_location_spans_keep_capitalised_place_nouns(nlp):
    text = "Police patrolled markets in Henan Province and in Pattani province."
    assert event_location._trim(text, 28, 42) == (28, 42)  # "Henan Province": part of the name
    start = text.index("Pattani")
    assert event_location._trim(text, start, start + len("Pattani province")) == (start, start + 7)
    doc = nlp(text)
    place = {"start": 28, "end": 33, "text": "Henan"}
    event_location._extend_title_tail(doc, place)
    assert place["text"] == "Henan Province"
    low = {"start": start, "end": start + 7, "text": "Pattani"}
    event_location._extend_title_tail(doc, low)
    assert low["text"] == "Pattani"


def test_event_location_reports_what_the_pipeline_links(tmp_path):
    f = tmp_path / "tiny.jsonl"
    f.write_text(json.dumps(_record("Gunmen killed three villagers in Garissa on Sunday.", "killed",
                                    ["Garissa"])) + "\n", encoding="utf-8")
    r = event_location.evaluate(f)
    assert r["token_f1"] == 1.0  # the benchmark's own candidates
    assert r["pipeline"] == {"p": 1.0, "r": 1.0, "f1": 1.0}  # rp_places + link_place
    assert r["pipeline_events"]["f1"] == 1.0 and r["pipeline_events"]["verbs_with_event"] == 1.0


def test_event_location_pipeline_spans_come_from_rp_places_and_rp_events(nlp):
    from reportedly.nlp.extensions import register_extensions

    register_extensions()
    text = "Rebels stormed the Ulverby Hospital in Garissa on Sunday."
    doc = nlp(text)
    verb = (text.index("stormed"), text.index("stormed") + len("stormed"))
    # The pipeline knows no "Ulverby Hospital": only what rp_places holds can be linked.
    assert event_location.pipeline_spans(doc, verb) == []
    g = text.index("Garissa")
    doc._.rp_places = [{"start": g, "end": g + 7, "text": "Garissa", "name": "Garissa", "precision": "city",
                        "role": "place", "reason": "ner; city"}]
    assert event_location.pipeline_spans(doc, verb) == [(g, g + 7)]
    trigger = {"start": verb[0], "end": verb[1], "text": "stormed"}
    doc._.rp_events = [{"trigger": trigger, "mentions": [trigger], "place": 0}]
    assert event_location.event_spans(doc, verb) == (True, [(g, g + 7)])
    rebels = (0, len("Rebels"))
    assert event_location.event_spans(doc, rebels) == (False, [])  # no event there: no place
