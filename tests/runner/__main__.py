# -*- coding: utf-8 -*-
"""``python tests/runner COMMAND [ARGS]``: what ``./run`` execs once .venv is ready (see cli.py)."""

import os
import sys

# Started as a directory, so sys.path[0] is this directory: put its parent (tests/) there
# instead, so that the package imports as ``runner`` and its modules do not shadow others.
sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

from runner.cli import main  # pylint: disable=wrong-import-position

sys.exit(main(sys.argv[1:]))
