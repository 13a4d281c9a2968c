# -*- coding: utf-8 -*-
"""What users would run without the collection, on the localhost mode's data (``--peers``, envelope shape only:
the peers page by ``limit``/``offset`` and do not handle lists that ignore paging):

* ``uri_peer``   -- ``ansible.builtin.uri`` loops over the same endpoints (no Trust Lifecycle certificates), on a
  subset (``--uri-users`` users' tokens and certificates, ``--uri-pages`` pages of users and audit log),
  extrapolated linearly to the request minimum: (wall - start) / requests x minimum + start;
* ``sequential`` -- a plain ``requests`` script, one request at a time; stopped after ``--seq-requests`` requests
  and extrapolated the same way (0: run to the end);
* ``adhoc``      -- ``ansible localhost -m digicert.one.dc1_user_info -a id=me`` against ``ansible localhost -m
  ping`` (median of ``--repeat``); budget 1.2 x ping + one request.
"""

import json
import os
import statistics
import sys

from minimum import PER_USER, audit_from
from modes import AUDIT_WINDOW_DAYS, playbook
from simproc import BIN, CAP, NOW

HERE = os.path.dirname(os.path.abspath(__file__))


def _plain(run):
    return dict((k, v) for k, v in run.items() if not k.startswith("_"))


def _extrapolate(run, start_s, minimum):
    measured = len(run["_asked"])
    per_req = max(run["wall_s"] - start_s, 0.0) / measured
    out = _plain(run)
    out.update(measured_wall_s=run["wall_s"], measured_requests=measured, per_request_s=round(per_req, 4),
               wall_s=round(start_s + per_req * minimum, 1), requests=minimum, extrapolated=True)
    return out


def run_peers(modes, per, start_s, facts_wall, a):
    """The peers against ``modes.sim``; ``per`` is the localhost minimum per path (certificate-search left out)."""
    minimum = sum(n for p, n in per.items() if p != "certificate-search")
    since = audit_from(NOW, AUDIT_WINDOW_DAYS)
    sim = modes.sim
    pages = dict((k, per[k]) for k in ("account", "organization"))
    pages.update(user=min(per["user"], a.uri_pages), **{"audit-log": min(per["audit-log"], a.uri_pages)})
    users = min(a.uri_users, pages["user"] * CAP, per[PER_USER[0]])
    peer_vars = {"dc1": {"base": sim.base, "key": sim.key, "ca": sim.ca, "cap": CAP, "pages": pages,
                         "users": users, "audit_from": since}}
    print("   uri peer (subset: %d users, pages %s)" % (users, pages), flush=True)
    uri = modes.measure([os.path.join(BIN, "ansible-playbook"), playbook("uri_peer.yml"), "-e",
                         json.dumps(peer_vars)], modes.env, "uri")
    out = {"uri_peer": _extrapolate(uri, start_s, minimum)}
    out["uri_peer"]["subset"] = {"users": users, "pages": pages}

    print("   sequential requests script", flush=True)
    seq = modes.measure([sys.executable, os.path.join(HERE, "sequential.py"), sim.base, sim.key, sim.ca, since,
                         "--cap", str(CAP), "--max-requests", str(a.seq_requests)], modes.env, "sequential")
    if a.seq_requests:
        out["sequential"] = _extrapolate(seq, 0.0, minimum)
    else:
        out["sequential"] = dict(_plain(seq), requests=len(seq["_asked"]))
    print("   ad hoc: ping vs dc1_user_info id=me, x%d each" % a.repeat, flush=True)
    ansible = os.path.join(BIN, "ansible")
    adhoc = (("adhoc_ping", ["-m", "ping"]), ("adhoc_user_info", ["-m", "digicert.one.dc1_user_info", "-a", "id=me"]))
    for name, args in adhoc:
        runs = [modes.measure([ansible, "localhost"] + args, modes.env, "%s-%d" % (name, i)) for i in range(a.repeat)]
        out[name] = {"wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
                     "walls": [r["wall_s"] for r in runs], "requests": len(runs[-1]["_asked"]),
                     "peak_pss_mb": max(r["peak_pss_mb"] for r in runs)}
    budget = 1.2 * out["adhoc_ping"]["wall_s"] + a.latency_ms / 1000.0
    out["ratios"] = {"uri_over_facts": round(out["uri_peer"]["wall_s"] / facts_wall, 1),
                     "sequential_over_facts": round(out["sequential"]["wall_s"] / facts_wall, 1),
                     "adhoc_budget_s": round(budget, 3), "adhoc_ok": out["adhoc_user_info"]["wall_s"] <= budget}
    return out


def table(results):
    """Markdown rows of the peers, where they ran."""
    lines = ["| size | run | wall s | requests | note |", "|---|---|---:|---:|---|"]
    for res in results:
        p = res.get("peers")
        if not p:
            continue
        r, s = p["ratios"], res["size"]
        lines.append("| %s | uri loop | %s | %s | extrapolated from %d requests in %.1f s; %.1f x the facts role |" % (
            s, p["uri_peer"]["wall_s"], p["uri_peer"]["requests"], p["uri_peer"]["measured_requests"],
            p["uri_peer"]["measured_wall_s"], r["uri_over_facts"]))
        lines.append("| %s | sequential | %s | %s | %s%.1f x the facts role |" % (
            s, p["sequential"]["wall_s"], p["sequential"]["requests"],
            "extrapolated from %d requests; " % p["sequential"]["measured_requests"]
            if p["sequential"].get("extrapolated") else "", r["sequential_over_facts"]))
        for name in ("adhoc_ping", "adhoc_user_info"):
            lines.append("| %s | %s | %s | %s | median of %s%s |" % (
                s, name.replace("_", " "), p[name]["wall_s"], p[name]["requests"], p[name]["walls"],
                "; budget %.2f s: %s" % (r["adhoc_budget_s"], "met" if r["adhoc_ok"] else "NOT met")
                if name == "adhoc_user_info" else ""))
    return "\n".join(lines) if len(lines) > 2 else ""
