# -*- coding: utf-8 -*-
"""The HTML report's expiry timeline: a bar is coloured by what it holds, and no label covers a count.

The SVG is read back as data: each bar segment's class and the count in its <title>, each text's box from its
position, anchor and font size (the report's stylesheet: 12px, counts and threshold labels 11px, lane titles 14px;
a character is at most 0.62em wide in the sans-serif fonts it names).
"""

import re
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_timeline import BUCKET, timeline_svg

NOW = "2026-06-15T00:00:00Z"
SIZES = {"count": 11, "threshold-label": 11, "lane-title": 14}


def facts(days):
    users = [{"id": "u%d" % i, "user_name": "owner%d" % i, "user_type": "standard", "status": "ACTIVE",
              "accounts": [{"id": "a1", "name": "Acme"}]} for i in range(len(days))]
    tokens = [{"id": "t%d" % i, "name": "token-%d" % i, "user_id": "u%d" % i, "enabled": True,
               "expires_at": "2026-xx", "days_to_expiry": d} for i, d in enumerate(days)]
    return {"reference_time": NOW, "accounts": [{"id": "a1", "name": "Acme"}], "users": users, "api_tokens": tokens,
            "client_certificates": [], "certificates": []}


def result(threshold):
    return {"reference_time": NOW, "checks": [{"id": "DC1-TOKEN-001", "threshold_value": threshold}]}


def svg(days, threshold):
    return ET.fromstring(timeline_svg(result(threshold), facts(days)))


def bars(root, cls):
    """Counts of the bar segments of class ``cls`` (their <title> starts with the count)."""
    return [int(r.find("title").text.split(":")[0]) for r in root.iter("rect")
            if r.get("class", "").split() == ["bar", cls]]


# 55 tokens end within the 30 days of DC1-TOKEN-001, 6 more in the bucket of days 30-34 that the threshold cuts.
DAYS = [d % 31 for d in range(55)] + [31, 32, 33, 34, 34, 34]


@pytest.mark.parametrize("threshold", [30, 31, 32, 27])
def test_a_bar_the_threshold_cuts_is_coloured_by_its_items(threshold):
    root = svg(DAYS, threshold)
    within = sum(1 for d in DAYS if 0 <= d <= threshold)
    assert sum(bars(root, "soon")) == within  # 55 must not show as 61 orange
    assert sum(bars(root, "ok")) == len(DAYS) - within
    assert sum(int(t.text) for t in root.iter("text") if t.get("class") == "count") == len(DAYS)


def box(text):
    """``(left, top, right, bottom)`` of an SVG <text>: its tspans' longest line, anchored as its class says."""
    size = SIZES.get(text.get("class"), 12)
    lines = [t.text or "" for t in text.iter("tspan")] or [text.text or ""]
    width = max(len(line) for line in lines) * size * 0.62
    x, y = float(text.get("x")), float(text.get("y"))
    left = x - width / 2 if text.get("class") in ("count", "tick") else x
    return (left, y - size, left + width, y + size * 0.3 + 14 * (len(lines) - 1))


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("days,threshold", [
    (DAYS, 30), ([30] * 40 + [2], 30), ([-3] * 9 + [200] * 20 + [178] * 12, 175), ([0] * 30, 0),
])
def test_no_label_covers_a_count(days, threshold):
    root = svg(days, threshold)
    texts = list(root.iter("text"))
    counts = [box(t) for t in texts if t.get("class") == "count"]
    labels = [(t.get("class"), "".join(t.itertext()), box(t)) for t in texts if t.get("class") != "count"]
    covered = [(cls, words) for cls, words, b in labels for c in counts if overlap(b, c)]
    assert not covered, covered
    assert len(counts) == len(set(counts)), "two counts at one place"


def test_the_buckets_are_still_five_days():
    assert BUCKET == 5
    assert re.search(r'class="bar soon"', timeline_svg(result(30), facts([1])))
