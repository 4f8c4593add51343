"""``python -m comparator``: the command line."""

from comparator.cli import main

main()
