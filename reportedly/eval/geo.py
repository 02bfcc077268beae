"""``reportedly eval geo``: toponym resolution on Gritta-format XML (GeoWebNews, LGL, GeoVirus).

Three layouts of the same idea are read (see docs/places.md):
- LGL:        <article><text/><toponyms><toponym><start/><end/><phrase/>
                <gaztag geonameid=..><lat/><lon/></gaztag></toponym>...
- GeoWebNews: <article><text/><toponyms><toponym><start/><end/><extractedName/>
                <geonamesID/><latitude/><longitude/></toponym>... (only those with coordinates are scored)
- GeoVirus:   <article><text/><locations><location><name/><start/><end/><lat/><lon/></location>...

Resolution: each gold span is resolved in its article, with the places the component finds
elsewhere in the article as context. Keys: acc161 (share within 161 km), exact (same
geonameid, over gold toponyms that have one), mean_km, median_km, n; with end_to_end also
detection p/r/f1 (exact span match over all gold toponyms with coordinates).
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL, load_spacy
from ..nlp.gazetteer import ADMIN1, get_gazetteer
from ..nlp.places import Mention, find_mentions, outlet_mentions, resolve
from .common import Tracker, limited, no_progress, prf

EARTH_KM = 6371.0088


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    geonameid: int | None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text and node.text.strip() else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """GeoVirus offsets are often one character off; re-anchor on the given name nearby."""
    if not name or text[start:end] == name:
        return start, end
    for shift in (-1, 1, -2, 2, -3, 3):
        s = start + shift
        if s >= 0 and text[s:s + len(name)] == name:
            return s, s + len(name)
    return start, end


def resolve_gold(doc, gold: list[GoldToponym], gaz, url: str | None = None) -> list[Mention]:
    """Resolve each gold span in its article; detected places elsewhere, and the outlet's
    web address where the file gives one (LGL's <domain>), are the context."""
    detected = find_mentions(doc, gaz)
    mentions = [Mention(g.start, g.end, g.text, "given") for g in gold]
    mentions += [m for m in detected if not any(m.start < g.end and g.start < m.end for g in gold)]
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        if m.source == "given" and gaz.demonym_entry(m.text) and not any(
                e.kind <= ADMIN1 for e in gaz.lookup(m.text)):
            m.source = "demonym"  # GeoWebNews scores demonyms ("French") at the country
    resolve(doc, mentions, gaz, outlet_mentions(url, gaz))
    by_span = {(m.start, m.end): m for m in mentions}
    return [by_span[(g.start, g.end)] for g in gold]


def read_urls(path: Path) -> list[str | None]:
    """Each article's outlet address (LGL's <url>, else <domain>), None where absent; in
    the order of ``read_articles``."""
    root = ET.parse(path).getroot()
    return [(art.findtext("url") or art.findtext("domain") or "").strip() or None for art in root.iter("article")]


def read_articles(path: Path) -> list[tuple[str, list[GoldToponym]]]:
    """(text, gold toponyms with coordinates) for each article of a Gritta-format XML file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise UsageError(f"{path} is not well-formed XML ({e}); pass a Gritta-format file such as lgl.xml") from e
    articles = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold: list[GoldToponym] = []
        for top in list(art.iter("toponym")) + list(art.iter("location")):
            start, end = _int(top.findtext("start")), _int(top.findtext("end"))
            if start is None or end is None or end > len(text):
                continue
            gaz = top.find("gaztag")
            if gaz is not None:  # LGL
                lat, lon, gid = _float(gaz.find("lat")), _float(gaz.find("lon")), _int(gaz.get("geonameid"))
            else:  # GeoWebNews / GeoVirus
                lat = _float(top.find("latitude")) if top.find("latitude") is not None else _float(top.find("lat"))
                lon = _float(top.find("longitude")) if top.find("longitude") is not None else _float(top.find("lon"))
                gid = _int(top.findtext("geonamesID"))
            if lat is None or lon is None:
                continue
            name = (top.findtext("name") or top.findtext("phrase") or top.findtext("extractedName") or "").strip()
            start, end = _align(text, start, end, name)
            gold.append(GoldToponym(start, end, text[start:end], lat, lon, gid))
        articles.append((text, gold))
    if not articles:
        raise UsageError(f"{path} has no <article> elements; pass a Gritta-format XML file")
    return articles


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL,
             track: Tracker = no_progress, end_to_end: bool = False) -> dict:
    files = sorted(data.glob("*.xml")) if data.is_dir() else [data]
    articles = [a for f in files for a in read_articles(f)]
    urls = [u for f in files for u in read_urls(f)]
    nlp = load_spacy(model)
    gaz = get_gazetteer()
    errors: list[float] = []
    exact_hits = exact_total = 0
    found = correct_spans = gold_spans = 0
    items = list(limited(articles, limit))
    texts = (t for t, _ in items)
    for (text, gold), url, doc in track(zip(items, urls, nlp.pipe(texts, batch_size=8)), len(items), "geo"):
        if end_to_end:
            detected_places = [m for m in find_mentions(doc, gaz) if m.source != "demonym"]
            spans = {(m.start, m.end) for m in detected_places}
            gold_set = {(g.start, g.end) for g in gold}
            found += len(spans)
            gold_spans += len(gold_set)
            correct_spans += len(spans & gold_set)
        for g, m in zip(gold, resolve_gold(doc, gold, gaz, url)):
            chosen = m.chosen
            km = haversine_km(g.lat, g.lon, chosen.lat, chosen.lon) if chosen else 20_038.0
            errors.append(km)
            if g.geonameid is not None:
                exact_total += 1
                exact_hits += int(chosen is not None and chosen.geonameid == g.geonameid)
    n = len(errors)
    result = {
        "acc161": round(sum(e <= 161 for e in errors) / n, 4) if n else 0.0,
        "exact": round(exact_hits / exact_total, 4) if exact_total else None,
        "mean_km": round(statistics.fmean(errors), 1) if n else None,
        "median_km": round(statistics.median(errors), 1) if n else None,
        "n": n,
        "n_articles": len(items),
    }
    if end_to_end:
        result["detection"] = prf(correct_spans, found, gold_spans)
    return result
