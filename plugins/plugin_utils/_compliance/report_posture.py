# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Trust Lifecycle certificate posture in the reports: the certificates by owner, business unit, profile and issuer.

``summary(facts)`` keeps of ``certificate_posture`` what a reader sees (exact counts; groups with their expiry
buckets and findings; the rest of a dimension summed as "other") and goes into the evaluation, so every format
reads it from there; ``markdown`` and ``html`` draw it. Certificate findings per group are the gathering's counts.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from html import escape

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_text import clean, md

DIMENSIONS = (("owner", "Owner (seat)"), ("business_unit", "Business unit"), ("profile", "Profile"),
              ("issuer", "Issuer"))
BUCKETS = (("expired", "expired"), ("7", "7 days"), ("30", "30 days"), ("90", "90 days"), ("later", "later"),
           ("unknown", "unknown"))
COUNTS = ("certificates", "by_status", "issued_buckets", "by_key_type", "by_signature_hash", "unparsed", "without_body")
ROWS = {"markdown": 10, "html": 50}


def summary(facts):
    """What the reports show of ``facts.certificate_posture``; None when the facts hold none."""
    digest = facts.get("certificate_posture")
    if not isinstance(digest, dict) or "certificates" not in digest:
        return None
    out = dict((key, digest.get(key)) for key in COUNTS)
    out["groups"] = digest.get("groups") or {}
    return out


def _label(row):
    key, name = row.get("id"), row.get("name")
    if key is None:
        return "(none)"
    return "%s (%s)" % (name, key) if name and name != key else "%s" % key


def _cells(row):
    return [row["certificates"], row["issued"]] + [row["buckets"].get(b, 0) for b, _t in BUCKETS] + [row["findings"]]


def markdown(result):
    posture = result.get("certificate_posture")
    if not posture:
        return []
    lines = ["", "### Certificate posture", "",
             "%d certificates: %s; keys %s; signatures %s%s." % (
                 posture["certificates"], md(_pairs(posture["by_status"])), md(_pairs(posture["by_key_type"])),
                 md(_pairs(posture["by_signature_hash"])),
                 "; %d with a body that did not parse" % posture["unparsed"] if posture.get("unparsed") else "")]
    head = "| %s | Certificates | Issued | " + " | ".join(t for _b, t in BUCKETS) + " | Findings |"
    for name, title in DIMENSIONS:
        dimension = posture["groups"].get(name) or {}
        lines += ["", head % title, "|---" + "|---:" * (len(BUCKETS) + 3) + "|"]
        for row in (dimension.get("groups") or [])[:ROWS["markdown"]]:
            lines.append("| %s | %s |" % (md(_label(row)), " | ".join("%d" % n for n in _cells(row))))
        lines.append(_md_more(dimension, ROWS["markdown"]))
    return [line for line in lines if line is not None]


def _md_more(dimension, shown):
    groups, other = dimension.get("groups") or [], dimension.get("other") or {}
    hidden = max(len(groups) - shown, 0) + other.get("groups", 0)
    if not hidden:
        return None
    rest = sum(r["certificates"] for r in groups[shown:]) + other.get("certificates", 0)
    return "| %d more | %d |%s" % (hidden, rest, " |" * (len(BUCKETS) + 2))


def _pairs(counts):
    return ", ".join("%s %d" % kv for kv in sorted((counts or {}).items(), key=lambda kv: (-kv[1], kv[0]))) or "none"


def html(result):
    posture = result.get("certificate_posture")
    if not posture:
        return []
    out = ['<section class="posture" id="certificate-posture"><h2>Certificate posture</h2>',
           "<p>%d certificates: %s. Keys: %s. Signatures: %s.%s</p>" % (
               posture["certificates"], _esc(_pairs(posture["by_status"])), _esc(_pairs(posture["by_key_type"])),
               _esc(_pairs(posture["by_signature_hash"])),
               " %d with a body that did not parse: their keys and names are unknown." % posture["unparsed"]
               if posture.get("unparsed") else "")]
    for name, title in DIMENSIONS:
        out += _html_table(title, posture["groups"].get(name) or {})
    return out + ["</section>"]


def _html_table(title, dimension):
    groups, other = dimension.get("groups") or [], dimension.get("other") or {}
    heads = "".join("<th>%s</th>" % t for _b, t in BUCKETS)
    out = ['<h3>By %s</h3><table class="compact"><thead><tr><th>%s</th><th>Certificates</th><th>Issued</th>%s'
           "<th>Findings</th></tr></thead><tbody>" % (_esc(title.lower()), _esc(title), heads)]
    for row in groups[:ROWS["html"]]:
        cells = "".join('<td class="num">%d</td>' % n for n in _cells(row))
        flagged = "flagged" if row["findings"] else ""
        out.append('<tr class="%s"><td>%s</td>%s</tr>' % (flagged, _esc(_label(row)), cells))
    hidden = max(len(groups) - ROWS["html"], 0) + other.get("groups", 0)
    if hidden:
        rest = sum(r["certificates"] for r in groups[ROWS["html"]:]) + other.get("certificates", 0)
        out.append('<tr><td>%d more</td><td class="num">%d</td><td colspan="%d"></td></tr>' % (
            hidden, rest, len(BUCKETS) + 2))
    return out + ["</tbody></table>"]


def _esc(value):
    return escape(clean(value), quote=True)
