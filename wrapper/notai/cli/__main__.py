"""Entry point of `python -m notai.cli`."""

import sys

from . import main

sys.exit(main())
