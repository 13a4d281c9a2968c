# -*- coding: utf-8 -*-
"""What users would run without the collection, at the collection's concurrency (``--peers``, envelope shape only:
the peers page by ``limit``/``offset`` and do not handle lists that ignore paging):

* ``uri_loop``  -- ``ansible.builtin.uri`` loops over the same endpoints (no Trust Lifecycle certificates), spread
  over ``--in-flight`` inventory hosts run with as many forks (``playbooks/uri_peer.yml``): the same number of
  requests in flight as the facts role. A uri task costs ~0.5 s of CPU, so it runs on a subset (``--uri-users``
  users' tokens and certificates, ``--uri-pages`` pages of users, every host given at least one list page) and is
  extrapolated linearly to the request minimum: start + (wall - start) / requests x minimum;
* ``plain_script`` -- a ``requests`` script with up to ``--in-flight`` requests in flight (plain_script.py), run
  to its end (``--script-requests N``: stopped after N and extrapolated the same way);
* ``adhoc``     -- ``ansible localhost -m digicert.one.dc1_user_info -a id=me`` against ``ansible localhost -m
  ping``; budget 1.2 x ping + one request.

Each peer runs ``--runs`` times, like every cell; the JSON keeps every run.
"""

import json
import os
import statistics
import sys

from minimum import PER_USER, audit_from
from modes import AUDIT_WINDOW_DAYS, playbook
from simproc import BIN, CAP, NOW

HERE = os.path.dirname(os.path.abspath(__file__))
LIST_PATHS = ("account", "organization", "role", "user", "audit-log")


def _plain(run):
    return dict((k, v) for k, v in run.items() if not k.startswith("_"))


def _extrapolate(run, start_s, minimum):
    measured = len(run["_asked"])
    per_req = max(run["wall_s"] - start_s, 0.0) / measured
    out = _plain(run)
    out.update(measured_wall_s=run["wall_s"], measured_requests=measured, per_request_s=round(per_req, 4),
               wall_s=round(start_s + per_req * minimum, 1), requests=minimum, extrapolated=True)
    return out


def uri_subset(per, a):
    """The list pages (query strings) and the number of users the uri peer reads."""
    since = audit_from(NOW, AUDIT_WINDOW_DAYS)
    pages = {"account": per["account"], "organization": per["organization"], "role": 1,
             "user": min(per["user"], a.uri_pages)}
    pages["audit-log"] = min(per["audit-log"], max(1, a.in_flight - sum(pages.values())))  # one page per host
    lists = []
    for path in LIST_PATHS:
        extra = "&from=%s" % since if path == "audit-log" else ""
        lists += ["%s?limit=%d&offset=%d%s" % (path, CAP, i * CAP, extra) for i in range(pages[path])]
    users = min(a.uri_users, pages["user"] * CAP, per[PER_USER[0]])
    return lists, users, pages


def peer_inventory(workdir, hosts):
    path = os.path.join(workdir, "uri-peers.ini")
    with open(path, "w") as fh:
        fh.write("[peers]\n" + "".join("peer-%03d ansible_connection=local\n" % i for i in range(hosts)))
    return path


def _runs(modes, runs, label, cmd):
    return [modes.measure(cmd, modes.env, "%s-%d" % (label, i)) for i in range(runs)]


def run_uri(modes, per, minimum, start_s, a):
    lists, users, pages = uri_subset(per, a)
    sim = modes.sim
    peer_vars = {"dc1": {"base": sim.base, "key": sim.key, "ca": sim.ca, "cap": CAP, "lists": lists, "users": users}}
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", peer_inventory(modes.workdir, a.in_flight),
           playbook("uri_peer.yml"), "-f", str(a.in_flight), "-e", json.dumps(peer_vars)]
    print("   uri loop over %d hosts, %d forks (subset: %d users, pages %s) x%d"
          % (a.in_flight, a.in_flight, users, pages, a.runs), flush=True)
    runs = [_extrapolate(r, start_s, minimum) for r in _runs(modes, a.runs, "uri", cmd)]
    return {"runs": runs, "in_flight": a.in_flight, "subset": {"users": users, "pages": pages}}


def run_script(modes, minimum, a):
    sim = modes.sim
    cmd = [sys.executable, os.path.join(HERE, "plain_script.py"), sim.base, sim.key, sim.ca,
           audit_from(NOW, AUDIT_WINDOW_DAYS), "--cap", str(CAP), "--in-flight", str(a.in_flight),
           "--max-requests", str(a.script_requests)]
    print("   plain requests script, %d in flight x%d" % (a.in_flight, a.runs), flush=True)
    runs = []
    for run in _runs(modes, a.runs, "script", cmd):
        if a.script_requests:
            runs.append(_extrapolate(run, 0.0, minimum))
        else:
            runs.append(dict(_plain(run), requests=len(run["_asked"])))
    return {"runs": runs, "in_flight": a.in_flight}


def run_adhoc(modes, a):
    print("   ad hoc: ping vs dc1_user_info id=me, x%d each" % a.repeat, flush=True)
    ansible = os.path.join(BIN, "ansible")
    out = {}
    for name, args in (("ping", ["-m", "ping"]), ("user_info", ["-m", "digicert.one.dc1_user_info", "-a", "id=me"])):
        runs = [modes.measure([ansible, "localhost"] + args, modes.env, "adhoc-%s-%d" % (name, i))
                for i in range(a.repeat)]
        out[name] = {"wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
                     "walls": [r["wall_s"] for r in runs], "requests": len(runs[-1]["_asked"]),
                     "peak_pss_mb": max(r["peak_pss_mb"] for r in runs)}
    out["budget_s"] = round(1.2 * out["ping"]["wall_s"] + a.latency_ms / 1000.0, 3)
    out["met"] = out["user_info"]["wall_s"] <= out["budget_s"]
    return out


def run_peers(modes, per, start_s, a):
    """The peers against ``modes.sim``; ``per`` is the localhost minimum per path (Trust Lifecycle left out: the peers
    read the Account Manager lists)."""
    minimum = sum(n for p, n in per.items() if p not in ("certificate-search", "profile"))
    return {"minimum": minimum, "uri_loop": run_uri(modes, per, minimum, start_s, a),
            "plain_script": run_script(modes, minimum, a), "adhoc": run_adhoc(modes, a)}
