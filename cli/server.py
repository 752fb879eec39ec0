"""The dashboard's Streamlit server: started, waited for and warmed, by `chronomap serve`, the browser tests
and the benchmarks alike.

Warming runs the page once inside the server (Streamlit's script health check): the first analyst to open
it then finds the modules imported and the events read, instead of waiting seconds for both.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
DEFAULT_PORT = 8501  # Streamlit's


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def command(port: int | None = None, *, local: bool = False, extra: list[str] | tuple[str, ...] = (),
            app: Path = APP) -> list[str]:
    """`streamlit run streamlit_app.py` (or another `app`: a benchmark's bare page), with the health check that
    `warm` uses; `local` listens on 127.0.0.1 only, headless (tests and benchmarks)."""
    line = [sys.executable, "-m", "streamlit", "run", str(app), "--server.scriptHealthCheckEnabled", "true"]
    if port:
        line += ["--server.port", str(port)]
    if local:
        line += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    return line + list(extra)


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout_s: float = 60) -> None:
    """Until the server answers; TimeoutError past `timeout_s`, RuntimeError if it exits first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {process.returncode} before it answered")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout_s:.0f} s")


def warm(url: str, timeout_s: float = 300) -> bool:
    """Run the page once in the server; False (and a page that is only slower to open) when that fails."""
    try:
        with urllib.request.urlopen(url + "/_stcore/script-health-check", timeout=timeout_s) as response:
            return response.status == 200
    except OSError:  # urllib's HTTP and URL errors are OSErrors too
        return False


@dataclass
class Server:
    process: subprocess.Popen
    url: str


@contextmanager
def running(env: Mapping[str, str], *, port: int | None = None, warmed: bool = True, local: bool = True,
            output=subprocess.DEVNULL, app: Path = APP) -> Iterator[Server]:
    """A server for the environment's articles or store, up (and warmed); stopped after. `local`: on
    127.0.0.1 only (tests and benchmarks); otherwise with Streamlit's and the project's settings alone."""
    port = port or free_port()
    process = subprocess.Popen(command(port, local=local, app=app), cwd=app.parent, env=dict(env), stdout=output,
                               stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process)
        if warmed:
            warm(url)
        yield Server(process, url)
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
