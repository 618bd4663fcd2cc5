"""Runs each workload with nbhd and its peers, several times, and reports medians, peak RSS
(from wait4 per process) and ratios. Called by tools/bench, which sets up the environment."""

import argparse
import datetime
import json
import os
import platform
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


def run_once(cmd):
    """Wall seconds and peak RSS (MB) of one process; fails loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024.0, out, err


def measure(cmd, runs):
    times, peaks, last = [], [], None
    for _ in range(runs):
        wall, peak, out, err = run_once(cmd)
        times.append(wall)
        peaks.append(peak)
        last = (out, err)
    return statistics.median(times), max(peaks), last


def stage_times(cmd, runs):
    """Median wall and CPU milliseconds per stage from NBHD_TIMING=1 lines
    ("timing: STAGE MS ms (cpu MS ms)"); a stage met twice in one run (one per layer) is
    numbered."""
    env = dict(os.environ, NBHD_TIMING="1")
    stages = {}
    for _ in range(runs):
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        seen = {}
        for line in proc.stderr.splitlines():
            found = re.match(r"timing: (.*?) ([0-9.]+) ms \(cpu ([0-9.]+) ms\)", line)
            if not found:
                continue
            name = found.group(1)
            name = "read" if name.startswith("read ") else name
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{name} ({seen[name]})"
            stages.setdefault(name, []).append((float(found.group(2)), float(found.group(3))))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in stages.items()}


def workloads(data, tmp):
    national = os.path.join(data, "national")
    lsoa11 = os.path.join(national, "lsoa11_ew_bsc.geojson")
    sicbl = os.path.join(national, "sicbl21_england_epsg27700.geojson")
    lsoa21 = os.path.join(national, "lsoa21_england_bsc_pop2021.geojson")
    pharmacies = os.path.join(national, "pharmacies_2025-02_active.geojson")
    peers = os.path.join(HERE, "peers")
    return [
        {
            "name": "parse",
            "what": "parse the national LSOA11 GeoJSON (31 MB)",
            "nbhd": [BENCH, "parse", lsoa11, "--runs", "1"],
            "peers": {
                "pyogrio (GDAL)": [PY, os.path.join(peers, "parse_pyogrio.py"), lsoa11],
            },
        },
        {
            "name": "crosswalk-lsoa11-sicbl",
            "what": "whole process: load, reproject, overlay LSOA11 x sub-ICB, write CSV",
            "nbhd": [NBHD, "overlap", lsoa11, sicbl, "--out", os.path.join(tmp, "nbhd-xw"), "--no-topology"],
            "speedup": True,
            "peers": {
                "geopandas overlay": [PY, os.path.join(peers, "crosswalk_geopandas.py"), lsoa11, sicbl,
                                      os.path.join(tmp, "gpd-xw.csv")],
                "shapely 2 (STRtree, 2 threads)": [PY, os.path.join(peers, "crosswalk_shapely.py"), lsoa11, sicbl,
                                                   os.path.join(tmp, "shp-xw.csv")],
            },
        },
        {
            "name": "coverage-pharmacies-lsoa21",
            "what": "whole process: national pharmacy coverage, 800 m, all LSOA21 with 2021 residents",
            "nbhd": [NBHD, "coverage", lsoa21, "pharmacy=" + pharmacies, "--radius", "800",
                     "--population", lsoa21, "--population-field", "usual_residents_2021",
                     "--out", os.path.join(tmp, "nbhd-cov")],
            "peers": {
                "shapely 2 (exploded union, STRtree, 2 threads)": [
                    PY, os.path.join(peers, "coverage_shapely.py"), lsoa21, pharmacies, "800",
                    "usual_residents_2021", os.path.join(tmp, "shp-cov.csv")],
            },
        },
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--only", default="")
    parser.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = parser.parse_args()
    data = os.path.abspath(args.data)
    if not os.path.exists(os.path.join(data, "national")):
        raise SystemExit(f"no national data under {data}: pass --data DIR (see data/README.md)")
    only = set(filter(None, args.only.split(",")))
    rows = []
    stage_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for w in workloads(data, tmp):
            if only and w["name"] not in only:
                continue
            print(f"== {w['name']}: {w['what']}", file=sys.stderr)
            t, mem, (out, err) = measure(w["nbhd"], args.runs)
            rows.append((w["name"], "nbhd", t, mem, None, (out + err).strip().splitlines()[-1:] ))
            print(f"   nbhd  {t:.3f} s  {mem:.0f} MB", file=sys.stderr)
            for peer, cmd in w["peers"].items():
                pt, pmem, (pout, perr) = measure(cmd, args.runs)
                rows.append((w["name"], peer, pt, pmem, pt / t, (pout + perr).strip().splitlines()[-1:]))
                print(f"   {peer}  {pt:.3f} s  {pmem:.0f} MB  (nbhd {pt / t:.1f}x faster)", file=sys.stderr)
            if w.get("speedup"):
                one = w["nbhd"] + ["--threads", "1"]
                t1, mem1, (out1, err1) = measure(one, args.runs)
                rows.append((w["name"], "nbhd --threads 1", t1, mem1, None, (out1 + err1).strip().splitlines()[-1:]))
                many, single = stage_times(w["nbhd"], args.runs), stage_times(one, args.runs)
                stage_rows.append((w["name"], many, single))
                print(f"   nbhd --threads 1  {t1:.3f} s  (parallel speed-up {t1 / t:.2f}x)", file=sys.stderr)
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `tools/bench --runs {args.runs}` on {datetime.date.today()}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        "Times are medians of whole processes (start to exit); memory is the peak resident set.",
        "",
        "| workload | tool | median s | peak MB | nbhd faster by | last line of output |",
        "|---|---|---:|---:|---:|---|",
    ]
    for name, tool, t, mem, ratio, last in rows:
        ratio_text = f"{ratio:.1f}x" if ratio else ""
        lines.append(f"| {name} | {tool} | {t:.3f} | {mem:.0f} | {ratio_text} | {' '.join(last)[:120]} |")
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
    text = "\n".join(lines) + "\n"
    print(text)
    with open(args.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
