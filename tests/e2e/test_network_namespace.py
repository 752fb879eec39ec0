"""The page in Chromium inside a network namespace with no network at all (`unshare -n`, loopback only).

The socket guards of tests/test_offline*.py watch this process; here the kernel refuses every connection
of the server, of Chromium and of any worker, so the page drawing and an event opening prove that nothing
the default configuration does needs the network. bench/offline_check.py does the work (and can be run by
hand: bash bench/offline_check.sh --hostile).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.e2e


def _unshare_allowed() -> str | None:
    """None if `unshare -n` works here, else why not."""
    if not shutil.which("unshare") or not shutil.which("ip"):
        return "unshare or ip (util-linux, iproute2) not installed"
    try:
        done = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"], capture_output=True, text=True,
                              timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unshare -n failed: {error}"
    if done.returncode:
        return f"unshare -n is not permitted here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()[:200]}"
    return None


def test_the_page_draws_inside_a_namespace_without_network():
    reason = _unshare_allowed()
    if reason:
        pytest.skip(reason)
    done = subprocess.run(["unshare", "-n", "bash", "-c",
                           f"ip link set lo up && exec {sys.executable} bench/offline_check.py --hostile"],
                          cwd=ROOT, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "network closed: True" in done.stdout and "OK:" in done.stdout
