# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One row per certificate in a temporary SQLite file, for what needs every certificate at once.

Groups by owner, business unit, profile and issuer (a tenant of device certificates has as many owners as
certificates) and duplicates (the same names issued twice) need every certificate, which memory cannot hold at a
million: SQLite (standard library) keeps them on disk, and exact counts come from its GROUP BY. The file is
deleted when the gathering ends.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import shutil
import sqlite3
import tempfile

COLUMNS = ("account", "status", "bucket", "owner", "bu", "bu_name", "profile", "profile_name", "issuer", "findings",
           "serial", "thumbprint", "cn", "valid_to", "days", "names", "names_hash")
DIMENSIONS = {"owner": ("owner", None), "business_unit": ("bu", "bu_name"), "profile": ("profile", "profile_name"),
              "issuer": ("issuer", None)}
BUCKETS = ("expired", "7", "30", "90", "later", "unknown")
TOP_GROUPS = 200


def bucket(days):
    """An issued certificate's expiry bucket by days left."""
    if days is None:
        return "unknown"
    if days < 0:
        return "expired"
    for limit in (7, 30, 90):
        if days <= limit:
            return "%d" % limit
    return "later"


def names_hash(names):
    """A 63-bit identity of a set of names, whatever their order."""
    text = "\n".join(sorted(set(n.lower() for n in names)))
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1


class CertificateStore:
    """Rows are added page by page; ``groups`` and ``duplicates`` read them back."""

    def __init__(self, directory=None):
        """In a directory of its own (removed by ``close``), or in ``directory``, which its owner removes."""
        self.owned = directory is None
        self.directory = tempfile.mkdtemp(prefix="dc1-certificates-") if self.owned else directory
        self.path = os.path.join(self.directory, "certificates.sqlite3")
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE c (%s)" % ", ".join(COLUMNS))
        self._insert = "INSERT INTO c VALUES (%s)" % ", ".join("?" * len(COLUMNS))

    def add(self, rows):
        self.db.executemany(self._insert, rows)

    def absorb(self, path):
        """Add every row of another store's file (a worker's, see workers.py)."""
        self.db.commit()  # ATTACH cannot run inside the transaction the inserts opened
        self.db.execute("ATTACH DATABASE ? AS part", (path,))
        try:
            self.db.execute("INSERT INTO c SELECT * FROM part.c")
            self.db.commit()
        finally:
            self.db.execute("DETACH DATABASE part")

    def detach(self):
        """Close the file and return its path, for the owner of the directory to absorb."""
        self.db.commit()
        self.db.close()
        self.db = None
        return self.path

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None
        if self.owned:
            shutil.rmtree(self.directory, ignore_errors=True)

    def groups(self, top=TOP_GROUPS):
        """Per dimension, the ``top`` largest groups with their counts, and the rest summed as ``other``."""
        return dict((name, self._dimension(key, label, top)) for name, (key, label) in DIMENSIONS.items())

    def _dimension(self, key, label, top):
        name = "MAX(%s)" % label if label else "NULL"
        sql = ("SELECT %s, %s, COUNT(*), SUM(status = 'issued'), SUM(status = 'revoked'), SUM(findings) FROM c "
               "GROUP BY %s ORDER BY COUNT(*) DESC, %s LIMIT ?" % (key, name, key, key))
        rows = []
        for value, title, total, issued, revoked, findings in self.db.execute(sql, (top,)):
            rows.append({"id": value, "name": title, "certificates": total, "issued": issued or 0,
                         "revoked": revoked or 0, "findings": findings or 0, "buckets": dict.fromkeys(BUCKETS, 0)})
        listed = dict((row["id"], row) for row in rows)
        for value, kind, count in self.db.execute("SELECT %s, bucket, COUNT(*) FROM c WHERE status = 'issued' "
                                                  "GROUP BY %s, bucket" % (key, key)):
            if value in listed:
                listed[value]["buckets"][kind] = count
        groups = self.db.execute("SELECT COUNT(DISTINCT %s) FROM c" % key).fetchone()[0]
        groups += bool(self.db.execute("SELECT 1 FROM c WHERE %s IS NULL LIMIT 1" % key).fetchone())
        other = {"groups": max(groups - len(rows), 0), "certificates": 0, "findings": 0}
        if other["groups"]:
            counted = sum(r["certificates"] for r in rows), sum(r["findings"] for r in rows)
            total, findings = self.db.execute("SELECT COUNT(*), SUM(findings) FROM c").fetchone()
            other.update(certificates=total - counted[0], findings=(findings or 0) - counted[1])
        return {"groups": rows, "other": other}

    def duplicates(self):
        """``[(names, [row dicts])]``: the sets of names held by more than one issued, unexpired certificate."""
        hashes = [h for (h,) in self.db.execute(
            "SELECT names_hash FROM c WHERE names_hash IS NOT NULL GROUP BY names_hash HAVING COUNT(*) > 1")]
        found = []
        for value in hashes:
            rows = [dict(zip(COLUMNS, r)) for r in self.db.execute(
                "SELECT * FROM c WHERE names_hash = ? ORDER BY serial", (value,))]
            found.append((rows[0]["names"].split("\n"), rows))
        return found

    def count_duplicates(self, value, serials):
        """Mark ``serials``' rows as holding one more finding (the duplicates check runs after the stream)."""
        self.db.executemany("UPDATE c SET findings = findings + 1 WHERE names_hash = ? AND serial = ?",
                            [(value, s) for s in serials])
