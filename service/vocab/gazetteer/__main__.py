"""`python -m service.vocab.gazetteer [NAME...]`: build (or load) the cached index, then resolve NAMEs."""

import sys
import time

from . import _cache_file, load_index, resolve


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    idx = load_index()
    print(f"gazetteer: {len(idx.rows)} rows, {len(idx.keys)} keys, {time.perf_counter() - t0:.2f}s, "
          f"cache={_cache_file()}")
    for arg in argv:
        print(arg, "->", resolve(arg))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
