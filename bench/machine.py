"""A description of the machine a run was made on, so figures can be read in context.

Only ratios are meant to travel between machines; absolute figures need this
beside them: CPU, cores usable by the process, RAM, load when the run began,
Python, OS, and the versions of what is being compared.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["describe", "summary_lines"]

_PACKAGES = ("liveread", "selectolax", "beautifulsoup4", "textual", "httpx")


def _cpu_model() -> str:
    """The CPU's model name (Linux /proc/cpuinfo, else what platform says)."""
    try:
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _ram_bytes() -> int | None:
    """Physical memory in bytes, where the OS says."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def _cpu_quota() -> str | None:
    """A cgroup v2 CPU limit ("200000 100000" = 2 CPUs), when a container sets one."""
    try:
        text = Path("/sys/fs/cgroup/cpu.max").read_text().strip()
    except OSError:
        return None
    return None if text.startswith("max") else text


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def describe() -> dict[str, Any]:
    """Return the machine description written into the JSON."""
    affinity = getattr(os, "sched_getaffinity", None)
    try:
        load = list(os.getloadavg())
    except (OSError, AttributeError):
        load = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(affinity(0)) if affinity else os.cpu_count(),
        "cpu_quota": _cpu_quota(),
        "ram_bytes": _ram_bytes(),
        "load_average": load,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "python_executable": sys.executable,
        "os": platform.platform(),
        "versions": {name: _version(name) for name in _PACKAGES}
        | {"sqlite": sqlite3.sqlite_version},
    }


def summary_lines(machine: dict[str, Any]) -> list[str]:
    """Return the description as a few lines for the top of the table."""
    ram = machine.get("ram_bytes")
    ram_text = f"{ram / 2**30:.1f} GiB RAM" if ram else "RAM unknown"
    load = machine.get("load_average")
    load_text = "load " + " ".join(f"{x:.2f}" for x in load) if load else "load unknown"
    cores = f"{machine['cores_usable']}/{machine['cores']} cores usable"
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items() if v)
    return [
        f"Machine: {machine['cpu']}, {cores}, {ram_text}, {load_text} at start",
        f"         {machine['python']} on {machine['os']}",
        f"         {versions}",
    ]
