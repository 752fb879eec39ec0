"""Load: many concurrent browser sessions changing filters on the real dashboard server.

python bench/load.py [--sessions 25] [--seconds 120] [--think 6] [--browsers 1] [--split] [--seed 1]

Starts `streamlit run streamlit_app.py` on the bundled corpus (CHRONOMAP_DATA=data/articles, the store in a
temporary folder, as tests/e2e/conftest.py does), opens `--sessions` tabs in headless Chromium (Debian's
/usr/bin/chromium, spread over `--browsers` browser processes, each tab its own Streamlit session), a second apart,
and once all have loaded has each change filters for `--seconds`: a source, an event type, the time window (◀ ▶),
the timeline's lanes, "Reset filters", chosen at random, each after a pause as an analyst reads the view (`--think`
seconds on average, uniform between half and one and a half times that; 0 makes every session change a filter the
moment the last one is drawn, a stress test whose response times only say how many changes the cores can draw a
second). A response is the time from the click that changes a filter to the page drawn: the run it asked for has
finished (its "script finished" seen on the websocket) and no element is left stale; the server's round trip is the
time from the rerun request leaving the page to that "script finished" coming back. The browsers share the server's
cores here, so the first figure holds their drawing of 25 pages too; the second is what the server adds. `--split`
gives the server one core and the browsers the other, as when the browsers run on analysts' machines. Prints
interactions, errors (a traceback on the page, a wait that failed), the 50th and 95th percentile and worst of both,
the server's memory (RSS of the streamlit process sampled every second: at the start of the load, peak, end) and
CPU, how busy the whole machine was while measured, and the load average.
Exit status 1 when there were errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from cli import server
from dashboard.briefing import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WAIT_MS = 60_000
ARRIVAL_S = 1.0  # sessions arrive a second apart, not in one instant: 25 pages opening at once on two cores
                 # time out in the browsers before the server is asked anything

# Streamlit is busy while elements are stale or the running icon shows; a change is drawn when the run it
# asked for has finished (seen on the websocket: a quick run never marks anything stale) and neither is left.
BUSY = """
() => !document.querySelector('[data-stale="true"], [data-testid="stStatusWidgetRunningIcon"], '
                              + '[data-testid="stStatusWidgetRunningManIcon"]')
"""


@dataclass
class Tally:
    responses: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    loads: list[float] = field(default_factory=list)
    round_trips: list[float] = field(default_factory=list)  # rerun request sent -> script finished received


class Traffic:
    """A page's reruns as they cross the websocket: when the latest request left, when the first still
    unanswered one left (a round trip is timed from it), and when the latest run finished. Timed where this
    script sees the frames, so an upper bound when the browser is busy."""

    def __init__(self, page, tally: Tally):
        self.requested, self.unanswered, self.finished, self.tally = 0.0, 0.0, 0.0, tally
        page.on("websocket", lambda ws: (ws.on("framesent", self._sent), ws.on("framereceived", self._received)))

    def _sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            self.requested = time.perf_counter()
            if self.finished >= self.unanswered:
                self.unanswered = self.requested

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished":
            self.finished = time.perf_counter()
            if self.unanswered:
                self.tally.round_trips.append(self.finished - self.unanswered)

    async def settled(self, page, since: float) -> None:
        """Until a run asked for after `since` has finished (a run still going when the change was made, such
        as the map's own, is answered first) and the page shows no stale element."""
        deadline = time.perf_counter() + WAIT_MS / 1000
        while not (self.requested > since and self.finished > self.requested):
            if time.perf_counter() > deadline:
                raise TimeoutError("no rerun finished after the change")
            await asyncio.sleep(0.01)
        await page.wait_for_function(BUSY, timeout=WAIT_MS, polling=20)


class Memory(threading.Thread):
    """RSS of one process, sampled every second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.process, self.samples, self.cpu, self.stop = psutil.Process(pid), [], [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                rss = self.process.memory_info().rss
                if not rss:  # a stopped process not yet reaped
                    return
                self.samples.append(rss)
                times = self.process.cpu_times()
                self.cpu.append(times.user + times.system)
            except Exception:  # the process ended
                return
            self.stop.wait(1.0)


async def _open(page, url: str, tally: Tally) -> None:
    started = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
    await page.locator(".cm-summary").first.wait_for(timeout=WAIT_MS)
    await page.wait_for_function(BUSY, timeout=WAIT_MS, polling=50)
    tally.loads.append(time.perf_counter() - started)


async def _click(target) -> float:
    """Click; when it was made (a response is timed from the click that changes a filter)."""
    clicked = time.perf_counter()
    await target.click(timeout=WAIT_MS)
    return clicked


async def _pick(page, index: int, rng: random.Random) -> float | None:
    """Open the sidebar's `index`th multiselect and click one of its options; None when it offers none."""
    box = page.locator("section[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(index)
    await box.click(timeout=WAIT_MS)
    options = page.get_by_role("option").filter(has_not_text="No results")
    try:
        await options.first.wait_for(timeout=5_000)
    except Exception:
        await _close_list(page)
        return None
    clicked = await _click(options.nth(rng.randrange(await options.count())))
    await _close_list(page)
    return clicked


async def _close_list(page) -> None:
    """Close a multiselect's list and leave it, as an analyst moving on does: while it has the focus it shows
    every choice, and leaving it shrinks it, which moves what is below it between the press and the release
    of a click made there (the click would change nothing)."""
    await page.keyboard.press("Escape")
    await page.evaluate("() => document.activeElement && document.activeElement.blur()")
    await page.get_by_role("listbox").wait_for(state="hidden", timeout=WAIT_MS)


async def _act(page, rng: random.Random) -> tuple[str, float] | None:
    """One filter change, started (not awaited): its kind and when its click was made, or None when nothing
    could be changed."""
    kind = rng.choice(["source", "type", "type", "window", "window", "lanes", "reset"])
    if kind in ("source", "type"):
        clicked = await _pick(page, 0 if kind == "source" else 1, rng)
        return (kind, clicked) if clicked is not None else None
    if kind == "window":
        button = page.get_by_role("button", name=rng.choice(["◀", "▶"]), exact=True)
        if not await button.count():
            return None  # no window: the view is one day or empty
        return kind, await _click(button)
    if kind == "lanes":
        lanes = page.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button")
        if not await lanes.count():
            return None
        return kind, await _click(lanes.nth(rng.randrange(await lanes.count())))
    return kind, await _click(page.get_by_role("button", name="Reset filters"))


async def _session(number: int, context, url: str, window: Window, tally: Tally, seed: int,
                   think_s: float) -> None:
    rng = random.Random(seed * 1000 + number)
    page = await context.new_page()
    traffic = Traffic(page, tally)
    try:
        await _open(page, url, tally)
    except Exception as error:
        tally.errors.append(f"session {number}: first load failed ({type(error).__name__}: {str(error)[:120]})")
        await page.close()
        return
    finally:
        window.arrived()
    await window.opened.wait()
    resets = 0
    while time.monotonic() < window.until:
        if think_s:
            await asyncio.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
            if time.monotonic() >= window.until:
                break
        acted = None
        try:
            acted = await _act(page, rng)
            if acted is None:
                await asyncio.sleep(0.05)
                continue
            kind, clicked = acted
            await traffic.settled(page, clicked)
            tally.responses.append(time.perf_counter() - clicked)
            tally.kinds[kind] = tally.kinds.get(kind, 0) + 1
            if await page.locator("[data-testid='stException']").count():
                text = (await page.locator("[data-testid='stException']").first.inner_text())[:200]
                tally.errors.append(f"session {number}: traceback on the page after {kind}: {text!r}")
                raise RuntimeError("traceback")
        except Exception as error:
            if not isinstance(error, RuntimeError) or str(error) != "traceback":
                tally.errors.append(f"session {number}, {acted[0] if acted else 'a change'}: "
                                    f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
            if time.monotonic() >= window.until or resets > 5:
                break
            resets += 1
            try:  # start the session afresh
                await _open(page, url, tally)
            except Exception:
                break
    await page.close()


def cpu_jiffies() -> tuple[int, int]:
    """The whole machine's busy and total CPU time (every core, in clock ticks) from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(n) for n in stat.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and waiting for I/O
    return sum(ticks) - idle, sum(ticks)


class Window:
    """The measured two minutes: they open when every session has loaded its page (or failed to), so the
    figures are the steady state of all sessions at work, not the arrival of the first ones."""

    def __init__(self, sessions: int, seconds: float, tally: Tally):
        self.waiting, self.seconds, self.tally = sessions, seconds, tally
        self.opened, self.until, self.started_at = asyncio.Event(), float("inf"), 0.0
        self.cpu_at_open = self.cpu_at_close = (0, 0)

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.started_at, self.until = time.time(), time.monotonic() + self.seconds
            self.cpu_at_open = cpu_jiffies()
            self.tally.round_trips.clear()
            self.opened.set()


async def _drive(url: str, sessions: int, seconds: float, browsers: int, seed: int,
                 think_s: float) -> tuple[Tally, Window]:
    from playwright.async_api import async_playwright

    tally = Tally()
    window = Window(sessions, seconds, tally)
    async with async_playwright() as playwright:
        opened = [await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS) for _ in range(browsers)]
        # One context a browser, a tab a session: each tab is its own Streamlit session, and they share the
        # browser's cache of Streamlit's scripts, as an analyst's browser has after a first visit.
        contexts = [await browser.new_context(viewport={"width": 1600, "height": 1000}) for browser in opened]
        page = await contexts[0].new_page()
        await _open(page, url, Tally())  # the first run reads the corpus into the store: not counted
        await page.close()
        tasks = []
        for number in range(sessions):
            context = contexts[number % browsers]
            tasks.append(asyncio.create_task(_session(number, context, url, window, tally, seed, think_s)))
            await asyncio.sleep(ARRIVAL_S)
        await asyncio.gather(*tasks)
        window.cpu_at_close = cpu_jiffies()
        for browser in opened:
            await browser.close()
    return tally, window


def _split_cores(server_pid: int) -> str:
    """The server (every thread it has: those it starts later inherit) on the first core, this script and the
    browsers it starts on the others."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return "one core: nothing to split"
    for thread in Path(f"/proc/{server_pid}/task").iterdir():
        os.sched_setaffinity(int(thread.name), {cores[0]})
    os.sched_setaffinity(0, set(cores[1:]))
    return f"server on core {cores[0]}, browsers on {', '.join(map(str, cores[1:]))}"


def _page_runs(log: Path, since: float) -> list[float]:
    if not log.exists():
        return []
    rows = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return [float(seconds) for ended, seconds in rows if float(ended) >= since]


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=25, help="concurrent browser sessions (default 25)")
    parser.add_argument("--seconds", type=float, default=120, help="how long each session works (default 120)")
    parser.add_argument("--think", type=float, default=6.0,
                        help="mean pause in seconds before each filter change (default 6; 0: none)")
    parser.add_argument("--split", action="store_true",
                        help="the server on one core, the browsers on the others")
    parser.add_argument("--browsers", type=int, default=1, help="Chromium processes the sessions share (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sessions' random choices")
    parser.add_argument("--nice", type=int, default=10,
                        help="niceness of the browsers (default 10): on a machine they share with the server, "
                             "the server's runs come first, as they would with browsers on analysts' machines")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        runs_log = Path(tmp) / "runs.log"
        env = dict(os.environ, CHRONOMAP_DATA=str(ROOT / "data" / "articles"),
                   CHRONOMAP_STORE=str(Path(tmp) / "chronomap.db"), CHRONOMAP_RUN_LOG=str(runs_log))
        memory = None
        try:
            with server.running(env) as running:
                memory = Memory(running.process.pid)
                memory.start()
                cores = _split_cores(running.process.pid) if args.split else "cores shared"
                os.nice(args.nice)  # this script and the browsers it starts; the server keeps its priority
                tally, window = asyncio.run(_drive(running.url, args.sessions, args.seconds, args.browsers,
                                                    args.seed, args.think))
                load = os.getloadavg()
                page_runs = _page_runs(runs_log, since=window.started_at)
        except (TimeoutError, RuntimeError) as error:
            print(f"the server did not start: {error}", file=sys.stderr)
            return 2
        finally:
            if memory is not None:
                memory.stop.set()

    responses = tally.responses
    mb = [s / 2**20 for s in memory.samples] if memory else [0.0]
    print(f"sessions: {args.sessions} over {args.seconds:.0f} s ({args.browsers} Chromium process(es)), a change "
          f"after {args.think:g} s on average; {os.cpu_count()} cores, {cores}")
    print(f"interactions: {len(responses)} ({', '.join(f'{k} {v}' for k, v in sorted(tally.kinds.items()))}); "
          f"{len(responses) / args.seconds:.1f} a second")
    print(f"errors: {len(tally.errors)}")
    for line in tally.errors[:20]:
        print(f"  {line}")
    if responses:
        print(f"response (change to Streamlit idle): p50 {_percentile(responses, 50):.2f} s, "
              f"p95 {_percentile(responses, 95):.2f} s, worst {max(responses):.2f} s")
    if page_runs:
        print(f"page runs in the server (wall time, $CHRONOMAP_RUN_LOG): p50 {_percentile(page_runs, 50):.2f} s, "
              f"p95 {_percentile(page_runs, 95):.2f} s, worst {max(page_runs):.2f} s ({len(page_runs)} runs)")
    if tally.round_trips:
        trips = tally.round_trips
        print(f"server round trip (rerun request to script finished, at the websocket): p50 "
              f"{_percentile(trips, 50):.2f} s, p95 {_percentile(trips, 95):.2f} s, worst {max(trips):.2f} s "
              f"({len(trips)} runs)")
    if tally.loads:
        print(f"page loads: {len(tally.loads)}, median {statistics.median(tally.loads):.2f} s")
    print(f"server RSS: start {mb[0]:.0f} MB, peak {max(mb):.0f} MB, end {mb[-1]:.0f} MB ({len(mb)} samples)")
    if memory and len(memory.cpu) > 1:
        busy = memory.cpu[-1] - memory.cpu[0]
        print(f"server CPU: {busy:.0f} s over {len(memory.cpu) - 1} s ({busy / max(1, len(memory.cpu) - 1):.0%} of "
              "one core)")
    (busy0, total0), (busy1, total1) = window.cpu_at_open, window.cpu_at_close
    if total1 > total0:
        print(f"the machine's CPU while measured: {(busy1 - busy0) / (total1 - total0):.0%} busy over its "
              f"{os.cpu_count()} cores (server, browsers and this script)")
    print(f"load average at the end (1, 5, 15 min): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
