"""`chronomap`: ingest articles into a store, export its events, serve the dashboard on it, evaluate extractors.

Exit status: 0 all went well; 1 some inputs could not be read or extracted (the rest were ingested, each
failure is named on standard error, one line each); 2 a usage error or nothing to read; 3 the store cannot be
used (the message names the file and how to recover); 130 interrupted (Ctrl-C: what was written is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from . import server

OK, PARTIAL, USAGE, STORE, INTERRUPTED = 0, 1, 2, 3, 130
EXPORT_FORMATS = ("csv", "geojson", "kml", "parquet")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["evaluate"]:  # everything after it is extract.evaluate's, --help included
        return _evaluate(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE
    import sqlite3

    import store
    from store.db import store_error

    try:
        return args.run(args)
    except store.StoreError as error:
        print(f"chronomap: {error}", file=sys.stderr)
        return STORE
    except sqlite3.Error as error:  # damage found past the opening, or a full disk: one line, no traceback
        path = getattr(args, "store", None) or store.default_path()
        print(f"chronomap: {store_error(path, error)}", file=sys.stderr)
        return STORE
    except KeyboardInterrupt:
        print("\nchronomap: interrupted; every article written so far is kept: run the same command again to "
              "continue", file=sys.stderr)
        return INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronomap", description=__doc__.split("\n\n")[0].split(": ", 1)[1],
                                     epilog=__doc__.split("\n\n")[1], formatter_class=argparse.RawTextHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    store_help = "the store file (default: $CHRONOMAP_STORE, else chronomap.db in this folder)"

    ingest = commands.add_parser(
        "ingest", help="read articles into the store and recompute the events",
        description="Read articles into the store: new ones are extracted, changed ones (same id, other text or "
                    "metadata) re-extracted with their analysts' corrections, unchanged ones skipped. Each article "
                    "is written in one transaction; the events table is recomputed at the end.",
        epilog="Formats by suffix: .md .markdown .txt .text (optional YAML front matter), .html .htm, .json (an "
               "object with 'text' and title, source, published, url, language), .jsonl .ndjson (one such "
               "object a line, plus an optional 'id'). Exit status: 0 all ingested, 1 some failed, 2 nothing "
               "to read, 3 store unusable.")
    ingest.add_argument("inputs", nargs="+", metavar="PATH|GLOB|-",
                        help="article files, folders (every article file under them), glob patterns (quote them: "
                             "'archive/**/*.jsonl'), or - for standard input")
    ingest.add_argument("--store", type=Path, help=store_help)
    ingest.add_argument("--stdin-format", choices=("jsonl", "json", "md", "txt", "html"), default="jsonl",
                        help="what - holds: JSON Lines (default, many articles) or one article in that format")
    ingest.add_argument("--engine", choices=("local", "processes", "dask"), default="local",
                        help="where extraction runs: local (this process, one core; default), processes (a pool "
                             "on this machine), dask (a dask.distributed cluster: see --scheduler)")
    ingest.add_argument("--workers", type=int, metavar="N",
                        help="worker processes for --engine processes, or LocalCluster workers for --engine dask "
                             "(default: one per core)")
    ingest.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 (default: start "
                             "a LocalCluster on this machine)")
    ingest.add_argument("--parquet", metavar="DIR", type=Path,
                        help="with --engine dask: also write the extractions as Parquet partitioned by publication "
                             "date into DIR (import it later with chronomap import-parquet)")
    ingest.add_argument("--source", help="source name for every article, overriding its own")
    ingest.add_argument("--force", action="store_true",
                        help="re-extract unchanged articles too (after the extraction code or gazetteer changed)")
    ingest.add_argument("--quiet", "-q", action="store_true", help="no progress bar (the summary is still printed)")
    ingest.set_defaults(run=_ingest)

    export = commands.add_parser(
        "export", help="write the events table as CSV, GeoJSON, KML or Parquet",
        description="Write the store's events table for other tools.",
        epilog="CSV: lists joined with '; ', nested values JSON. GeoJSON (RFC 7946): marker points, path lines and "
               "area polygons. KML 2.2 with TimeStamp/TimeSpan for Google Earth's time slider. Parquet: list "
               "columns as lists, nested values as JSON text.")
    export.add_argument("--store", type=Path, help=store_help)
    export.add_argument("--format", "-f", choices=EXPORT_FORMATS,
                        help="output format (default: from the output file's suffix, else csv)")
    export.add_argument("--output", "-o", default="-", metavar="FILE", help="where to write (default: - for stdout)")
    export.set_defaults(run=_export)

    serve = commands.add_parser(
        "serve", help="start the dashboard on the store",
        description="Run `streamlit run streamlit_app.py` on the store, and open the page once in the server so "
                    "the first visitor finds it ready.",
        epilog="Arguments after -- go to streamlit, e.g. chronomap serve -- --server.port 8600.")
    serve.add_argument("--store", type=Path, help=store_help)
    serve.add_argument("--articles", type=Path, metavar="FOLDER",
                       help="a folder of articles the page keeps in the store (new and changed files are "
                            "extracted when it opens); without it the store is served as it is")
    serve.add_argument("--port", type=int, help="the port to listen on (default: streamlit's, 8501)")
    serve.add_argument("streamlit_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    serve.set_defaults(run=_serve)

    evaluate = commands.add_parser(
        "evaluate", help="score the date or place extractor on annotated news (python -m extract.evaluate)",
        description="Delegates to python -m extract.evaluate: chronomap evaluate {dates,places} GOLD.jsonl "
                    "[--errors].", add_help=False)
    evaluate.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    evaluate.set_defaults(run=lambda args: _evaluate(args.rest))

    check = commands.add_parser(
        "check", help="verify the store file page by page",
        description="SQLite's integrity check over the whole store: reads every page. Exit status 3 if damaged.")
    check.add_argument("--store", type=Path, help=store_help)
    check.set_defaults(run=_check)

    imported = commands.add_parser(
        "import-parquet", help="import extractions a Dask ingest wrote as Parquet",
        description="Read the Parquet dataset a `chronomap ingest --engine dask --parquet DIR` wrote (on this or "
                    "another machine) into the store, incrementally, and recompute the events.")
    imported.add_argument("directory", type=Path, metavar="DIR")
    imported.add_argument("--store", type=Path, help=store_help)
    imported.set_defaults(run=_import_parquet)
    return parser


def _ingest(args: argparse.Namespace) -> int:
    import store
    from cli import sources
    from cli.progress import Progress
    from extract.articles import ArticleError
    from store.engines import make_engine

    if args.engine != "dask" and (args.scheduler or args.parquet):
        print("chronomap: --scheduler and --parquet need --engine dask", file=sys.stderr)
        return USAGE
    inputs = sources.resolve(args.inputs)
    for spec in inputs.missing:
        print(f"chronomap: no article files at {spec}", file=sys.stderr)
    if not inputs.files and not inputs.stdin:
        return USAGE
    progress = Progress(sources.count(inputs), quiet=args.quiet)

    def articles():
        for item in sources.read(inputs, args.stdin_format):
            if isinstance(item, ArticleError):
                progress.unreadable(str(item))
                continue
            if args.source:
                item = replace(item, source=args.source)
            if item.path:
                progress.paths[item.id] = item.path
            yield item

    with store.open(args.store) as opened:
        engine = make_engine(args.engine, workers=args.workers, scheduler=args.scheduler,
                             parquet=str(args.parquet) if args.parquet else None)
        try:
            report = store.ingest(opened, articles(), progress=progress, engine=engine, total=progress.total,
                                  force=args.force)
        except BaseException:
            getattr(engine, "terminate", engine.close)()  # workers mid-article are not waited for
            raise
        else:
            engine.close()
        finally:
            progress.close()
    print(progress.summary(report))
    failures = progress.failures(report)
    for line in failures:  # one line each, naming the file (and line) and the problem
        print(f"failed: {line}", file=sys.stderr)
    return PARTIAL if failures or inputs.missing else OK


def _export(args: argparse.Namespace) -> int:
    import store
    from extract import exports

    fmt = args.format or _format_of(args.output)
    with store.open(args.store, readonly=True) as opened:
        events = store.events(opened)
    if fmt == "csv":
        data: bytes = exports.to_csv(events).encode("utf-8")
    elif fmt == "geojson":
        from gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
        data = json.dumps(exports.to_geojson(events, shape_of=_shape_of(gazetteer)), ensure_ascii=False).encode()
    elif fmt == "kml":
        data = exports.to_kml(events).encode("utf-8")
    else:
        data = exports.to_parquet(events)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.output).write_bytes(data)
        print(f"{len(events):,} events written to {args.output} ({fmt})", file=sys.stderr)
    return OK


def _format_of(output: str) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    return {"json": "geojson", "pq": "parquet"}.get(suffix, suffix) if suffix in (*EXPORT_FORMATS, "json", "pq") \
        else "csv"


def _shape_of(gazetteer):
    def shape_of(place: dict):
        if place.get("kind") in ("country", "airspace") and place.get("country_code"):
            country = gazetteer.country(place["country_code"])
            return gazetteer.shape(country) if country else None
        return None

    return shape_of


def serve_command(args: argparse.Namespace) -> tuple[list[str], dict[str, str]]:
    """The streamlit command line and environment `chronomap serve` runs."""
    import store

    path = (args.store or store.default_path()).resolve()
    command = server.command(args.port, extra=[a for a in args.streamlit_args if a != "--"])
    env = {k: v for k, v in os.environ.items() if k != "CHRONOMAP_DATA"}  # the store alone: served as it is
    if args.articles:
        env["CHRONOMAP_DATA"] = str(args.articles.resolve())
    return command, {**env, "CHRONOMAP_STORE": str(path)}


def _serve(args: argparse.Namespace) -> int:
    import store

    command, env = serve_command(args)
    if args.articles is None:  # a clear error now, not in the browser; with articles the page makes the store
        path = Path(env["CHRONOMAP_STORE"])
        store.open(path, readonly=not path.is_file()).close()  # an older store is migrated for the page
    elif not args.articles.is_dir():
        print(f"chronomap: {args.articles} is not a folder of articles", file=sys.stderr)
        return USAGE
    print(f"chronomap: serving {env['CHRONOMAP_STORE']}", file=sys.stderr)
    process = subprocess.Popen(command, env=env, cwd=server.APP.parent)
    try:
        url = f"http://127.0.0.1:{_port_of(args)}"
        try:
            server.wait_until_up(url, process, timeout_s=120)
            if server.warm(url):
                print("chronomap: the dashboard is ready", file=sys.stderr)
        except (TimeoutError, RuntimeError):
            pass  # streamlit says why on its own output; the page is only slower to open
        return process.wait()
    except KeyboardInterrupt:  # the terminal's Ctrl-C reached streamlit too
        process.wait()
        return INTERRUPTED


def _port_of(args: argparse.Namespace) -> int:
    rest = [a for a in args.streamlit_args if a != "--"]
    for i, arg in enumerate(rest):
        if arg.startswith("--server.port="):
            return int(arg.split("=", 1)[1])
        if arg == "--server.port" and i + 1 < len(rest):
            return int(rest[i + 1])
    return args.port or server.DEFAULT_PORT


def _evaluate(rest: list[str]) -> int:
    from extract.evaluate.__main__ import main as evaluate

    try:
        return evaluate([a for a in rest if a != "--"])
    except SystemExit as exit:  # argparse inside: --help or a usage error
        return int(exit.code or 0)


def _check(args: argparse.Namespace) -> int:
    import store

    with store.open(args.store) as opened:
        problems = store.check(opened)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"{opened.path}: ok")
    return STORE if problems else OK


def _import_parquet(args: argparse.Namespace) -> int:
    import store
    from store.parquet import import_dataset

    with store.open(args.store) as opened:
        report = import_dataset(opened, args.directory)
    print(f"articles: {report.new:,} new, {report.changed:,} changed, {report.unchanged:,} unchanged, "
          f"{len(report.failed):,} failed; events: {report.events:,}")
    for line in report.failed:
        print(f"failed: {line}")
    return PARTIAL if report.failed else OK


if __name__ == "__main__":
    sys.exit(main())
