# -*- coding: utf-8 -*-
"""Render compliance.html in headless Chromium and check that the screenshot shows something.

Needs the ``chromium`` binary (Debian: ``apt-get install chromium``); skipped with that reason without it, unless
DC1_REQUIRE names chromium (docs/development.md). ./run test never installs it.
The PNG is checked with zlib alone (no PIL): its filtered scanlines must not be blank.
"""

import os
import shutil
import struct
import subprocess
import tempfile
import zlib

import dc1_e2e
from dc1_compliance_facts import facts_from_tenant
from dc1sim import tenant as T

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import write_reports

_BROWSERS = (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome"), "/usr/bin/chromium")
CHROMIUM = next((p for p in _BROWSERS if p and os.path.exists(p)), None)


def png_scanlines(data):
    """``(width, height, bytes per pixel, [filtered scanline bytes])`` of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG format"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp + 1
    return width, height, bpp, [raw[i * stride:(i + 1) * stride] for i in range(height)]


def test_html_report_renders_to_a_non_blank_screenshot(tmp_path):
    dc1_e2e.require_tool("chromium", CHROMIUM, "chromium is not installed (Debian: apt-get install -y chromium)")
    tenant = T.generate(seed=1, now="2026-11-23")
    facts = facts_from_tenant(tenant, unavailable={"audit": {"status": 403, "reason": "HTTP 403"}})
    html = write_reports(evaluate(facts, {"fail_on": "high"}), facts, str(tmp_path), formats=["html"])["paths"]["html"]
    shot = tmp_path / "report.png"
    profile = tempfile.mkdtemp(prefix="dc1-chromium-")
    try:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, "--screenshot=" + str(shot), "--window-size=1280,2000",
                        "file://" + html], capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert shot.exists(), "chromium wrote no screenshot"
    data = shot.read_bytes()
    assert len(data) > 50 * 1024, "screenshot is %d bytes: nearly blank" % len(data)
    width, height, _bpp, rows = png_scanlines(data)
    assert (width, height) == (1280, 2000)
    # A blank page filters to rows of zeros; a rendered report has content on most of its height.
    busy = sum(1 for row in rows if row[1:].count(0) < len(row) - 1 - 40)
    print("\nscreenshot %d bytes, %d of %d rows with content" % (len(data), busy, height))
    assert busy > height // 4
