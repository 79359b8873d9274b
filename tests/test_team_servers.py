"""Two app servers behind Debian's nginx on one PostgreSQL, started by one command (scripts/team.sh).

What the team relies on: a request without the team's credentials is refused; each browser sticks to one
server (its websocket and its session live there); a scenario saved through one server opens through the
other; and everything the command started stops with it.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path

import pytest

from tests.servers import free_port, need, pg_bin, wait_for

pytestmark = [pytest.mark.team, pytest.mark.postgres, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "alice", "correct horse battery"


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    need("nginx", shutil.which("nginx") or Path("/usr/sbin/nginx").exists())
    need("htpasswd (apache2-utils)", shutil.which("htpasswd"))
    need("PostgreSQL", pg_bin())
    run = Path(__import__("tempfile").mkdtemp(prefix="posture-team-"))
    run.chmod(0o755)  # the postgres user creates its cluster inside
    users = run / "users"
    subprocess.run(["htpasswd", "-bc", str(users), USER, PASSWORD], check=True, capture_output=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_DATABASE_URL"}
    proc = subprocess.Popen([str(ROOT / "scripts" / "team.sh"), "--users", str(users), "--servers", "2",
                             "--listen", f"127.0.0.1:{port}", "--dir", str(run / "run")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if "ready at" in line or len(lines) > 200:
            break
    assert "ready at" in "".join(lines), "".join(lines)
    yield {"url": f"http://127.0.0.1:{port}", "proc": proc, "run": run / "run", "ready": lines[-1]}
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # pragma: no cover
            os.killpg(proc.pid, signal.SIGKILL)
    shutil.rmtree(run, ignore_errors=True)


def _get(url: str, auth: tuple[str, str] | None = None, cookie: str | None = None):
    req = urllib.request.Request(url)
    if auth:
        req.add_header("Authorization", "Basic " + b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    if cookie:
        req.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def test_a_request_without_credentials_is_refused(team):
    assert _get(team["url"] + "/")[0] == 401
    assert _get(team["url"] + "/_stcore/health")[0] == 401
    assert _get(team["url"] + "/", auth=(USER, "wrong"))[0] == 401
    status, headers = _get(team["url"] + "/", auth=(USER, PASSWORD))
    assert status == 200 and re.match(r"posture_server=[12];", headers["Set-Cookie"])


def test_the_app_servers_listen_on_loopback_only(team):
    ports = [int(p) for p in re.search(r"ports ([\d ]+);", team["ready"]).group(1).split()]
    assert len(ports) == 2
    out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout if shutil.which("ss") else ""
    for p in ports:
        listening = [line for line in out.splitlines() if re.search(rf":{p}\s", line)]
        assert all("127.0.0.1:" in line for line in listening), listening


def test_a_browser_sticks_to_its_server(team):
    for n in ("1", "2"):
        status, headers = _get(team["url"] + "/", auth=(USER, PASSWORD), cookie=f"posture_server={n}")
        assert status == 200 and headers["X-Posture-Server"] == n


def test_a_scenario_saved_through_one_server_opens_through_the_other(team):
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        try:
            pages = []
            for n in ("1", "2"):
                ctx = browser.new_context(viewport={"width": 1500, "height": 1100},
                                          http_credentials={"username": USER, "password": PASSWORD})
                ctx.add_cookies([{"name": "posture_server", "value": n, "url": team["url"]}])
                pages.append(ctx.new_page())
            one, two = pages
            resp = one.goto(f"{team['url']}/scenarios?lv_reroute_mt=4")
            assert resp.headers["x-posture-server"] == "1"
            _ready(one)
            via_one = one.locator("[data-testid=stMetric]", has_text="Via Russia").locator(
                "[data-testid=stMetricValue]").inner_text()
            one.get_by_text("Keep and share this scenario").click()
            one.get_by_label("Name", exact=True).fill("Through server one")
            one.get_by_label("Name", exact=True).press("Enter")
            expect(one.locator(".st-key-saved_save button")).to_be_enabled(timeout=30_000)
            one.locator(".st-key-saved_save button").click()
            expect(one.get_by_text("as revision 1")).to_be_visible(timeout=30_000)
            # the author is the user the proxy authenticated
            expect(one.get_by_text(f"revision 1, saved by {USER}")).to_be_visible(timeout=30_000)

            resp = two.goto(f"{team['url']}/scenarios")
            assert resp.headers["x-posture-server"] == "2"
            _ready(two)
            metric = two.locator("[data-testid=stMetric]", has_text="Via Russia").locator("[data-testid=stMetricValue]")
            assert metric.inner_text() != via_one
            two.get_by_text("Keep and share this scenario").click()
            expect(two.get_by_role("combobox", name="Saved scenarios")).to_have_value("Through server one", timeout=30_000)
            two.locator(".st-key-saved_open button").click()
            expect(metric).to_have_text(via_one, timeout=30_000)
        finally:
            browser.close()


def _ready(page, timeout=90_000):
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)
    page.wait_for_selector("[data-testid=stMetric]", timeout=timeout)
    page.wait_for_timeout(500)


def test_stopping_the_command_stops_everything_it_started(team):
    """Last in the module: the fixture's own stop is what is checked."""
    proc = team["proc"]
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=60)
    run = str(team["run"])

    def leftovers():
        out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
        return [line for line in out.splitlines() if run in line]

    assert wait_for(lambda: not leftovers(), timeout=30), leftovers()
