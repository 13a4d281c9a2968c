# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Files the collection writes on the controller (the facts file, the compliance reports)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import tempfile


def replace_file(path, fill, mode):
    """Write ``path`` atomically: ``fill(handle)`` writes a temporary file beside it (text, UTF-8), which
    gets ``mode`` and then replaces ``path``. Readers see the old file or the new one, never a part; on any
    failure the temporary file is removed and ``path`` is left as it was."""
    fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            fill(handle)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class LineFile:
    """A JSON Lines file written as data streams past, then put in place atomically (``commit``), mode 0600.

    Until ``commit`` the lines go to a temporary file beside ``path``; ``abort`` (or a failure) removes it and
    leaves ``path`` as it was, like ``replace_file``.
    """

    def __init__(self, path):
        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), dir=os.path.dirname(path))
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, line):
        self.handle.write(line)
        self.handle.write("\n")

    def commit(self):
        self.handle.close()
        os.chmod(self.tmp, 0o600)
        os.replace(self.tmp, self.path)

    def abort(self):
        if not self.handle.closed:
            self.handle.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)
