"""Runs each workload with nbhd and its peers, several times, and reports medians, peak RSS
(from wait4 per process), ratios, compute-stage times and whether the answers agree; then a
synthetic scale check. Called by tools/bench, which sets up the environment."""

import argparse
import csv
import datetime
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NBHD = os.path.join(ROOT, ".build", "release", "nbhd")
BENCH = os.path.join(ROOT, ".build", "release", "nbhd-bench")
PY = sys.executable
PEERS = os.path.join(HERE, "peers")
# The issues' targets are ratios against the fixed peer scripts beside the shared data (../shared/peers).
SHARED_PEERS_NAME = "peers"
GPD_LABEL = "geopandas (shared peers/crosswalk_geopandas.py)"
SHP_LABEL = "shapely 2 (shared peers/crosswalk_shapely.py, 2 threads)"
PLAIN_LABEL = "shapely 2 plain (shared peers/coverage_shapely_plain.py, 1 thread)"
DEFAULT_LABEL = "nbhd overlap, every output (default run)"


def run_once(cmd):
    """Wall time, peak RSS (MB) and output of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024.0, (out.decode(), err.decode())


def measure(cmds, runs):
    """For each labelled command: median wall time, peak RSS over the runs, and the last run's
    output. The commands take turns (one run of each per round), so a host that slows down for a
    while slows every tool alike and the ratios stay fair."""
    times = {label: [] for label in cmds}
    peaks = {label: [] for label in cmds}
    last = {}
    for _ in range(runs):
        for label, cmd in cmds.items():
            t, peak, output = run_once(cmd)
            times[label].append(t)
            peaks[label].append(peak)
            last[label] = output
    return {label: (statistics.median(times[label]), max(peaks[label]), last[label]) for label in cmds}


def stage_times(cmds, runs):
    """For each command, median wall and CPU milliseconds per stage from NBHD_TIMING=1 lines
    ("timing: STAGE MS ms (cpu MS ms)"); a stage met twice in one run (one per layer) is numbered.
    The commands take turns, as in `measure`."""
    env = dict(os.environ, NBHD_TIMING="1")
    stages = [{} for _ in cmds]
    for _ in range(runs):
        for k, cmd in enumerate(cmds):
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
            seen = {}
            for line in proc.stderr.splitlines():
                found = re.match(r"timing: (.*?) ([0-9.]+) ms \(cpu ([0-9.]+) ms\)", line)
                if not found:
                    continue
                name = found.group(1)
                name = "read" if name.startswith("read ") else name
                name = re.sub(r" \(\d+ parts\)", "", name)
                seen[name] = seen.get(name, 0) + 1
                if seen[name] > 1:
                    name = f"{name} ({seen[name]})"
                stages[k].setdefault(name, []).append((float(found.group(2)), float(found.group(3))))
    return [{k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in found.items()}
            for found in stages]


# Answers, to check that nbhd and the peers agree.

def crosswalk_pieces(path, a_field, b_field):
    """{(a, b): total area} and the row count of a crosswalk CSV."""
    pieces, rows = {}, 0
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row[a_field], row[b_field])
            pieces[key] = pieces.get(key, 0.0) + float(row["area_m2"])
            rows += 1
    return pieces, rows


def compare_crosswalks(ours, theirs):
    (p, n), (q, m) = ours, theirs
    total_p, total_q = sum(p.values()), sum(q.values())
    # Tables round areas to 0.01 m2, so pairs are compared in square metres, not relatively.
    worst = max((abs(p.get(k, 0) - q.get(k, 0)) for k in set(p) | set(q)), default=0)
    missing = len(set(p) ^ set(q))
    return (f"{n} vs {m} pieces ({missing} pairs in one table only); total {total_p:,.2f} vs {total_q:,.2f} m2 "
            f"(rel. diff {abs(total_p - total_q) / total_q:.1e}); largest difference in one pair {worst:,.2f} m2")


def numbers_after(label, text):
    found = re.findall(label + r" ([-0-9.]+)", text)
    return float(found[-1]) if found else None


def workloads(data, tmp):
    national = os.path.join(data, "national")
    lsoa11 = os.path.join(national, "lsoa11_ew_bsc.geojson")
    sicbl = os.path.join(national, "sicbl21_england_epsg27700.geojson")
    lsoa21 = os.path.join(national, "lsoa21_england_bsc_pop2021.geojson")
    wards22 = os.path.join(national, "wards22_uk_bsc.geojson")
    named = os.path.join(national, "msoa11_named_neighbourhoods.geojson")
    pharmacies = os.path.join(national, "pharmacies_2025-02_active.geojson")
    ssot = os.path.join(ROOT, "examples", "ssot.yml")
    shared_peers = os.path.join(data, "..", SHARED_PEERS_NAME)

    def crosswalk(name, what, a, b, id_a, id_b, speedup=False):
        out = os.path.join(tmp, name)

        def check():
            ours = crosswalk_pieces(os.path.join(out, "nbhd", "crosswalk.csv"), "a_id", "b_id")
            return [f"geopandas: {compare_crosswalks(ours, crosswalk_pieces(out + '-gpd.csv', id_a, id_b))}",
                    f"shapely 2: {compare_crosswalks(ours, crosswalk_pieces(out + '-shp.csv', 'a', 'b'))}"]

        return {
            "name": name, "what": what,
            "nbhd": [NBHD, "overlap", a, b, "--out", os.path.join(out, "nbhd"), "--crosswalk-only"],
            "extra": {DEFAULT_LABEL: [NBHD, "overlap", a, b, "--out", os.path.join(out, "full")]},
            "peers": {
                GPD_LABEL: [PY, os.path.join(shared_peers, "crosswalk_geopandas.py"), a, b, id_a, id_b,
                            out + "-gpd.csv"],
                SHP_LABEL: [PY, os.path.join(shared_peers, "crosswalk_shapely.py"), a, b, id_a, id_b,
                            out + "-shp.csv"],
            },
            "stage": "overlay", "speedup": speedup, "check": check,
        }

    def coverage(name, what, units, field, speedup=False):
        out = os.path.join(tmp, name)
        population = ["--population", units, "--population-field", field] if field != "-" else []
        peer_out = []

        def check():
            summary = json.load(open(os.path.join(out, "summary.json")))["categories"][0]
            text = peer_out[0] if peer_out else ""
            area = numbers_after("uncovered area", text)
            line = f"uncovered area nbhd {summary['uncovered_area_m2']:,.2f} vs shapely 2 {area:,.0f} m2"
            if "population_uncovered" in summary:
                people = float(re.findall(r"; ([0-9]+) of", text)[-1])
                line += f"; people out of reach nbhd {summary['population_uncovered']:,.2f} vs {people:,.0f}"
            lines = [line]
            if os.path.exists(out + "-plain.csv"):
                plain = dict(row.split(",") for row in open(out + "-plain.csv").read().split())
                lines.append(f"plain shapely peer: uncovered area {float(plain['uncovered_m2']):,.2f} m2, "
                             f"people out of reach {float(plain['population_uncovered']):,.2f}")
            return lines

        peers = {"shapely 2 (exploded union, STRtree, 2 threads)": [
            PY, os.path.join(PEERS, "coverage_shapely.py"), units, pharmacies, "800", field, out + "-shp.csv"]}
        if field != "-":
            peers[PLAIN_LABEL] = [PY, os.path.join(shared_peers, "coverage_shapely_plain.py"), units, field,
                                  pharmacies, "800", out + "-plain.csv"]
        return {
            "name": name, "what": what,
            "nbhd": [NBHD, "coverage", units, "pharmacy=" + pharmacies, "--radius", "800", *population, "--out", out],
            "peers": peers,
            "stage": "coverage", "speedup": speedup, "check": check, "peer_out": peer_out,
        }

    def england_report():
        """Issue 17: the main job at national scale (6,791 named neighbourhoods against wards22,
        LSOA21 residents, pharmacies and GP practices), against the bare crosswalk of its pair."""
        study = os.path.join(national, "study_england_named_neighbourhoods.yml")
        out = os.path.join(tmp, "report-england")
        return {
            "name": "report-england", "what": "the national study report (study_england_named_neighbourhoods.yml)",
            "nbhd": [NBHD, "report", study, "--out", out],
            "extra": {"nbhd overlap --crosswalk-only of the study's pair": [
                NBHD, "overlap", named, wards22, "--crosswalk-only", "--out", out + "-crosswalk"]},
            "peers": {},
            "check": lambda: [f"report folder {sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs) / 1e6:.1f} MB"],
        }

    def change():
        """Issue 19: national GP change 2022-01 -> 2025-10 at 1,000 m, LSOA21 as its own population."""
        out = os.path.join(tmp, "change-gp-lsoa21")
        before = os.path.join(national, "gp_practices_2022-01_pcn.geojson")
        after = os.path.join(national, "gp_practices_2025-10_pcn.geojson")
        peer_out = []

        def check():
            s = json.load(open(os.path.join(out, "summary.json")))["categories"][0]
            p = json.loads(peer_out[0]) if peer_out else {}
            lines = []
            for ours, theirs in [("population_lost", "lost_people"), ("lost_area_m2", "lost_area_m2"),
                                 ("population_gained", "gained_people"), ("gained_area_m2", "gained_area_m2"),
                                 ("population_covered_before", "covered_people_before"),
                                 ("population_covered_after", "covered_people_after")]:
                a, b = s[ours], p[theirs]
                lines.append(f"{ours}: nbhd {a:,.2f} vs shapely 2 {b:,.2f} (rel. diff {abs(a - b) / abs(b):.1e})")
            lines.append(f"units losing people: nbhd {s['units_losing_people']:.0f} vs {p['units_losing_people']}; "
                         f"closed {s['closed']:.0f} vs {p['closed']}, opened {s['opened']:.0f} vs {p['opened']}; "
                         f"nbhd: {s['closed_merged_at_site']:.0f} merged at a site, {s['moved']:.0f} moved")
            return lines

        return {
            "name": "change-gp-lsoa21",
            "what": "national GP change 2022-01 -> 2025-10, 1,000 m, all LSOA21 with 2021 residents",
            "nbhd": [NBHD, "change", lsoa21, "gp=" + after, "--before", "gp=" + before, "--radius", "gp=1000",
                     "--population", lsoa21, "--population-field", "usual_residents_2021", "--out", out],
            "peers": {"shapely 2 (change_shapely.py)": [PY, os.path.join(PEERS, "change_shapely.py"), lsoa21,
                                                        "usual_residents_2021", before, after, "1000",
                                                        "practice_code"]},
            "stage": "change", "check": check, "peer_out": peer_out,
        }

    reproject_out = []
    return [
        {
            "name": "parse", "what": "parse the national LSOA11 GeoJSON (32 MB)",
            "nbhd": [BENCH, "parse", lsoa11, "--runs", "1"],
            "extra": {"nbhd, one thread, 7 parses in one process": [BENCH, "parse", lsoa11, "--runs", "7",
                                                                    "--threads", "1"]},
            "peers": {"pyogrio (GDAL)": [PY, os.path.join(PEERS, "parse_pyogrio.py"), lsoa11]},
        },
        {
            "name": "reproject", "what": "reproject the national LSOA11's 431k coordinates to EPSG:27700 (in-process time)",
            "nbhd": [BENCH, "reproject", lsoa11, "--runs", "5"],
            "peers": {"pyproj (vectorised)": [PY, os.path.join(PEERS, "reproject_pyproj.py"), lsoa11]},
            "peer_out": reproject_out,
            # Whole processes are mostly reading here: the ratio compares the in-process
            # reprojection times (nbhd on every core against pyproj's one call).
            "ratio": lambda out, pout: (float(re.findall(r"in ([0-9.]+) ms", pout)[-1])
                                        / float(re.findall(r"thread\(s\): median of \d+ ([0-9.]+) ms", out)[-1])),
        },
        crosswalk("crosswalk-lsoa11-sicbl", "load, reproject, overlay LSOA11 x sub-ICB, write the crosswalk CSV",
                  lsoa11, sicbl, "LSOA11CD", "SICBL22CD", speedup=True),
        crosswalk("crosswalk-lsoa21-wards22", "LSOA21 x wards22 (both fine-grained)", lsoa21, wards22, "lsoa21_code",
                  "ward22_code"),
        crosswalk("crosswalk-named-wards22", "named MSOA neighbourhoods x wards22", named, wards22, "msoa11_code",
                  "ward22_code"),
        coverage("coverage-10k-sicbl", "10,501 pharmacies, 800 m, against the 106 sub-ICB units", sicbl, "-",
                 speedup=True),
        coverage("coverage-pharmacies-lsoa21", "national pharmacy coverage, 800 m, all LSOA21 with 2021 residents",
                 lsoa21, "usual_residents_2021"),
        {
            "name": "svg-lsoa21", "what": "national LSOA21 density choropleth SVG",
            "nbhd": [NBHD, "render", lsoa21, "--choropleth", "usual_residents_2021", "--per-km2", "-o",
                     os.path.join(tmp, "lsoa21.svg")],
            "peers": {"numpy SVG writer": [PY, os.path.join(PEERS, "svg_numpy.py"), lsoa21, "usual_residents_2021",
                                           os.path.join(tmp, "lsoa21-numpy.svg")]},
            "stage": "render",
            "check": lambda: [f"SVG size nbhd {os.path.getsize(os.path.join(tmp, 'lsoa21.svg')) / 1e6:.2f} MB, numpy writer "
                              f"{os.path.getsize(os.path.join(tmp, 'lsoa21-numpy.svg')) / 1e6:.2f} MB"],
        },
        change(),
        {
            "name": "report-ssot", "what": "a whole `nbhd report` on the SSOT study (3 layers, population, 4 asset categories)",
            "nbhd": [NBHD, "report", ssot, "--out", os.path.join(tmp, "report-ssot")],
            "peers": {},
        },
        catchments_workload(data, tmp),
        consensus_workload(data, tmp),
        england_report(),
    ]


def catchments_workload(data, tmp):
    """Issue 15: majority + footprint 0.8 + dissolve + neighbourhood patients, SSOT registrations on
    the national LSOA21 layer, nbhd against the geopandas peer, whole process."""
    registrations = os.path.join(data, "ssot", "gp_patients_by_lsoa21_2025-10_raw.csv")
    lsoa21 = os.path.join(data, "national", "lsoa21_england_bsc_pop2021.geojson")
    named = os.path.join(data, "ssot", "named_neighbourhoods_msoa11.geojson")
    out = os.path.join(tmp, "catchments")

    def check():
        ours = {}
        with open(os.path.join(out, "nbhd", "neighbourhood_groups.csv")) as f:
            for row in csv.DictReader(f):
                ours[(row["neighbourhood_id"], row["group_code"])] = float(row["patients"])
        theirs = {}
        with open(os.path.join(out, "peer", "neighbourhood_groups.csv")) as f:
            for row in csv.DictReader(f):
                theirs[(row["msoa11_code"], row["PCN_CODE"])] = float(row["patients"])
        worst = max(abs(ours[k] - theirs[k]) / theirs[k] for k in theirs if theirs[k] >= 1)
        lines = [f"neighbourhood x PCN rows nbhd {len(ours)}, geopandas {len(theirs)}; same keys "
                 f"{set(ours) == set(theirs)}; largest relative difference (rows of >= 1 patient) {worst:.1e}; "
                 f"total {sum(ours.values()):,.4f} vs {sum(theirs.values()):,.4f}"]
        for method in ["majority", "footprint"]:
            a = {f["properties"]["code"]: f["properties"] for f in
                 json.load(open(os.path.join(out, "nbhd", f"catchments_{method}.geojson")))["features"]}
            b = {f["properties"]["PCN_CODE"]: f["properties"] for f in
                 json.load(open(os.path.join(out, "peer", f"{method}.geojson")))["features"]}
            same = sum(a[k]["lsoas"] == b[k]["lsoas"] for k in b)
            area = max(abs(a[k]["area_m2"] - b[k]["area_m2"]) / b[k]["area_m2"] for k in b)
            lines.append(f"{method}: {len(a)} vs {len(b)} catchments, LSOA counts equal for {same}, "
                         f"largest relative area difference {area:.1e}")
        return lines

    return {
        "name": "catchments", "what": "SSOT registrations on the national LSOA21 layer: majority + footprint 0.8, "
                                      "dissolved, patients in the 143 named neighbourhoods",
        "nbhd": [NBHD, "catchments", registrations, lsoa21, "--method", "majority", "--method", "footprint",
                 "--neighbourhoods", named, "--neighbourhood-id-field", "msoa11_code", "--out",
                 os.path.join(out, "nbhd")],
        "peers": {"geopandas": [PY, os.path.join(PEERS, "catchments_geopandas.py"), registrations, lsoa21,
                                "lsoa21_code", named, "msoa11_code", os.path.join(out, "peer")]},
        "check": check,
    }


def consensus_workload(data, tmp):
    """Issue 14: the DNAinfo Chicago south set (1,418 drawings of 76 neighbourhoods) to bands,
    cores and the neighbourhood map, against the exact shapely peer (one global arrangement,
    polygonize, a point of each face tested against the drawings)."""
    drawings = os.path.join(data, "sketches", "chicago_dnainfo_drawings_south.geojson")
    out = os.path.join(tmp, "consensus")
    peer_out = []

    def check():
        summary = json.load(open(os.path.join(out, "summary.json")))
        text = peer_out[0] if peer_out else ""
        lines = []
        for key in ("claimed_m2", "contested_m2", "unclaimed_m2"):
            theirs = numbers_after("(?m)^" + key, text)
            lines.append(f"{key} nbhd {summary[key]:,.2f} vs shapely 2 {theirs:,.1f} "
                         f"(relative {abs(summary[key] - theirs) / theirs:.1e})")
        return lines

    return {
        "name": "consensus-south", "what": "consensus of 1,418 resident drawings (Chicago south set): bands, cores, map",
        "nbhd": [NBHD, "consensus", drawings, "--no-maps", "--out", out],
        "extra": {"nbhd consensus with every map (77 SVGs)": [NBHD, "consensus", drawings, "--out", out + "-maps"]},
        "peers": {"shapely 2 (global arrangement, polygonize, STRtree point tests)": [
            PY, os.path.join(PEERS, "consensus_shapely.py"), drawings]},
        "stage": "consensus", "check": check, "peer_out": peer_out,
    }


def synthetic_points(pharmacies, n, path, seed=7):
    """n points: real pharmacies jittered by up to ±0.05° (about 5 km), so the density follows
    where people live (deterministic)."""
    base = [f["geometry"]["coordinates"] for f in json.load(open(pharmacies))["features"] if f.get("geometry")]
    rng = random.Random(seed)
    features = []
    for i in range(n):
        x, y = base[i % len(base)]
        features.append({"type": "Feature", "properties": {"id": f"S{i:06d}"},
                         "geometry": {"type": "Point", "coordinates": [round(x + rng.uniform(-0.05, 0.05), 6),
                                                                       round(y + rng.uniform(-0.05, 0.05), 6)]}})
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)


def scale_check(data, tmp, runs):
    """Coverage compute time of n synthetic assets against the sub-ICB units as n doubles."""
    national = os.path.join(data, "national")
    sicbl = os.path.join(national, "sicbl21_england_epsg27700.geojson")
    rows = []
    for n in [12_500, 25_000, 50_000, 100_000]:
        points = os.path.join(tmp, f"synthetic-{n}.geojson")
        synthetic_points(os.path.join(national, "pharmacies_2025-02_active.geojson"), n, points)
        cmd = [NBHD, "coverage", sicbl, f"asset={points}", "--radius", "800", "--out", os.path.join(tmp, f"scale-{n}")]
        stages = stage_times([cmd], runs)[0]
        rows.append((n, stages["coverage"][0], stages.get("coverage: asset reach union", (0, 0))[0],
                     stages.get("coverage: asset per unit", (0, 0))[0]))
        print(f"   scale n={n}: coverage {stages['coverage'][0]:.0f} ms", file=sys.stderr)
    return rows


def fitted_exponent(sizes, values):
    """Least-squares slope of log(value) against log(size): k in value ∝ size^k."""
    xs, ys = [math.log(n) for n in sizes], [math.log(v) for v in values]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def scale_subsets(data, tmp):
    """Writes the scale-overlap inputs: the first 1/8, 1/4, 1/2 and all of national LSOA21 in code
    order, each with the wards22 that touch it; and their counts (scale-counts.json). Runs in a
    child process: a child's peak RSS counts its parent's at the fork, so the bench process must
    not hold the national layers when it starts nbhd."""
    import shapely
    national = os.path.join(data, "national")
    lsoa = json.load(open(os.path.join(national, "lsoa21_england_bsc_pop2021.geojson")))
    wards = json.load(open(os.path.join(national, "wards22_uk_bsc.geojson")))
    units = sorted((f for f in lsoa["features"] if f.get("geometry")), key=lambda f: f["properties"]["lsoa21_code"])
    ward_features = [f for f in wards["features"] if f.get("geometry")]
    tree = shapely.STRtree(shapely.from_geojson([json.dumps(f["geometry"]) for f in ward_features]))
    counts = {}
    for eighths in [1, 2, 4, 8]:
        part = units[: len(units) * eighths // 8]
        shapes = shapely.from_geojson([json.dumps(f["geometry"]) for f in part])
        _, touching = tree.query(shapely.make_valid(shapes), predicate="intersects")
        chosen = [ward_features[i] for i in sorted(set(touching.tolist()))]
        for name, collection, features in [("lsoa21", lsoa, part), ("wards22", wards, chosen)]:
            with open(os.path.join(tmp, f"scale-{name}-{eighths}.geojson"), "w") as f:
                json.dump({"type": "FeatureCollection", "crs": collection.get("crs"), "features": features}, f)
        counts[eighths] = (len(part), len(chosen))
    json.dump(counts, open(os.path.join(tmp, "scale-counts.json"), "w"))


def scale_overlap(data, tmp, runs):
    """Issue 17: the default `nbhd overlap` (every output) on 1/8, 1/4, 1/2 and all of national
    LSOA21, each against the wards22 that touch it. A subset is the first part of the LSOAs in code
    order: codes are allocated local authority by local authority, so each subset is whole
    authorities (London first), a region-like area rather than a scatter."""
    import multiprocessing
    child = multiprocessing.get_context("fork").Process(target=scale_subsets, args=(data, tmp))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit("scale-overlap: writing the subsets failed")
    counts = json.load(open(os.path.join(tmp, "scale-counts.json")))
    rows = []
    for eighths in [1, 2, 4, 8]:
        lsoas, wards = counts[str(eighths)]
        a, b = os.path.join(tmp, f"scale-lsoa21-{eighths}.geojson"), os.path.join(tmp, f"scale-wards22-{eighths}.geojson")
        cmd = [NBHD, "overlap", a, b, "--quiet", "--out", os.path.join(tmp, f"scale-overlap-{eighths}")]
        wall, peak, _ = measure({"nbhd": cmd}, runs)["nbhd"]
        pieces = json.load(open(os.path.join(tmp, f"scale-overlap-{eighths}", "summary.json")))["pieces"]["count"]
        rows.append((lsoas, wards, pieces, wall, peak))
        print(f"   scale-overlap {eighths}/8: {lsoas} LSOAs x {wards} wards: {wall:.2f} s, {peak:.0f} MB",
              file=sys.stderr)
    return rows


def gpkg_workloads(data, tmp):
    """GeoPackage out (nbhd convert against ogr2ogr, issue 16) and in (parsing into flat geometry
    against pyogrio's read_dataframe, both on the GeoPackage nbhd wrote)."""
    lsoa21 = os.path.join(data, "national", "lsoa21_england_bsc_pop2021.geojson")
    ours = os.path.join(tmp, "lsoa21-nbhd.gpkg")
    return [
        {
            "name": "gpkg-convert", "what": "national LSOA21 GeoJSON to GeoPackage (nbhd: EPSG:27700, validated)",
            "nbhd": [NBHD, "convert", lsoa21, ours],
            "peers": {
                "ogr2ogr": ["ogr2ogr", "-overwrite", "-f", "GPKG", os.path.join(tmp, "lsoa21-ogr.gpkg"), lsoa21],
                "ogr2ogr -t_srs EPSG:27700": ["ogr2ogr", "-overwrite", "-f", "GPKG", "-t_srs", "EPSG:27700",
                                              os.path.join(tmp, "lsoa21-ogr27700.gpkg"), lsoa21],
            },
        },
        {
            "name": "gpkg-read", "what": "parse the national LSOA21 GeoPackage into flat geometry",
            "nbhd": [BENCH, "parse-gpkg", ours, "--runs", "1"],
            "prepare": [NBHD, "convert", lsoa21, ours],
            "peers": {"pyogrio read_dataframe": [PY, os.path.join(PEERS, "parse_pyogrio.py"), ours]},
        },
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--only", default="", help="comma-separated workload names (and/or 'scale')")
    parser.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = parser.parse_args()
    data = os.path.abspath(args.data)
    if not os.path.exists(os.path.join(data, "national")):
        raise SystemExit(f"no national data under {data}: pass --data DIR (see data/README.md)")
    only = set(filter(None, args.only.split(",")))
    rows, stage_rows, computes, checks, scale, overlap_scale = [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for w in workloads(data, tmp) + gpkg_workloads(data, tmp):
            if only and w["name"] not in only:
                continue
            print(f"== {w['name']}: {w['what']}", file=sys.stderr)
            if "prepare" in w:
                subprocess.run(w["prepare"], check=True, capture_output=True)
            one = w["nbhd"] + ["--threads", "1"] if w.get("speedup") else None
            cmds = {"nbhd": w["nbhd"], **w.get("extra", {}), **w["peers"]}
            if one:
                cmds["nbhd --threads 1"] = one
            measured = measure(cmds, args.runs)
            t, mem, (out, err) = measured["nbhd"]
            rows.append((w["name"], "nbhd", t, mem, None, (out + err).strip().splitlines()[-1:]))
            print(f"   nbhd  {t:.3f} s  {mem:.0f} MB", file=sys.stderr)
            for label in w.get("extra", {}):
                et, emem, (eout, eerr) = measured[label]
                rows.append((w["name"], label, et, emem, None, (eout + eerr).strip().splitlines()[-1:]))
                print(f"   {label}  {et:.3f} s  {emem:.0f} MB", file=sys.stderr)
            for peer in w["peers"]:
                pt, pmem, (pout, perr) = measured[peer]
                ratio = w["ratio"](out, pout) if "ratio" in w else pt / t
                rows.append((w["name"], peer, pt, pmem, ratio, (pout + perr).strip().splitlines()[-1:]))
                if "peer_out" in w:
                    w["peer_out"].append(pout)
                print(f"   {peer}  {pt:.3f} s  {pmem:.0f} MB  (nbhd {pt / t:.1f}x faster)", file=sys.stderr)
            if w["name"] == "reproject":
                ours, theirs = numbers_after("sum", out), numbers_after("sum", w["peer_out"][0])
                checks.append((w["name"], [f"sum of x and y: nbhd {ours:,.3f}, pyproj {theirs:,.3f} "
                                           f"(rel. diff {abs(ours - theirs) / abs(theirs):.1e}; same operation: "
                                           "OSGB36 to WGS 84 (6), no OSTN15 grid in either)"]))
            if "check" in w:
                try:
                    checks.append((w["name"], w["check"]()))
                except Exception as error:  # a broken check must not lose the timings
                    checks.append((w["name"], [f"check failed: {error!r}"]))
            if "stage" in w:
                many, single = stage_times([w["nbhd"], one], args.runs) if one else (
                    stage_times([w["nbhd"]], args.runs)[0], None)
                computes.append((w["name"], w["stage"], *many[w["stage"]]))
                if one:
                    t1, mem1, (out1, err1) = measured["nbhd --threads 1"]
                    rows.append((w["name"], "nbhd --threads 1", t1, mem1, None,
                                 (out1 + err1).strip().splitlines()[-1:]))
                    stage_rows.append((w["name"], many, single))
                    print(f"   nbhd --threads 1  {t1:.3f} s  (parallel speed-up {t1 / t:.2f}x)", file=sys.stderr)
        if not only or "scale" in only:
            print("== scale: coverage of n synthetic assets against the sub-ICB units", file=sys.stderr)
            scale = scale_check(data, tmp, args.runs)
        if not only or "scale-overlap" in only:
            print("== scale-overlap: default overlap of 1/8 .. all of LSOA21 against wards22", file=sys.stderr)
            overlap_scale = scale_overlap(data, tmp, args.runs)
    write_report(args, rows, stage_rows, computes, checks, scale, overlap_scale)


def machine():
    """One line naming the CPU, memory, library and peer versions."""
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    memory = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    peers = []
    for module in ["geopandas", "shapely", "pyogrio", "pyproj"]:
        try:
            peers.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            pass
    import shapely
    return (f"{model}, {os.cpu_count()} cores, {memory} GiB; nbhd on GEOS {version(['geos-config', '--version'])} "
            f"and PROJ {version(['pkg-config', '--modversion', 'proj'])} (Debian); peers: {', '.join(peers)} "
            f"(GEOS {shapely.geos_version_string}), Python {platform.python_version()}; "
            f"load average at the start {os.getloadavg()[0]:.2f}")


def targets(rows, stage_rows, computes, checks):
    """The DESIGN.md section 10 targets this run can judge, each met or missed and by how much."""
    time_of = {(name, tool): (t, mem, last) for name, tool, t, mem, ratio, last in rows}
    compute_of = {name: wall for name, stage, wall, cpu in computes}
    out = []

    def judge(label, value, target, better="lower", unit=""):
        met = value <= target if better == "lower" else value >= target
        verdict = "met" if met else f"MISSED by {abs(value - target) / target:.0%}"
        out.append(f"| {label} | {value:,.2f}{unit} | {'≤' if better == 'lower' else '≥'} {target:,}{unit} | {verdict} |")

    parse = time_of.get(("parse", "nbhd, one thread, 7 parses in one process"))
    if parse:
        found = re.findall(r"([0-9]+) MB/s", " ".join(parse[2]))
        if found:
            judge("parse, one core (fastest of 7 in one process, MB/s)", float(found[-1]), 200, "higher")
    first = time_of.get(("parse", "nbhd"))
    if first:
        found = re.findall(r"([0-9]+) MB/s", " ".join(first[2]))
        if found:
            judge("parse, first read in a fresh process (page faults included, MB/s)", float(found[-1]), 200, "higher")
    name = "crosswalk-lsoa11-sicbl"
    if (name, "nbhd") in time_of:
        ours, mem, _ = time_of[(name, "nbhd")]
        gpd = time_of.get((name, GPD_LABEL))
        shp = time_of.get((name, SHP_LABEL))
        full = time_of.get((name, DEFAULT_LABEL))
        if gpd:
            judge("crosswalk LSOA11 x sub-ICB: times faster than geopandas", gpd[0] / ours, 5, "higher", "x")
        if shp:
            judge("crosswalk LSOA11 x sub-ICB: times faster than shapely 2", shp[0] / ours, 3, "higher", "x")
        judge("crosswalk LSOA11 x sub-ICB: peak memory", mem, 150, unit=" MB")
        if gpd and full:
            judge("default overlap LSOA11 x sub-ICB (every output): times faster than geopandas", gpd[0] / full[0],
                  2, "higher", "x")
        if full:
            judge("default overlap LSOA11 x sub-ICB: peak memory", full[1], 150, unit=" MB")
        if name in compute_of:
            judge("crosswalk LSOA11 x sub-ICB: overlay compute", compute_of[name], 250, unit=" ms")
    name = "coverage-pharmacies-lsoa21"
    if (name, "nbhd") in time_of and (name, PLAIN_LABEL) in time_of:
        judge("national pharmacy coverage: times faster than the plain shapely peer (whole process)",
              time_of[(name, PLAIN_LABEL)][0] / time_of[(name, "nbhd")][0], 3, "higher", "x")
    name = "report-england"
    bare = time_of.get((name, "nbhd overlap --crosswalk-only of the study's pair"))
    if (name, "nbhd") in time_of and bare:
        judge("national study report: times the --crosswalk-only run of its pair", time_of[(name, "nbhd")][0]
              / bare[0], 6, unit="x")
        judge("national study report: peak memory", time_of[(name, "nbhd")][1], 400, unit=" MB")
    name = "consensus-south"
    peer = next((label for (n, label) in time_of if n == name and label.startswith("shapely")), None)
    if (name, "nbhd") in time_of and peer:
        judge("consensus, Chicago south set: times faster than the shapely peer (whole process)",
              time_of[(name, peer)][0] / time_of[(name, "nbhd")][0], 20, "higher", "x")
        judge("consensus, Chicago south set: peak memory", time_of[(name, "nbhd")][1], 200, unit=" MB")
    # DESIGN asks the 2-core speed-up of the overlay and coverage stages.
    for stage_name, many, single in stage_rows:
        for stage in ["overlay", "coverage"]:
            if stage in many and stage in single:
                judge(f"parallel speed-up, {stage} stage ({stage_name})", single[stage][0] / many[stage][0], 1.7,
                      "higher", "x")
    for workload, target in [("crosswalk-lsoa21-wards22", 1000), ("crosswalk-named-wards22", 500),
                             ("coverage-10k-sicbl", 600), ("coverage-pharmacies-lsoa21", 700), ("svg-lsoa21", 400)]:
        if workload in compute_of:
            judge(f"{workload}: compute", compute_of[workload], target, unit=" ms")
    name = "change-gp-lsoa21"
    if (name, "nbhd") in time_of and (name, "shapely 2 (change_shapely.py)") in time_of:
        judge("national GP change 1 km: times faster than shapely 2 (whole process)",
              time_of[(name, "shapely 2 (change_shapely.py)")][0] / time_of[(name, "nbhd")][0], 2, "higher", "x")
    for check_name, items in checks:
        if check_name == "svg-lsoa21":
            size = float(re.findall(r"nbhd ([0-9.]+) MB", items[0])[0])
            judge("svg-lsoa21: file size", size, 6, unit=" MB")
    if not out:
        return []
    notes = []
    for name, tool in [("crosswalk-lsoa11-sicbl", "nbhd"), ("coverage-10k-sicbl", "nbhd")]:
        one, many = time_of.get((name, "nbhd --threads 1")), time_of.get((name, tool))
        if one and many:
            notes.append(f"Whole `{name}` process on {os.cpu_count()} cores against one: {one[0] / many[0]:.2f}x "
                         "(not a DESIGN target: reading the file, writing the table and starting the process "
                         "are mostly sequential).")
    return ["", "Targets (DESIGN.md section 10) judged from this run:", "",
            "| target | measured | goal | verdict |", "|---|---:|---:|---|", *out,
            *([""] + notes if notes else [])]


def write_report(args, rows, stage_rows, computes, checks, scale, overlap_scale):
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `tools/bench --runs {args.runs}` on {datetime.date.today()}.",
        "",
        f"Machine: {machine()}.",
        "",
        "Times are medians of whole processes (start to exit); memory is the peak resident set. "
        "`nbhd` crosswalk rows use `overlap --crosswalk-only` (the same table the peers write); "
        "the `every output` row is the full analysis. For `reproject` the ratio compares in-process "
        "reprojection times (the whole processes are mostly reading the file).",
        "",
        "| workload | tool | median s | peak MB | nbhd faster by | last line of output |",
        "|---|---|---:|---:|---:|---|",
    ]
    for name, tool, t, mem, ratio, last in rows:
        ratio_text = f"{ratio:.1f}x" if ratio else ""
        lines.append(f"| {name} | {tool} | {t:.3f} | {mem:.0f} | {ratio_text} | {' '.join(last)[:120]} |")
    lines += targets(rows, stage_rows, computes, checks)
    if computes:
        lines += ["", "Compute stages (NBHD_TIMING=1, median of the runs, ms; CPU is the whole process's):", "",
                  "| workload | stage | wall ms | CPU ms |", "|---|---|---:|---:|"]
        lines += [f"| {name} | {stage} | {wall:.1f} | {cpu:.1f} |" for name, stage, wall, cpu in computes]
    if checks:
        lines += ["", "Do the answers agree?", ""]
        for name, items in checks:
            lines += [f"- {name}: {item}" for item in items]
    for name, many, single in stage_rows:
        lines += [
            "",
            f"Stages of `{name}` (NBHD_TIMING=1, medians in ms; CPU is the whole process's, all threads; "
            "`analysis` includes writing the output files; a stage met once per layer is numbered):",
            "",
            f"| stage | wall, {os.cpu_count()} threads | wall, 1 thread | speed-up | CPU, {os.cpu_count()} threads | CPU, 1 thread |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for stage, (wall, cpu) in many.items():
            wall1, cpu1 = single.get(stage, (None, None))
            speedup = f"{wall1 / wall:.2f}x" if wall1 and wall > 0 else ""
            lines.append(f"| {stage} | {wall:.1f} | {wall1:.1f} | {speedup} | {cpu:.1f} | {cpu1:.1f} |")
    if scale:
        lines += ["", "Scale check: `nbhd coverage` of n synthetic assets (real pharmacies jittered by up to 5 km) "
                  "against the 106 sub-ICB units, 800 m; compute stage medians in ms; growth exponent k in "
                  "time ∝ n^k between successive sizes:", "",
                  "| assets n | coverage ms | reach union ms | per unit ms | k |", "|---:|---:|---:|---:|---:|"]
        for i, (n, total, union, per_unit) in enumerate(scale):
            k = f"{math.log(total / scale[i - 1][1]) / math.log(n / scale[i - 1][0]):.2f}" if i else ""
            lines.append(f"| {n:,} | {total:.0f} | {union:.0f} | {per_unit:.0f} | {k} |")
    if overlap_scale:
        lines += ["", "Scale of the default `nbhd overlap` (every output, topology included): the first 1/8, 1/4, "
                  "1/2 and all of national LSOA21 in code order (whole local authorities), each against the wards22 "
                  "that touch it; median whole-process time and peak memory; k is the growth exponent "
                  "(time ∝ n^k) from the previous size, n the number of LSOAs:", "",
                  "| LSOAs n | wards | pieces | median s | peak MB | k (time) | k (memory) |",
                  "|---:|---:|---:|---:|---:|---:|---:|"]
        for i, (n, wards, pieces, wall, peak) in enumerate(overlap_scale):
            prev = overlap_scale[i - 1] if i else None
            kt = f"{math.log(wall / prev[3]) / math.log(n / prev[0]):.2f}" if prev else ""
            km = f"{math.log(peak / prev[4]) / math.log(n / prev[0]):.2f}" if prev else ""
            lines.append(f"| {n:,} | {wards:,} | {pieces if pieces is not None else ''} | {wall:.2f} | {peak:.0f} "
                         f"| {kt} | {km} |")
        sizes = [r[0] for r in overlap_scale]
        lines += ["", f"Fitted over the four sizes (least squares on logs): time ∝ n^"
                  f"{fitted_exponent(sizes, [r[3] for r in overlap_scale]):.2f}, peak memory ∝ n^"
                  f"{fitted_exponent(sizes, [r[4] for r in overlap_scale]):.2f}."]
    text = "\n".join(lines) + "\n"
    print(text)
    with open(args.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
