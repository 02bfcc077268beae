"""Vendor the review UI's third-party assets into reportedly/web/static/vendor/.

The web UI must work offline (no CDN), so we ship:

- Leaflet (BSD-2-Clause) from the npm registry: leaflet.js, leaflet.css, its marker
  images and its LICENSE;
- Natural Earth country outlines (public domain) from the npm package ``world-atlas``
  (TopoJSON, ISC-licensed packaging), converted here to plain GeoJSON so the page needs
  no TopoJSON client. Coordinates are rounded to keep the file under 2 MB.

Usage (needs ``npm`` for ``npm pack``; nothing is fetched at run time of the app)::

    python scripts/build_web_assets.py                 # runs `npm pack` in a temp dir
    python scripts/build_web_assets.py --from DIR      # DIR holds leaflet-*.tgz, world-atlas-*.tgz

Re-running it is idempotent: the same package versions give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENDOR = REPO / "reportedly" / "web" / "static" / "vendor"
LEAFLET = "leaflet@1.9.4"
WORLD_ATLAS = "world-atlas@2.0.2"
RESOLUTION = "50m"  # 110m looks crude when zoomed to one country; 10m is too big to ship
DECIMALS = 2  # ~1 km: plenty for country outlines behind event points
MAX_BYTES = 2_000_000


def npm_pack(spec: str, into: Path) -> Path:
    """Download one npm tarball with the ordinary client."""
    out = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=into, check=True, capture_output=True, text=True
    )
    return into / out.stdout.strip().splitlines()[-1]


def find_tarball(folder: Path, name: str) -> Path:
    hits = sorted(folder.glob(f"{name}-*.tgz"))
    if not hits:
        sys.exit(f"no {name}-*.tgz in {folder}; run `npm pack {name}` there or drop --from")
    return hits[-1]


def unpack(tgz: Path, into: Path) -> Path:
    dest = into / tgz.stem
    with tarfile.open(tgz) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are delta-encoded, quantised integers; return absolute lon/lat."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[list[float]]:
    """Stitch arcs into one ring; a negative index (~i) means arc i reversed."""
    coords: list[list[float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        # consecutive arcs share their joining point: skip the duplicate
        for k, p in enumerate(points):
            if k == 0 and coords:
                continue
            if coords and coords[-1] == [p[0], p[1]]:
                continue  # rounding can collapse neighbours
            coords.append([p[0], p[1]])
    if coords and coords[0] != coords[-1]:
        coords.append(coords[0])
    return unwrap(coords)


def unwrap(coords: list[list[float]]) -> list[list[float]]:
    """Rings cut by the antimeridian (Fiji, Chukotka) would draw a line across the whole
    map; move their western half past 180° so the ring stays in one piece. Antarctica,
    whose ring runs along the pole on purpose, is left alone."""
    jumps = any(abs(a[0] - b[0]) > 180 for a, b in zip(coords, coords[1:]))
    if not jumps or min(p[1] for p in coords) < -85:
        return coords
    return [[x + 360 if x < 0 else x, y] for x, y in coords]


def to_geojson(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        rings = [[ring(arcs, r) for r in poly] for poly in polys]
        # drop rings that rounding collapsed to fewer than 4 points (not valid GeoJSON)
        rings = [[r for r in poly if len(r) >= 4] for poly in rings]
        rings = [poly for poly in rings if poly]
        if not rings:
            continue
        features.append({
            "type": "Feature",
            "id": geom.get("id"),
            "properties": {"name": geom.get("properties", {}).get("name")},
            "geometry": {"type": "MultiPolygon", "coordinates": rings},
        })
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="folder with the npm tarballs")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.source:
            leaflet_tgz = find_tarball(args.source, "leaflet")
            atlas_tgz = find_tarball(args.source, "world-atlas")
        else:
            leaflet_tgz = npm_pack(LEAFLET, tmp)
            atlas_tgz = npm_pack(WORLD_ATLAS, tmp)
        leaflet = unpack(leaflet_tgz, tmp)
        atlas = unpack(atlas_tgz, tmp)

        out = VENDOR / "leaflet"
        if out.exists():
            shutil.rmtree(out)
        (out / "images").mkdir(parents=True)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copy2(leaflet / "dist" / name, out / name)
        for image in (leaflet / "dist" / "images").glob("*.png"):
            shutil.copy2(image, out / "images" / image.name)
        shutil.copy2(leaflet / "LICENSE", out / "LICENSE")
        version = json.loads((leaflet / "package.json").read_text())["version"]
        (out / "VERSION").write_text(f"leaflet {version} (npm)\n")

        topo = json.loads((atlas / f"countries-{RESOLUTION}.json").read_text())
        geo = to_geojson(topo)
        outlines = VENDOR / "natural-earth"
        outlines.mkdir(parents=True, exist_ok=True)
        target = outlines / f"countries-{RESOLUTION}.geojson"
        target.write_text(json.dumps(geo, separators=(",", ":")))
        size = target.stat().st_size
        if size > MAX_BYTES:
            sys.exit(f"{target} is {size:,} bytes (> {MAX_BYTES:,}); lower DECIMALS or RESOLUTION")
        atlas_version = json.loads((atlas / "package.json").read_text())["version"]
        shutil.copy2(atlas / "LICENSE", outlines / "LICENSE.world-atlas")
        (outlines / "README").write_text(
            f"Country outlines: Natural Earth 1:{RESOLUTION} admin-0 countries (public domain,\n"
            f"https://www.naturalearthdata.com/about/terms-of-use/), from the npm package\n"
            f"world-atlas {atlas_version} (ISC, see LICENSE.world-atlas), converted from TopoJSON\n"
            f"to GeoJSON with coordinates rounded to {DECIMALS} decimals by\n"
            f"scripts/build_web_assets.py.\n"
        )
    print(f"wrote {out} and {target} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
