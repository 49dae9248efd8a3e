"""Entry point of ``python -m notai.testing``."""

import sys

from ._cli import main

sys.exit(main())
