"""``python -m service.extraction PATH... --json [--published YYYY-MM-DD]``: print extracted articles as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from .extract_cmd import run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service.extraction", description=__doc__)
    ap.add_argument("paths", nargs="+", help="article files or seed directories (with manifest.json)")
    ap.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    ap.add_argument("--published", help="publication date for every article (YYYY-MM-DD)")
    args = ap.parse_args(argv)
    json.dump(run(args.paths, args.published), sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
