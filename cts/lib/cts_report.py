"""cts_report.py — the arithmetic of the figures (outages from probe samples,
median and maximum per fault kind, availability) and the report as text and
JSON. Pure: no I/O but what the caller prints."""
import json
import statistics


def service_time(samples, t0, t1):
    """(uptime, downtime, longest outage) in seconds over [t0, t1] from probe
    samples (time, answered), sorted by time: each sample holds until the
    next one (the last until t1)."""
    up = down = longest = run = 0.0
    for i, (t, ok) in enumerate(samples):
        nxt = samples[i + 1][0] if i + 1 < len(samples) else t1
        a, b = max(t, t0), min(nxt, t1)
        if b <= a:
            continue
        if ok:
            up += b - a
            longest, run = max(longest, run), 0.0
        else:
            down += b - a
            run += b - a
    return up, down, max(longest, run)


def fault_figures(steps):
    """Per fault kind: count, passed, median and maximum outage (s)."""
    kinds = {}
    for s in steps:
        if s.get("skipped"):
            continue
        k = kinds.setdefault(s["fault"], {"count": 0, "passed": 0, "outages": []})
        k["count"] += 1
        k["passed"] += bool(s["passed"])
        if s.get("outage_s") is not None:
            k["outages"].append(s["outage_s"])
    out = {}
    for name, k in sorted(kinds.items()):
        o = k["outages"]
        out[name] = {"count": k["count"], "passed": k["passed"],
                     "outage_median_s": round(statistics.median(o), 3) if o else None,
                     "outage_max_s": round(max(o), 3) if o else None}
    return out


def availability(steps, planned=False):
    """uptime / (uptime + downtime) over the measured steps, or None; the
    steps whose outage is planned (the whole cluster stopped on purpose)
    count only with planned=True."""
    steps = [s for s in steps if planned or not s.get("planned")]
    up = sum(s.get("up_s") or 0.0 for s in steps)
    down = sum(s.get("down_s") or 0.0 for s in steps)
    if up + down <= 0:
        return None
    return up / (up + down)


def build(meta, steps):
    """The whole report as a JSON-ready dict."""
    avail = availability(steps)
    avail_all = availability(steps, planned=True)
    failed = [s for s in steps if not s["passed"]]
    skipped = [s for s in steps if s.get("skipped")]
    unplanned = [s for s in steps if not s.get("planned")]
    return {
        "meta": meta,
        "steps": steps,
        "summary": {
            "steps": len(steps), "passed": len(steps) - len(failed) - len(skipped),
            "failed": len(failed), "skipped": len(skipped),
            "faults": fault_figures(steps),
            "availability": round(avail, 6) if avail is not None else None,
            "availability_with_planned": round(avail_all, 6) if avail_all is not None else None,
            "uptime_s": round(sum(s.get("up_s") or 0.0 for s in unplanned), 3),
            "downtime_s": round(sum(s.get("down_s") or 0.0 for s in unplanned), 3),
            "violations": sum(len(s["problems"]) for s in steps),
        },
    }


def render_json(report):
    return json.dumps(report, indent=2, sort_keys=True)


def _fmt(v, unit="s"):
    return "-" if v is None else f"{v:.2f} {unit}"


def render_text(report):
    m, s = report["meta"], report["summary"]
    lines = [f"cts report: lab {m.get('lab')}, {m.get('nodes')} nodes, seed {m.get('seed')}, "
             f"{m.get('duration_s', 0):.0f} s",
             f"steps: {s['steps']}, passed {s['passed']}, failed {s['failed']}, "
             f"skipped {s.get('skipped', 0)}", "",
             f"{'fault':28} {'count':>5} {'passed':>6} {'median outage':>14} {'max outage':>11}"]
    for name, f in s["faults"].items():
        lines.append(f"{name:28} {f['count']:5} {f['passed']:6} "
                     f"{_fmt(f['outage_median_s']):>14} {_fmt(f['outage_max_s']):>11}")
    av = s["availability"]
    lines += ["", "availability: " + ("- (the service never was measured)" if av is None else
                                      f"{av * 100:.3f} % (up {s['uptime_s']:.1f} s, down "
                                      f"{s['downtime_s']:.1f} s; faults only)")]
    if s.get("availability_with_planned") is not None:
        lines.append(f"with planned outages (whole cluster or quorum stopped on purpose): "
                     f"{s['availability_with_planned'] * 100:.3f} %")
    if m.get("service_note"):
        lines.append(f"service: {m['service_note']}")
    lines += [f"note: {n}" for n in m.get("notes", [])]
    for st in report["steps"]:
        for p in st["problems"]:
            lines.append(f"FAILED step {st['index']} {st['scenario']}: [{p['audit']}] "
                         f"{p['message']}")
    lines.append("result: " + ("PASS" if s["failed"] == 0 and s["steps"] else "FAIL"))
    return "\n".join(lines)
