"""The ingest's progress bar (rate and time left, on standard error) and its closing summary."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from tqdm import tqdm

from store import IngestReport, Step


@dataclass
class Progress:
    """Counts what the store reports, draws the bar, and names each failure's file."""

    total: int | None
    quiet: bool = False
    read_failures: list[str] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)  # article id -> file, to name files in failures

    def __post_init__(self) -> None:
        self.bar = tqdm(total=self.total, unit="article", file=sys.stderr, disable=self.quiet, dynamic_ncols=True,
                        smoothing=0.1)

    def __call__(self, step: Step) -> None:
        self.bar.update(1)

    def unreadable(self, message: str) -> None:
        self.read_failures.append(message)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()

    def failures(self, report: IngestReport) -> list[str]:
        lines = list(self.read_failures)
        for message in report.failed:
            article_id = message.split(":", 1)[0]
            where = self.paths.get(article_id)
            lines.append(f"{where} ({message})" if where and where not in message else message)
        return lines

    def summary(self, report: IngestReport) -> str:
        failures = self.failures(report)
        seen = report.articles + len(self.read_failures)
        rate = (report.new + report.changed) / report.seconds if report.seconds else 0.0
        lines = [f"articles: {seen:,} read, {report.new:,} new, {report.changed:,} changed, "
                 f"{report.unchanged:,} unchanged, {len(failures):,} failed",
                 f"events: {report.events:,} in the store",
                 f"time: {report.seconds:,.1f} s ({rate:,.1f} articles extracted a second)"]
        if report.refresh is not None:
            r = report.refresh
            merged = "only the new articles merged" if r.mode == "append" else "every article merged again"
            lines.append(f"events table: {r.computed:,} computed, {r.reused:,} unchanged; {merged}: "
                         f"{r.mentions:,} mentions of {r.articles:,} articles (merge {r.merge_s:.1f} s, "
                         f"rows {r.rows_s:.1f} s)")
        return "\n".join(lines)  # the failures themselves go to standard error: see `failures`
