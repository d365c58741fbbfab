"""Every benchmark, one after the other, printing their tables (`make bench`).

    .venv/bin/python bench/run.py [--quick]

--quick runs the intake at 10k and 100k rows only, with fewer filter combinations: the
figures are then not the README's. Workbooks and the big store are made once, in bench/out/.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = [
        ["bench/intake.py", *(["--sizes", "10000", "100000"] if args.quick else [])],
        ["bench/profile_intake.py", *(["--runs", "1"] if args.quick else [])],
        ["bench/interaction.py", *(["--combinations", "5"] if args.quick else [])],
        ["bench/cold_start.py", *(["--runs", "1"] if args.quick else [])],
    ]
    for script in runs:
        print(f"\n=== {' '.join(script)}", flush=True)
        done = subprocess.run([sys.executable, *script], cwd=ROOT)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
