"""Entry point of `python -m notai.cli`."""

import sys

from ._app import main

sys.exit(main())
