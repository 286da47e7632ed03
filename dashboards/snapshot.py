#!/usr/bin/env python3
"""Draws each Grafana dashboard in grafana/dashboards/ from a Prometheus's data, as Grafana lays it
out (same queries, grid, units and thresholds), and screenshots it with headless Chromium.

A picture of what the NOC sees without running Grafana: docs/observability.md shows the results
and how they were made. Python standard library only; needs chromium on the PATH.

  python3 dashboards/snapshot.py --prometheus http://127.0.0.1:9090 --minutes 10 --out docs/img
"""
import argparse
import html
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

WIDTH = 1600
ROW_PX = 30  # Grafana's height of one grid unit
COLORS = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#fade2a",
          "#37872d", "#c4162a", "#1f60c4", "#8f3bb8"]
THRESHOLD_COLORS = {"green": "#73bf69", "orange": "#ff9830", "red": "#f2495c", "yellow": "#fade2a"}


def query(base, path, params):
    url = base + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError(f"{url}: {body.get('error')}")
    return body["data"]["result"]


def expand(expr, rate_interval):
    return (expr.replace("$__rate_interval", rate_interval).replace("$instance", ".*")
            .replace("$tap", ".*"))


def legend(fmt, labels):
    text = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt or "")
    return text or ", ".join(f"{k}={v}" for k, v in labels.items() if k != "__name__")


def fmt_value(v, unit, decimals=None):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "No data"
    if unit == "bool_yes_no":
        return "Yes" if v else "No"
    if unit == "percentunit":
        return f"{v * 100:.{2 if decimals is None else decimals}f}%"
    if unit.startswith("suffix:"):
        return short(v, decimals) + unit[len("suffix:"):]
    scaled = {"bytes": ("B", 1024, ["B", "KiB", "MiB", "GiB", "TiB"]),
              "Bps": ("B/s", 1024, ["B/s", "KiB/s", "MiB/s", "GiB/s"])}
    if unit in scaled:
        _, base, names = scaled[unit]
        i = 0
        while abs(v) >= base and i < len(names) - 1:
            v /= base
            i += 1
        return f"{v:.{1 if i else 0}f} {names[i]}"
    if unit == "s":
        if v >= 3600:
            return f"{v / 3600:.1f} h"
        if v >= 60:
            return f"{v / 60:.1f} min"
        if 0 < v < 1:
            return f"{v * 1000:.0f} ms"
        return f"{v:.{1 if v < 10 else 0}f} s"
    suffix = {"pps": " p/s", "ops": " ops/s", "reqps": " req/s"}.get(unit, "")
    return short(v, decimals) + suffix


def short(v, decimals=None):
    for div, s in ((1e9, " Bil"), (1e6, " Mil"), (1e3, " K")):
        if abs(v) >= div:
            return f"{v / div:.1f}{s}"
    if decimals is not None:
        return f"{v:.{decimals}f}"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def threshold_color(v, defaults):
    steps = defaults.get("thresholds", {}).get("steps", [])
    color = "#73bf69"
    for s in steps:
        if s.get("value") is None or (v is not None and not math.isnan(v) and v >= s["value"]):
            color = THRESHOLD_COLORS.get(s.get("color"), s.get("color", color))
    return color


def timeseries_svg(series, w, h, unit, t0, t1, threshold_lines):
    pad_l, pad_r, pad_t, pad_b = 70, 12, 8, 22
    pw, ph = w - pad_l - pad_r, h - pad_t - pad_b
    ymax = max([v for _, pts in series for _, v in pts] + [0])
    for t in threshold_lines:
        if t <= ymax * 1.5:
            ymax = max(ymax, t)
    ymax = ymax * 1.1 if ymax > 0 else 1
    out = [f'<svg width="{w}" height="{h}">']
    for i in range(4):
        y = pad_t + ph - ph * i / 3
        out.append(f'<line x1="{pad_l}" y1="{y:.1f}" x2="{w - pad_r}" y2="{y:.1f}" stroke="#2c3235"/>')
        out.append(f'<text x="{pad_l - 6}" y="{y + 4:.1f}" text-anchor="end">{html.escape(fmt_value(ymax * i / 3, unit))}</text>')
    for i in range(5):
        t = t0 + (t1 - t0) * i / 4
        x = pad_l + pw * i / 4
        out.append(f'<text x="{x:.1f}" y="{h - 5}" text-anchor="middle">{time.strftime("%H:%M", time.gmtime(t))}</text>')
    for t in threshold_lines:
        if t <= ymax:
            y = pad_t + ph - ph * t / ymax
            out.append(f'<line x1="{pad_l}" y1="{y:.1f}" x2="{w - pad_r}" y2="{y:.1f}" stroke="#f2495c" stroke-dasharray="4 3"/>')
    for i, (_, pts) in enumerate(series):
        if not pts:
            continue
        c = COLORS[i % len(COLORS)]
        xy = " ".join(f"{pad_l + pw * (t - t0) / (t1 - t0):.1f},{pad_t + ph - ph * v / ymax:.1f}" for t, v in pts)
        out.append(f'<polyline points="{xy}" fill="none" stroke="{c}" stroke-width="1.6"/>')
    out.append("</svg>")
    return "".join(out)


def panel_html(base, p, t0, t1, step, rate_interval):
    kind = p["type"]
    defaults = p.get("fieldConfig", {}).get("defaults", {})
    unit = defaults.get("unit", "short")
    decimals = defaults.get("decimals")
    g = p["gridPos"]
    w, h = g["w"] * WIDTH / 24 - 8, g["h"] * ROW_PX - 8
    style = f'left:{g["x"] * WIDTH / 24 + 4:.0f}px;top:{g["y"] * ROW_PX + 4}px;width:{w:.0f}px;height:{h}px'
    title = html.escape(p.get("title", ""))
    if kind == "row":
        return f'<div class="row" style="{style}">{title}</div>'
    body = ""
    if kind == "timeseries":
        series = []
        for t in p["targets"]:
            for r in query(base, "/api/v1/query_range", {"query": expand(t["expr"], rate_interval),
                                                        "start": t0, "end": t1, "step": step}):
                pts = [(float(a), float(b)) for a, b in r["values"] if b not in ("NaN", "+Inf", "-Inf")]
                series.append((legend(t.get("legendFormat"), r["metric"]), pts))
        lines = [s["value"] for s in defaults.get("thresholds", {}).get("steps", [])[1:]
                 if defaults.get("custom", {}).get("thresholdsStyle", {}).get("mode") == "line"]
        series.sort(key=lambda s: -max([v for _, v in s[1]] + [0]))
        shown = series[:8]
        body = timeseries_svg(shown, int(w) - 16, int(h) - 58, unit, t0, t1, lines)
        items = "".join(f'<span><i style="background:{COLORS[i % len(COLORS)]}"></i>{html.escape(n)}</span>'
                        for i, (n, _) in enumerate(shown))
        body += f'<div class="legend">{items or "No data"}</div>'
    else:
        values = []
        for t in p["targets"]:
            for r in query(base, "/api/v1/query", {"query": expand(t["expr"], rate_interval), "time": t1}):
                values.append((legend(t.get("legendFormat"), r["metric"]), float(r["value"][1])))
        if kind == "stat":
            if not values:
                body = '<div class="stat" style="color:#8e8e8e">No data</div>'
            for name, v in values:
                label = f'<div class="statname">{html.escape(name)}</div>' if len(values) > 1 else ""
                body += (f'{label}<div class="stat" style="color:{threshold_color(v, defaults)};'
                         f'font-size:{"34" if len(values) > 1 else "44"}px">{html.escape(fmt_value(v, unit, decimals))}</div>')
        else:  # bargauge
            values.sort(key=lambda nv: -nv[1])
            top = max([v for _, v in values] + [1e-9])
            for name, v in values[:10]:
                body += (f'<div class="bar"><span class="barname">{html.escape(name)}</span>'
                         f'<span class="bartrack"><span class="barfill" style="width:{max(1, 100 * v / top):.0f}%;'
                         f'background:{threshold_color(v, defaults)}"></span></span>'
                         f'<span class="barval">{html.escape(fmt_value(v, unit, decimals))}</span></div>')
            body = body or '<div class="stat" style="color:#8e8e8e">No data</div>'
    return f'<div class="panel" style="{style}"><div class="title">{title}</div>{body}</div>'


PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body{{margin:0;background:#111217;color:#ccccdc;font:12px Inter,Helvetica,Arial,sans-serif}}
header{{height:44px;padding:0 12px;display:flex;align-items:center;gap:18px;border-bottom:1px solid #2c3235}}
header b{{font-size:16px;color:#fff}} header span{{color:#8e8e8e}}
.grid{{position:relative;margin:8px}}
.panel{{position:absolute;background:#181b1f;border:1px solid #2c3235;border-radius:3px;overflow:hidden;box-sizing:border-box;padding:6px 8px}}
.row{{position:absolute;font-size:15px;font-weight:600;color:#fff;padding-top:6px}}
.title{{font-weight:600;color:#ccccdc;margin-bottom:4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
svg text{{fill:#8e8e8e;font-size:11px}}
.legend{{display:flex;flex-wrap:wrap;gap:4px 14px;margin-top:2px;color:#ccccdc;font-size:11px}}
.legend i{{display:inline-block;width:12px;height:3px;margin-right:5px;vertical-align:middle}}
.stat{{font-weight:500;text-align:center;margin-top:6px}} .statname{{text-align:center;color:#8e8e8e;margin-top:4px}}
.bar{{display:flex;align-items:center;gap:8px;margin:5px 0}} .barname{{width:32%;text-align:right;white-space:nowrap;overflow:hidden}}
.bartrack{{flex:1;height:16px;background:#22252b}} .barfill{{display:block;height:16px}} .barval{{width:70px}}
</style></head><body><header><b>{title}</b><span>{subtitle}</span></header><div class="grid" style="height:{height}px">{panels}</div></body></html>"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prometheus", default="http://127.0.0.1:9090")
    ap.add_argument("--minutes", type=int, default=10, help="time range shown, ending now")
    ap.add_argument("--rate-interval", default="30s", help="what Grafana's $__rate_interval becomes")
    ap.add_argument("--out", default="docs/img")
    ap.add_argument("--chromium", default="chromium")
    ap.add_argument("dashboards", nargs="*")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = a.dashboards or sorted(os.path.join(here, "grafana", "dashboards", f)
                                   for f in os.listdir(os.path.join(here, "grafana", "dashboards")) if f.endswith(".json"))
    os.makedirs(a.out, exist_ok=True)
    t1 = time.time()
    t0 = t1 - a.minutes * 60
    step = max(2, a.minutes * 60 // 300)
    for f in files:
        d = json.load(open(f))
        panels = d["panels"] + [q for p in d["panels"] if p["type"] == "row" for q in p.get("panels", [])]
        height = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels) * ROW_PX + 16
        subtitle = (f"last {a.minutes} min, to {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(t1))}; "
                    f"instance=All{', tap=All' if any(v['name'] == 'tap' for v in d['templating']['list']) else ''}")
        page = PAGE.format(title=html.escape(d["title"]), subtitle=html.escape(subtitle), height=height,
                           panels="".join(panel_html(a.prometheus, p, t0, t1, step, a.rate_interval) for p in panels))
        name = os.path.splitext(os.path.basename(f))[0]
        with tempfile.TemporaryDirectory() as tmp:
            page_file = os.path.join(tmp, name + ".html")
            open(page_file, "w").write(page)
            png = os.path.abspath(os.path.join(a.out, f"dashboard-{name}.png"))
            subprocess.run([a.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", f"--user-data-dir={tmp}/profile",
                            f"--window-size={WIDTH + 16},{height + 60}", f"--screenshot={png}", "file://" + page_file],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(png)


if __name__ == "__main__":
    sys.exit(main())
