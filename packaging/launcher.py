"""Entry script of the frozen app: the same as the ``seedream-desktop`` console script."""

import sys

from seedream_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
