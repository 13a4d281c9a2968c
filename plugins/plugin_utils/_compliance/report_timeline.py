# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The credential expiry timeline of the HTML report: live credentials by end date, one lane per kind.

A lane is data (``LANES``): which facts it reads and which check's threshold it draws. A credential whose end
date the API did not send is counted as unknown in its lane, never drawn as "never expires". The certificates
lane holds the Trust Lifecycle certificates that are issued, drawn from the facts' exact counts per day
(``certificate_posture.issued_by_days_left``: a million certificates are never listed); an item then stands for
``count`` certificates, and the table of those next to expire names the certificates the facts kept.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
from html import escape

from ansible_collections.digicert.one.plugins.module_utils._dates import now_utc, parse_instant
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import certificate_account
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_status
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_text import clean
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.view import FactsView

HORIZON = 180  # days shown on the timeline
BUCKET = 5  # days per bar
# (key, title, kind shown in tables, check whose threshold is drawn)
LANES = (("api_token", "API tokens", "API token", "DC1-TOKEN-001"),
         ("client_certificate", "Client certificates", "Client certificate", "DC1-CERT-001"),
         ("service_user", "Service users", "Service user", "DC1-SVC-002"),
         ("certificate", "Certificates", "Certificate", "DC1-TLM-001"))
_LEFT, _COL, _WIDTH, _LANE_H, _TOP = 170, 22, 4 * HORIZON, 92, 34
_X0 = _LEFT + 84  # day 0 ("today"); the expired column is left of it
# Within a lane: the threshold's label sits on the line at _LABEL_Y; a bar never rises above _BAR_TOP, so the count
# written over it (11px, 3px above the bar) stays below that label. The bar's base is _LANE_H - 16.
_LABEL_Y, _BAR_TOP = 12, 32


def esc(value):
    return escape(clean(value), quote=True)


def _row(view, kind, days, date, name, user_id):
    primary, _ids, owner = view.owner(user_id)
    return {"days": days, "date": date, "name": name, "kind": kind, "owner": owner, "account": view.account_name(primary)}


def _certificate_items(view, kind):
    """Issued Trust Lifecycle certificates by days left: counted per day from the digest, else (facts without one)
    the listed certificates not revoked, expired or suspended."""
    digest = view.facts.get("certificate_posture")
    if isinstance(digest, dict) and "issued_by_days_left" in digest:
        return _counted_certificates(view, digest, kind)
    items, unknown = [], 0
    for cert in view.items("certificates"):
        status = cert.get("status")
        if isinstance(status, str) and status.lower() != "issued":
            continue
        if cert.get("days_to_expiry") is None:
            unknown += 1  # valid_to not sent, or not a date
            continue
        items.append(_named_certificate(view, cert, kind))
    return items, 0, unknown


def _named_certificate(view, cert, kind):
    return {"days": cert["days_to_expiry"], "date": cert.get("expires_at"), "kind": kind, "owner": None,
            "name": cert.get("common_name") or cert.get("serial_number"),
            "account": view.account_name(certificate_account(cert))}


def _counted_certificates(view, digest, kind):
    """One item per day that holds issued certificates, ``count`` of them; the expired and the later ones apart."""
    buckets = digest.get("issued_buckets") or {}
    per_day = dict((int(d), n) for d, n in (digest.get("issued_by_days_left") or {}).items())
    expired, unknown = buckets.get("expired", 0), buckets.get("unknown", 0)
    beyond = sum(buckets.values()) - expired - unknown - sum(per_day.values())
    items = []
    for days, count in sorted(per_day.items()) + ([(-1, expired)] if expired else []) + (
            [(HORIZON + 1, beyond)] if beyond > 0 else []):
        date = (view.now + datetime.timedelta(days=days)).date().isoformat() if 0 <= days <= HORIZON else None
        items.append({"days": days, "date": date, "kind": kind, "owner": None, "account": "", "count": count,
                      "name": "%d certificate(s)" % count})
    return items, 0, unknown


def named_certificates(facts):
    """The listed certificates that are issued and dated, for the table of those next to expire."""
    view = FactsView(facts)
    return [_named_certificate(view, c, "Certificate") for c in view.items("certificates")
            if ("%s" % c.get("status")).lower() == "issued" and c.get("days_to_expiry") is not None]


def size(items):
    """How many credentials ``items`` stand for (a counted item stands for ``count``)."""
    return sum(item.get("count", 1) for item in items)


def _service_user_items(view, kind):
    """Active service users by their service period's end; no end date is "never", an absent one unknown."""
    items, never, unknown = [], 0, 0
    for user in view.users.values():
        if user.get("user_type") != "service" or user_status(user) == "DISABLED":
            continue
        if "end_date" not in user:
            unknown += 1
            continue
        end = parse_instant(user.get("end_date"), end_of_day=True)
        if end is None:
            never += 1
        else:
            items.append(_row(view, kind, view.days_until(end), user.get("end_date"), view.owner(user.get("id"))[2],
                              user.get("id")))
    return items, never, unknown


def _credential_items(view, key, kind):
    """Enabled API tokens or valid client certificates by expiry, named by name, subject or serial."""
    items, never, unknown = [], 0, 0
    for obj in view.items("api_tokens" if key == "api_token" else "client_certificates"):
        live = obj.get("enabled") is not False if key == "api_token" else obj.get("state") in (None, "VALID")
        if not live:
            continue
        if "expires_at" not in obj:
            unknown += 1
        elif obj.get("days_to_expiry") is None:
            never += 1
        else:
            name = obj.get("name") or obj.get("subject") or obj.get("serial_number") or obj.get("id")
            items.append(_row(view, kind, obj["days_to_expiry"], obj.get("expires_at"), name, obj.get("user_id")))
    return items, never, unknown


def _lane_items(view, key, kind):
    """``(items, never, unknown)`` of one lane."""
    if key == "certificate":
        return _certificate_items(view, kind)
    if key == "service_user":
        return _service_user_items(view, kind)
    return _credential_items(view, key, kind)


def expiries(facts):
    """``{lane key: {"items": [row], "never": n, "unknown": n}}``; a row has days, date, name, owner, account."""
    view = FactsView(facts)
    lanes = {}
    for key, _title, kind, _check in LANES:
        items, never, unknown = _lane_items(view, key, kind)
        lanes[key] = {"items": items, "never": never, "unknown": unknown}
    return lanes


def _buckets(items):
    buckets = {}
    for item in items:
        days = item["days"]
        slot = "expired" if days < 0 else ("later" if days > HORIZON else days // BUCKET)
        buckets.setdefault(slot, []).append(item)
    return buckets


def _axis(now, height, later_x):
    out = []
    for day in range(0, HORIZON + 1, 30):
        x = _X0 + day * _WIDTH // HORIZON
        label = (now + datetime.timedelta(days=day)).strftime("%d %b")
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="grid"/>' % (x, _TOP - 6, x, height - 40))
        out.append('<text x="%d" y="%d" class="tick"><tspan x="%d">%s</tspan><tspan x="%d" dy="14">%s</tspan>'
                   '</text>' % (x, height - 26, x, "today" if day == 0 else "+%d days" % day, x, esc(label)))
    out.append('<text x="%d" y="%d" class="tick">expired</text>' % (_LEFT + 14 + _COL // 2, height - 26))
    out.append('<text x="%d" y="%d" class="tick">later</text>' % (later_x + _COL // 2, height - 26))
    return out


def _segment(x, top, w, h, cls, items):
    names = "; ".join("%s (%s)" % (i["name"], i["date"]) for i in sorted(items, key=lambda i: i["days"])[:15])
    more = " and %d more" % (len(items) - 15) if len(items) > 15 else ""
    return '<rect x="%d" y="%d" width="%d" height="%d" class="bar %s"><title>%s</title></rect>' % (
        x, top, w, h, cls, esc("%d: %s%s" % (size(items), names, more)))


def _bar(slot, items, peak, threshold, base, later_x):
    """One bucket's bar. Inside the horizon its items at or within the threshold are orange ("soon"), the others blue:
    a bucket the threshold cuts is split, "soon" below, so the orange counts add up to what the check flags."""
    if slot == "expired":
        x, w, parts = _LEFT + 14, _COL, [("expired", items)]
    elif slot == "later":
        x, w, parts = later_x, _COL, [("later", items)]
    else:
        x, w = _X0 + slot * BUCKET * _WIDTH // HORIZON + 1, BUCKET * _WIDTH // HORIZON - 2
        within = [i for i in items if threshold is not None and i["days"] <= threshold]
        parts = [("soon", within), ("ok", [i for i in items if i not in within])]
    room = _LANE_H - 16 - _BAR_TOP
    h = max(6, room * min(size(items), peak) // peak)
    present = [(cls, members) for cls, members in parts if members]
    heights = [min(max(2, h * size(members) // size(items)), h - 2) for _cls, members in present[:-1]]
    heights.append(h - sum(heights))
    out, top = [], base
    for (cls, members), seg in zip(present, heights):
        top -= seg
        out.append(_segment(x, top, w, seg, cls, members))
    out.append('<text x="%d" y="%d" class="count">%d</text>' % (x + w // 2, base - h - 3, size(items)))
    return out


def _lane(n, title, lane, threshold, check_id, total_w, later_x):
    y = _TOP + n * _LANE_H
    base = y + _LANE_H - 16
    # One short line each, so that none reaches into the plot (and over the expired bar's count).
    subs = ["%d dated" % size(lane["items"])] + (["%d never expire" % lane["never"]] if lane["never"] else []) + (
        ["%d end date not sent" % lane["unknown"]] if lane["unknown"] else [])
    out = ['<rect x="%d" y="%d" width="%d" height="%d" class="lane%d"/>' % (_LEFT, y, total_w - _LEFT, _LANE_H, n % 2),
           '<text x="8" y="%d" class="lane-title">%s</text>' % (y + 30, esc(title))]
    out += ['<text x="8" y="%d" class="lane-sub">%s</text>' % (y + 48 + 14 * i, esc(sub)) for i, sub in enumerate(subs)]
    buckets = _buckets(lane["items"])
    # scaled to the busiest bucket inside the horizon; the "later" bar is capped at full height
    peak = max([size(v) for k, v in buckets.items() if k != "later"] + [1])
    order = sorted(buckets, key=lambda k: -1 if k == "expired" else 10 ** 6 if k == "later" else k)
    for slot in order:
        out += _bar(slot, buckets[slot], peak, threshold, base, later_x)
    if threshold is not None and threshold <= HORIZON:
        tx = _X0 + int(threshold * _WIDTH / HORIZON)
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="threshold"/>' % (tx, y + 6, tx, base))
        out.append('<text x="%d" y="%d" class="threshold-label">%s: %s days</text>' % (
            tx + 4, y + _LABEL_Y, esc(check_id), esc(threshold)))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>' % (_LEFT + 8, base, later_x + _COL + 6, base))
    return out


def timeline_svg(result, facts):
    """Bars of credentials per 5-day bucket over the next HORIZON days; expired left, later right."""
    lanes = expiries(facts)
    thresholds = dict((c["id"], c["threshold_value"]) for c in result["checks"])
    now = parse_instant(result.get("reference_time") or result.get("collected_at")) or now_utc()
    later_x = _X0 + _WIDTH + 44
    total_w = later_x + _COL + 30
    height = _TOP + _LANE_H * len(LANES) + 48
    out = ['<svg class="timeline" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="Credential expiry '
           'timeline">' % (total_w, height)] + _axis(now, height, later_x)
    for n, (key, title, _kind, check_id) in enumerate(LANES):
        out += _lane(n, title, lanes[key], thresholds.get(check_id), check_id, total_w, later_x)
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="today"/>' % (_X0, _TOP - 10, _X0, height - 40))
    out.append("</svg>")
    return "\n".join(out)
