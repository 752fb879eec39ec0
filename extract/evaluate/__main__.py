"""`python -m extract.evaluate {dates,places} GOLD.jsonl`: score an extractor on annotated news."""

from __future__ import annotations

import argparse
import importlib
import sys

TASKS = {
    "dates": "TIMEX3 tagging and normalisation, scored as TempEval-3 Task A (te3_platinum.jsonl format)",
    "places": "toponym recognition and resolution, scored as Gritta et al. 2019 (lgl.jsonl format)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.evaluate", description=__doc__.split(":")[1].strip())
    parser.add_argument("task", choices=sorted(TASKS), help="; ".join(f"{k}: {v}" for k, v in TASKS.items()))
    parser.add_argument("gold", metavar="GOLD.jsonl", help="one annotated article per line")
    parser.add_argument("--errors", action="store_true", help="also list every mismatch, for error analysis")
    parser.add_argument("--by-level", action="store_true",
                        help="places: where the AUC comes from, by the level of the resolved place")
    args = parser.parse_args(argv)
    module = importlib.import_module(f"extract.evaluate.{args.task}")
    try:
        documents = module.read_gold(args.gold)
    except (OSError, ValueError) as error:
        print(f"error: cannot read {args.gold}: {error}", file=sys.stderr)
        return 2
    report = module.evaluate(documents)
    print(module.format_report(report, errors=args.errors))
    if args.by_level and hasattr(module, "format_breakdown"):
        print()
        print(module.format_breakdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
