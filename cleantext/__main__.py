"""``python -m cleantext`` is the same as the ``cleantext`` command."""

import sys

from .cli import main

sys.exit(main())
