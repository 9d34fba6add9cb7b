"""Entry point of the frozen build: the same ``main`` as the ``svctrainer`` command."""

import sys

from svctrainer.cli import main

if __name__ == "__main__":
    sys.exit(main())
