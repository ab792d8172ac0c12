"""cts_runner.py — runs one scenario as a step: setup, inject, a numbered
change, recover, wait until the cluster settles, then every audit; returns
the step's result for the report (cts_report)."""
import time

import cts_audit
from cts_lab import CtsError
from cts_report import service_time
from cts_sample import active_map


def settle(ctx, timeout):
    """Polls until the members agree with the model; (seconds, problems)."""
    t0 = time.monotonic()
    problems = []
    while True:
        ctx.revive_fenced()
        problems = settle_problems(ctx)
        if not problems:
            return time.monotonic() - t0, []
        if time.monotonic() - t0 > timeout:
            return time.monotonic() - t0, problems
        time.sleep(1.0)


def settle_problems(ctx):
    up = ctx.up_nodes()
    docs = ctx.drv.status_many(up)
    expect = dict(ctx.expect)
    expect["quorate"] = ctx.quorate_expected()
    out = cts_audit.converged(docs, expect) + cts_audit.digests(docs)
    if not out:
        active = ctx_active(ctx)
        out += cts_audit.running(active, ctx.expect_running())
        out += cts_audit.exclusive(active)
        if ctx.expect_running():
            out += cts_audit.together(active, ctx.groups)
        if ctx.check_running and not ctx.quorate_expected() and not ctx.maintenance:
            # no-quorum-policy=stop: nothing may run anywhere.
            out += cts_audit.stopped(active, {r.id for r in ctx.resources})
    return out


def ctx_active(ctx):
    _t, views = ctx.sampler.sample()
    return active_map(ctx.resources, views)


def final_audits(ctx, scen, violations, samples):
    """Every audit after the step: a list of {"audit", "message"}."""
    out = []
    relaxed = getattr(scen, "split", False) and not ctx.fencing
    for msg, (t0, t1, count) in sorted(violations.items()):
        text = f"{msg} ({count} of {samples} samples over {t1 - t0:.1f} s)"
        if relaxed:
            ctx.log(f"  note: {text}: accepted, fencing is off")
        else:
            out.append({"audit": "exclusive", "message": text})
    docs = ctx.drv.status_many(ctx.up_nodes())
    out += [{"audit": "cib-digest", "message": m} for m in cts_audit.digests(docs)]
    props = ctx.drv.props_many(ctx.up_nodes())
    out += [{"audit": "changes", "message": m} for m in cts_audit.changes(props, ctx.acked)]
    active = ctx_active(ctx)
    out += [{"audit": "running", "message": m}
            for m in cts_audit.running(active, ctx.expect_running())
            + cts_audit.stopped(active, ctx.expect_stopped)]
    for n in ctx.nodes():
        out += [{"audit": "logs", "message": m}
                for m in cts_audit.log_problems(n, ctx.drv.new_log_lines(n))[:5]]
    out += [{"audit": "scenario", "message": m} for m in scen.check()]
    return out


def run_step(ctx, index, cls, probe, monitor):
    scen = cls(ctx)
    res = {"index": index, "scenario": cls.name, "fault": scen.fault_kind, "detail": "",
           "planned": cls.planned,
           "passed": False, "problems": [], "settle_s": None, "outage_s": None,
           "longest_outage_s": None, "up_s": None, "down_s": None}
    why = scen.applicable()
    if why:
        res.update(passed=True, skipped=True, detail=f"skipped: {why}")
        ctx.log(f"[{index}] {cls.name}: skipped ({why})")
        return res
    t_start = time.monotonic()
    try:
        scen.setup()
        ctx.log(f"[{index}] {cls.name}: {scen.detail or scen.summary}")
        monitor.take()
        t_inject = time.monotonic()
        must = scen.must_fence() if ctx.fencing else []
        boots = {n: ctx.boot_id(n) for n in must}
        fenced_before = len(ctx.fenced)
        scen.inject()
        ctx.change(f"{index}-{cls.name}")
        scen.recover()
        fence_problems = []
        ctx.await_fencing(must, boots, fence_problems)
        res["problems"] += [{"audit": "fencing", "message": m} for m in fence_problems]
        ctx.log(f"  settling (up to {ctx.settle_timeout:.0f} s)")
        secs, problems = settle(ctx, ctx.settle_timeout)
        res["settle_s"] = round(secs, 2)
        res["problems"] += [{"audit": "settle", "message": f"not settled after {secs:.0f} s: {p}"}
                            for p in problems[:5]]
        t_end = time.monotonic()
        violations, samples = monitor.take()
        res["problems"] += final_audits(ctx, scen, violations, samples)
        res["fault"], res["detail"] = scen.fault_kind, scen.detail
        res["fenced"] = ctx.fenced[fenced_before:]
        _service(ctx, res, probe, t_inject, t_end)
        seen = len(getattr(scen, "problems", []))
        scen.cleanup()
        res["problems"] += [{"audit": "cleanup", "message": m}
                            for m in getattr(scen, "problems", [])[seen:]]
    except CtsError as e:
        res["problems"].append({"audit": "scenario", "message": str(e)})
        ctx.restore()
    res["duration_s"] = round(time.monotonic() - t_start, 2)
    res["passed"] = not res["problems"]
    ctx.log(f"  {'passed' if res['passed'] else 'FAILED'} in {res['duration_s']:.1f} s"
            + (f", outage {res['outage_s']:.2f} s" if res["outage_s"] is not None else ""))
    for p in res["problems"]:
        ctx.log(f"    [{p['audit']}] {p['message']}")
    return res


def _service(ctx, res, probe, t0, t1):
    if probe is None or not ctx.measure_service:
        return
    up, down, longest = service_time(probe.snapshot(), t0, t1)
    res.update(up_s=round(up, 3), down_s=round(down, 3), outage_s=round(down, 3),
               longest_outage_s=round(longest, 3))
