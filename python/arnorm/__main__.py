"""``python -m arnorm``: the command line of :mod:`arnorm.cli`."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
