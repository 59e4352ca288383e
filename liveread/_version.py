"""The one place liveread's version is defined (read by the build backend too)."""

__version__ = "0.1.0"
