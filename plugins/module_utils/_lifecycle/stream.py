# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Trust Lifecycle certificates for the facts, page by page, in memory that does not grow with their number.

Each page is normalised (expiry, the attributes parsed from the body) and forgotten; what stays is the digest,
``dc1_facts.certificate_posture``: exact counts (by status, expiry bucket, key, signature hash, account; groups by
owner, business unit, profile and issuer; per certificate check: evaluated, unknown, flagged, suppressed), and in
``dc1_facts.certificates`` every certificate a check flagged or could not judge, up to ``LISTED`` per check. The
checks run here with the compliance settings of the run (the ``certificate_checks`` option), since after the
stream no list holds every certificate; the compliance engine takes the counts and re-reads the kept certificates.
Groups and duplicates go through a temporary SQLite file (store.py). ``dest`` gets every certificate as JSON Lines.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import shutil

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import add_lifecycle, certificate_account
from ansible_collections.digicert.one.plugins.module_utils._files import LineFile
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates as lifecycle
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import posture
from ansible_collections.digicert.one.plugins.module_utils._lifecycle.store import CertificateStore, bucket, names_hash
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import paginate

LISTED = 1000  # certificates listed per check, for its findings and for its unknown ones; the counts stay exact
DUPLICATES = "DC1-TLM-008"
APPROVED = "DC1-TLM-010"
CHECK_OPTIONS = ("disabled", "thresholds", "exceptions", "absent_as_unset", "public_issuers", "approved_issuers")


def check_options(raw):
    """The ``certificate_checks`` option (the compliance options of the run), normalised; checked before any
    request. Only what the certificate checks read is taken; the compliance role checks the rest."""
    raw = raw or {}
    unknown = sorted(set(raw) - set(CHECK_OPTIONS) - {"severities", "fail_on"})
    if unknown:
        raise DC1ConfigError("certificate_checks: unknown keys %s; known: %s"
                             % (", ".join(unknown), ", ".join(CHECK_OPTIONS)))
    thresholds = {}
    for cid, value in (raw.get("thresholds") or {}).items():
        if cid in posture.DEFAULTS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise DC1ConfigError("certificate_checks.thresholds: %s: %r is not a number of 0 or more" % (cid, value))
            thresholds[cid] = value
    exceptions = dict((cid, sorted("%s" % o for o in objs)) for cid, objs in (raw.get("exceptions") or {}).items()
                      if cid in posture.CHECKS and isinstance(objs, (list, tuple)))
    public = raw.get("public_issuers")
    return {
        "disabled": sorted(c for c in raw.get("disabled") or [] if c in posture.CHECKS),
        "thresholds": dict((cid, thresholds.get(cid, default)) for cid, default in sorted(posture.DEFAULTS.items())),
        "exceptions": exceptions,
        "absent_as_unset": sorted(f for f in raw.get("absent_as_unset") or [] if f.startswith("certificates.")),
        "public_issuers": posture.check_names("public_issuers", posture.DEFAULT_PUBLIC_ISSUERS if public is None
                                              else public),
        "approved_issuers": posture.check_names("approved_issuers", raw.get("approved_issuers")),
    }


class Tally:
    """One certificate check over the stream: exact counts, and how many of its certificates are listed."""

    def __init__(self):
        self.evaluated = self.unknown = self.flagged = self.suppressed = 0
        self.missing, self.by_account = {}, {}
        self.listed = {"findings": 0, "unknown": 0}
        self.excepted = set()  # serial numbers an exception suppressed: as few as the exceptions

    def plain(self):
        return {"evaluated": self.evaluated, "unknown": self.unknown, "missing": self.missing, "flagged": self.flagged,
                "suppressed": self.suppressed, "findings": self.flagged - self.suppressed,
                "by_account": self.by_account, "listed": dict(self.listed), "excepted": sorted(self.excepted)}


class CertificateStream:
    """Feed pages to ``add``; ``finish`` returns ``(kept certificates, certificate_posture)``; ``close`` always."""

    def __init__(self, now, warning_days, options, dest=None, directory=None, pool=None):
        """``directory``: a worker's (its store lives there); ``pool``: the workers the pages go to (workers.py)."""
        self.now, self.warning_days, self.options = now, warning_days, options
        self.fields = posture.Fields(now, options["absent_as_unset"])
        self.settings = posture.Settings(options["public_issuers"], options["approved_issuers"])
        self.exceptions = dict((cid, set(objs)) for cid, objs in options["exceptions"].items())
        self.enabled = [c for c in posture.CHECKS if c not in options["disabled"] and c != DUPLICATES
                        and (c != APPROVED or options["approved_issuers"])]
        self.tallies = dict((cid, Tally()) for cid in posture.CHECKS)
        self.kept, self.problems = {}, []
        self.counts = {"certificates": 0, "by_status": {}, "issued_buckets": {}, "by_key_type": {}, "by_signature_hash": {},
                       "by_account": {}, "issued_by_days_left": {}, "unparsed": 0, "without_body": 0,
                       "dropped_other_accounts": 0}
        self.store = CertificateStore(directory)
        self.dest = LineFile(dest) if dest else None
        self.pool = pool

    # -- reading -----------------------------------------------------------------------------------------------
    def read(self, client, account_id=None):
        """Stream the certificate search (of ``account_id``, or all) into this digest."""
        query = lifecycle.plan({"account_id": account_id} if account_id else {}).query
        if self.pool:
            def on_items(items):
                self.pool.submit(items, account_id)
        else:
            def on_items(items):
                self.add(items, account_id)
        paginate(client, ENDPOINTS[lifecycle.ENDPOINT].path, query, extract=lifecycle.extract, keep=False,
                 key_of=_key, on_items=on_items)

    def add(self, items, account_id=None):
        rows = []
        for item in items:
            cert, problem = lifecycle.normalise(item, self.now, False, parse=True)
            if problem and len(self.problems) < lifecycle.MAX_WARNINGS + 1:
                self.problems.append(problem)
            if cert is None:
                continue
            own = certificate_account(cert)
            if account_id and own not in (None, account_id):
                self.counts["dropped_other_accounts"] += 1  # a server that ignores the account_id filter
                continue
            cert["account_id"] = account_id or own
            rows.append(self._one(cert, "certificate" in item))
        self.store.add(rows)

    def _one(self, cert, has_body):
        findings = sum(self._evaluate(cid, cert) for cid in self.enabled)
        candidate = self._duplicate_candidate(cert)
        self._count(cert, has_body)
        if self.dest:
            self.dest.write(json.dumps(cert, sort_keys=True, separators=(",", ":"), default=str))
        return _row(cert, findings, candidate)

    def _evaluate(self, cid, cert):
        """1 when ``cid`` flags ``cert`` (not excepted), else 0; counts and lists as it goes."""
        tally = self.tallies[cid]
        try:
            verdict = posture.CHECKS[cid](self.fields, cert, self.options["thresholds"].get(cid), self.settings)
        except posture.Absent as absent:
            self._unknown(cid, cert, absent.field)
            return 0
        if verdict is posture.OUT:
            return 0
        tally.evaluated += 1
        if not verdict:
            return 0
        return self._flag(cid, cert, verdict)

    def _flag(self, cid, cert, verdict):
        """Count and record a flagged certificate: 1 for a finding, 0 when excepted (suppressed)."""
        tally = self.tallies[cid]
        tally.flagged += 1
        excepted = cert.get("serial_number") in self.exceptions.get(cid, ())
        message, details = verdict
        _record(cert, cid, {"suppressed" if excepted else "finding": message, "details": details})
        self._keep(tally, cert, "findings")
        if excepted:
            tally.suppressed += 1
            tally.excepted.add(cert.get("serial_number"))
            return 0
        account = cert.get("account_id") or ""
        tally.by_account[account] = tally.by_account.get(account, 0) + 1
        return 1

    def _unknown(self, cid, cert, field):
        tally = self.tallies[cid]
        tally.unknown += 1
        tally.missing[field] = tally.missing.get(field, 0) + 1
        _record(cert, cid, {"unknown": field})
        self._keep(tally, cert, "unknown")

    def _keep(self, tally, cert, kind):
        if self._listed(tally, kind):
            self.kept.setdefault(lifecycle.identity(cert), cert)

    @staticmethod
    def _listed(tally, kind):
        """Whether the check's list of ``kind`` has room for one more certificate (and count it)."""
        if tally.listed[kind] >= LISTED:
            return False
        tally.listed[kind] += 1
        return True

    def _duplicate_candidate(self, cert):
        """The names of an issued, unexpired certificate, for the duplicates check after the stream; None else."""
        if DUPLICATES in self.options["disabled"]:
            return None
        tally = self.tallies[DUPLICATES]
        try:
            if posture.status(self.fields, cert) != "issued" or posture.days_left(self.fields, cert) < 0:
                return None
            attrs = posture.x509(self.fields, cert)
        except posture.Absent as absent:
            self._unknown(DUPLICATES, cert, absent.field)
            return None
        tally.evaluated += 1
        names = list(attrs.get("dns_names") or []) + list(attrs.get("ip_addresses") or [])
        if not names and cert.get("common_name"):
            names = [cert["common_name"]]
        return sorted(set(n.lower() for n in names if isinstance(n, str))) or None

    def _count(self, cert, has_body):
        counts = self.counts
        counts["certificates"] += 1
        state = ("%s" % (cert.get("status") or "unknown")).lower()
        _bump(counts["by_status"], state)
        attrs = cert.get("x509")
        if attrs is None:
            counts["unparsed" if has_body else "without_body"] += 1
        _bump(counts["by_key_type"], _key_label(attrs))
        _bump(counts["by_signature_hash"], (attrs or {}).get("signature_hash") or "unknown")
        days = cert.get("days_to_expiry")
        add_lifecycle(counts["by_account"], cert.get("account_id"), state, days, self.warning_days)
        if state == "issued":
            _bump(counts["issued_buckets"], bucket(days))
            if days is not None and 0 <= days <= 366:
                _bump(counts["issued_by_days_left"], "%d" % days)

    # -- after the stream --------------------------------------------------------------------------------------
    def handover(self):
        """A worker's partial digest, for ``absorb`` in the parent: its store's file and JSON Lines part stay."""
        if self.dest:
            self.dest.commit()
        return {"counts": self.counts, "tallies": self.tallies, "kept": list(self.kept.values()),
                "problems": self.problems, "store": self.store.detach(), "dest": self.dest and self.dest.path}

    def absorb(self, state):
        """Add a worker's partial digest to this one: counts and tallies added, its certificates listed while
        their checks' lists have room (as ``_keep`` does), its rows and its JSON Lines part appended."""
        _add_counts(self.counts, state["counts"])
        for cid, part in state["tallies"].items():
            _add_tally(self.tallies[cid], part)
        for cert in state["kept"]:
            listed = False
            for cid, outcome in sorted((cert.get("posture") or {}).items()):
                listed = self._listed(self.tallies[cid], "unknown" if "unknown" in outcome else "findings") or listed
            if listed:
                self.kept.setdefault(lifecycle.identity(cert), cert)
        self.problems.extend(state["problems"][:max(0, lifecycle.MAX_WARNINGS + 1 - len(self.problems))])
        self.store.absorb(state["store"])
        if self.dest and state["dest"]:
            with open(state["dest"], encoding="utf-8") as part:
                shutil.copyfileobj(part, self.dest.handle)

    def finish(self):
        """``(kept certificates, certificate_posture)``; the JSON Lines file, if any, is put in place."""
        if self.pool:
            for state in self.pool.collect():
                self.absorb(state)
        self._duplicates()
        posture_digest = dict(self.counts, checks=dict((cid, t.plain()) for cid, t in self.tallies.items()),
                              groups=self.store.groups(), problems=len(self.problems),
                              settings=dict(self.options, enabled=self.enabled + [DUPLICATES] * (
                                  DUPLICATES not in self.options["disabled"])),
                              listed_per_check=LISTED)
        if self.dest:
            self.dest.commit()
            self.dest = None
        return list(self.kept.values()), posture_digest

    def _duplicates(self):
        if DUPLICATES in self.options["disabled"]:
            return
        for names, rows in self.store.duplicates():
            serials = [r["serial"] for r in rows]
            counted = []
            for row in rows:
                cert = _from_row(row, self.kept)
                others = [s for s in serials if s != row["serial"]]
                message = "%d other issued certificate(s) for the same names (%s): %s" % (
                    len(others), ", ".join(names), ", ".join(others[:5]))
                cert["duplicates"] = {"names": names, "serial_numbers": serials}
                if self._flag(DUPLICATES, cert, (message, {"names": names, "others": others})):
                    counted.append(row["serial"])
            self.store.count_duplicates(rows[0]["names_hash"], counted)

    def close(self):
        """Remove the temporary file, and a half-written JSON Lines file."""
        self.store.close()
        if self.dest:
            self.dest.abort()

    def warnings(self):
        return lifecycle.summary(self.problems)


def _add_counts(into, part):
    """``into`` += ``part``, for the digest's nested dicts of counts."""
    for key, value in part.items():
        if isinstance(value, dict):
            _add_counts(into.setdefault(key, {}), value)
        else:
            into[key] = into.get(key, 0) + value


def _add_tally(into, part):
    into.evaluated += part.evaluated
    into.unknown += part.unknown
    into.flagged += part.flagged
    into.suppressed += part.suppressed
    _add_counts(into.missing, part.missing)
    _add_counts(into.by_account, part.by_account)
    into.excepted.update(part.excepted)


def _record(cert, cid, outcome):
    """The check's verdict on the certificate itself, so the compliance engine lists exactly what was counted."""
    cert.setdefault("posture", {})[cid] = outcome


def _bump(counts, key):
    counts[key] = counts.get(key, 0) + 1


def _key(item):
    serial, thumbprint = item.get("serial_number"), item.get("thumbprint")
    if isinstance(serial, str):
        return serial.strip().upper(), thumbprint.upper() if isinstance(thumbprint, str) else None
    return json.dumps(item, sort_keys=True, default=str)  # judged later: no serial number is a problem


def _key_label(attrs):
    if not attrs:
        return "unknown"
    kind = attrs.get("key_type") or "unknown"
    detail = attrs.get("curve") if kind == "EC" else attrs.get("key_size")
    return "%s %s" % (kind, detail) if detail else kind


def _ref(obj, key):
    value = obj.get(key)
    return value if isinstance(value, dict) else {}


def _text(value):
    """What SQLite is given of an API field: a string, or nothing (an API may send any JSON type)."""
    return value if isinstance(value, str) else None


def _row(cert, findings, names):
    attrs = cert.get("x509") or {}
    seat, unit, profile = _ref(cert, "seat"), _ref(cert, "business_unit"), _ref(cert, "profile")
    state = ("%s" % (cert.get("status") or "")).lower()
    days = cert.get("days_to_expiry")
    return (_text(cert.get("account_id")), state, bucket(days) if state == "issued" else None,
            _text(seat.get("seat_id")) or None, _text(unit.get("id")), _text(unit.get("name")), _text(profile.get("id")),
            _text(profile.get("name")), _text(attrs.get("issuer_dn")), findings, _text(cert.get("serial_number")),
            _text(cert.get("thumbprint")), _text(cert.get("common_name")), _text(cert.get("valid_to")), days,
            "\n".join(names) if names else None, names_hash(names) if names else None)


def _row_identity(row):
    return lifecycle.identity({"serial_number": row["serial"], "thumbprint": row["thumbprint"]})


def _from_row(row, kept):
    """The kept certificate of ``row``, or a small one rebuilt from its row (it streamed past unflagged)."""
    found = kept.get(_row_identity(row))
    if found is not None:
        return found
    cert = {"serial_number": row["serial"], "thumbprint": row["thumbprint"], "common_name": row["cn"],
            "status": row["status"], "valid_to": row["valid_to"], "days_to_expiry": row["days"],
            "account_id": row["account"], "x509": {"dns_names": row["names"].split("\n"), "issuer_dn": row["issuer"]}}
    if row["owner"]:
        cert["seat"] = {"seat_id": row["owner"]}
    if row["profile"]:
        cert["profile"] = {"id": row["profile"], "name": row["profile_name"]}
    if row["bu"]:
        cert["business_unit"] = {"id": row["bu"], "name": row["bu_name"]}
    return cert
