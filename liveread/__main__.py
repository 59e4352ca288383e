"""Allow ``python -m liveread``."""

from liveread.cli import main

raise SystemExit(main())
