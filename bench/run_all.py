"""Run every benchmark in bench/ (each in its own process) and print its numbers; the numbers are
recorded in docs/benchmarks.md. Exits 1 if any benchmark reports a failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem} ==", flush=True)
        failures += subprocess.run([sys.executable, str(path)], check=False).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
