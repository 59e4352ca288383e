"""Allow ``python -m bench`` from the repository root."""

from __future__ import annotations

from bench.run import main

raise SystemExit(main())
